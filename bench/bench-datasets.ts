import { z } from "zod";
import { generateJorttDemoData, type JorttDemoData } from "../sim/jortt";
import { DEFAULT_SYNCED_STATUSES } from "./default-mapping";
import {
  type SourceCustomer,
  SourceCustomerSchema,
  type SourceInvoice,
  SourceInvoiceSchema,
} from "./jortt-source-records";

/**
 * A seeded dataset for one benchmark size: the sandbox's demo generator (companies and private
 * persons, 1–5 lines, drafts, paid/unpaid/late, credit notes, a share in the 2020 wire shape) with
 * one customer per `INVOICES_PER_CUSTOMER` invoices. The same seed gives the same records, so
 * both sides and every run see identical data.
 */
export interface BenchDataset {
  size: number;
  /** "1k", "10k", … */
  label: string;
  data: JorttDemoData;
  /** The records as the benchmark's own mapping reads them (for the end-state check). */
  customers: SourceCustomer[];
  invoices: SourceInvoice[];
  /** Invoices with a synced status (default `sent`): what a first sync must write. */
  syncedInvoices: number;
  syncedLines: number;
}

const INVOICES_PER_CUSTOMER = 4;

export function sizeLabel(size: number): string {
  return size % 1000 === 0 ? `${size / 1000}k` : String(size);
}

export function buildDataset(size: number, seed: number): BenchDataset {
  const data = generateJorttDemoData({
    seed,
    invoices: size,
    customers: Math.max(1, Math.round(size / INVOICES_PER_CUSTOMER)),
  });
  const customers = z.array(SourceCustomerSchema).parse(data.customers);
  const invoices = z.array(SourceInvoiceSchema).parse(data.invoices);
  const synced = invoices.filter((invoice) => DEFAULT_SYNCED_STATUSES.includes(invoice.invoice_status));
  return {
    size,
    label: sizeLabel(size),
    data,
    customers,
    invoices,
    syncedInvoices: synced.length,
    syncedLines: synced.reduce((sum, invoice) => sum + invoice.line_items.length, 0),
  };
}
