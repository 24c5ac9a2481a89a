import {
  type Cents,
  formatCents,
  type VatBasisPoints,
  vatToPercentNumber,
  vatToPercentString,
} from "../../shared/domain/money";
import { computeInvoiceTotals } from "./invoice-totals";
import { addDays, amsterdamDate, firstOfMonth, formatAmsterdamDateTime } from "./sandbox-dates";
import {
  EU_COUNTRIES,
  type SandboxCustomer,
  type SandboxInvoice,
  type SandboxLineItem,
  type V1Amount,
} from "./sandbox-records";

export function v1Amount(cents: Cents): V1Amount {
  return { value: formatCents(cents), currency: "EUR" };
}

export interface SandboxLineInput {
  description: string;
  /** Exact decimal string. */
  quantity: string;
  unitCents: Cents;
  vatBasisPoints: VatBasisPoints;
  ledgerAccountId?: string | null;
}

export interface BuildSandboxInvoiceInput {
  id: string;
  customer: SandboxCustomer | null;
  lines: readonly SandboxLineInput[];
  createdAtMs: number;
  invoiceDate?: string;
  paymentTermDays?: number;
  netAmounts?: boolean;
  discounts?: ReadonlyArray<{ description: string; percentage: number }>;
  reference?: string | null;
  introduction?: string | null;
  remarks?: string | null;
  paymentMethod?: string;
  creditedInvoiceId?: string | null;
  tradenameId?: string | null;
  deliveryPeriod?: string;
  deliveryPeriodEnd?: string | null;
  /** A 2020-style record: deprecated line keys only, none of the newer invoice keys. */
  legacy?: boolean;
}

/** Builds a v1 invoice in draft state; `markSent` turns it into a sent one. */
export function buildSandboxInvoice(input: BuildSandboxInvoiceInput): SandboxInvoice {
  const totals = computeInvoiceTotals(input.lines, {
    netAmounts: input.netAmounts,
    discountPercentages: (input.discounts ?? []).map((discount) => discount.percentage),
  });
  const invoiceDate = input.invoiceDate ?? amsterdamDate(input.createdAtMs);
  const paymentTerm = input.paymentTermDays ?? input.customer?.payment_term ?? 30;
  const country = input.customer?.address_country_code ?? "NL";
  const lineItems: SandboxLineItem[] = input.lines.map((line, index) => {
    const item: SandboxLineItem = {
      description: line.description,
      vat: vatToPercentNumber(line.vatBasisPoints),
      amount_per_unit: v1Amount(line.unitCents),
      total_amount_excl_vat: v1Amount(totals.lineTotals[index] ?? 0),
      units: Number(line.quantity),
      ledger_account_id: line.ledgerAccountId ?? null,
    };
    if (!input.legacy) {
      item.vat_percentage = vatToPercentString(line.vatBasisPoints);
      item.number_of_units = line.quantity;
    }
    return item;
  });
  const invoice: SandboxInvoice = {
    id: input.id,
    invoice_status: "draft",
    customer_id: input.customer?.id ?? null,
    invoice_number: null,
    invoice_date: invoiceDate,
    invoice_due_date: addDays(invoiceDate, paymentTerm),
    invoice_delivery_period: input.deliveryPeriod ?? firstOfMonth(invoiceDate),
    invoice_date_sent: null,
    invoice_total: v1Amount(totals.netCents),
    invoice_total_incl_vat: v1Amount(totals.grossCents),
    invoice_due_amount: v1Amount(totals.grossCents),
    send_method: null,
    net_amounts: input.netAmounts ?? false,
    invoice_marked_free_of_vat: input.lines.every((line) => line.vatBasisPoints === 0),
    credited_invoice_id: input.creditedInvoiceId ?? null,
    remarks: input.remarks ?? null,
    introduction: input.introduction ?? null,
    number_of_reminders_sent: 0,
    last_reminded_at: null,
    payment_method: input.paymentMethod ?? input.customer?.payment_method_invoice ?? "pay_later",
    customer_company_name: input.customer?.customer_name ?? null,
    customer_attn: input.customer?.attn ?? null,
    customer_address_street: input.customer?.address_street ?? null,
    customer_address_city: input.customer?.address_city ?? null,
    customer_address_postal_code: input.customer?.address_postal_code ?? null,
    customer_address_country_code: input.customer ? country : null,
    customer_address_country_name: input.customer?.address_country_name ?? null,
    customer_address_extra_information: input.customer?.address_extra_information ?? null,
    customer_vat_shifted: input.customer?.shift_vat ?? null,
    customer_vat_number: input.customer?.vat_number ?? null,
    customer_in_eu: EU_COUNTRIES.has(country),
    customer_reference: input.customer?.reference ?? null,
    customer_mail_to: input.customer?.email ?? null,
    customer_mail_cc_addresses: input.customer?.cc_emails ?? [],
    language: input.customer?.invoice_language ?? "nl",
    line_items: lineItems,
    reference: input.reference ?? null,
    created_at: formatAmsterdamDateTime(input.createdAtMs),
  };
  if (!input.legacy) {
    invoice.tradename_id = input.tradenameId ?? null;
    invoice.invoice_delivery_period_end = input.deliveryPeriodEnd ?? null;
    invoice.customer_is_private = input.customer?.is_private ?? false;
    invoice.discounts = [...(input.discounts ?? [])];
    invoice.credit_invoice_ids = [];
    invoice.peppol_status = null;
  }
  return invoice;
}

/** Sends a draft: status, number, sent date and method; due = total unless already paid. */
export function markSent(
  invoice: SandboxInvoice,
  sent: { invoiceNumber: string; dateSent: string; sendMethod: "email" | "peppol" | "self" },
): void {
  invoice.invoice_status = "sent";
  invoice.invoice_number = sent.invoiceNumber;
  invoice.invoice_date_sent = sent.dateSent;
  invoice.send_method = sent.sendMethod;
  invoice.invoice_due_amount =
    invoice.payment_method === "already_paid" ? v1Amount(0) : { ...invoice.invoice_total_incl_vat };
}
