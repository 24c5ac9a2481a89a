import { createSalesforceClient, type SalesforceClient } from "../../../shared/adapters/salesforce";
import { parseSettings } from "../../../shared/config/parse-settings";
import { parseJorttInvoice } from "../../../shared/domain/jortt/invoice-schema";
import { findReverseInvoiceOrders, linkReverseInvoices } from "../../../shared/use-cases/reverse/link-reverse-invoices";
import { type JorttSandbox, startJorttSandbox } from "../../../sim/jortt";
import { type SalesforceSandbox, startSalesforceSandbox } from "../../../sim/salesforce";
import { useAwsEmulators } from "../../support/aws-emulators";
import { clientFor } from "../jortt/sandbox-client";
import { clientCredentialsFor, FAST_RETRY } from "../salesforce-client/sandbox-fixtures";
import { objectsDirWithPaymentFields, seedReverseOrg } from "./reverse-org-fixtures";
import { ReversePipeline } from "./reverse-pipeline";

useAwsEmulators();

let objects: ReturnType<typeof objectsDirWithPaymentFields>;
let salesforceSandbox: SalesforceSandbox;
let jorttSandbox: JorttSandbox;
let salesforce: SalesforceClient;

beforeAll(async () => {
  objects = objectsDirWithPaymentFields();
  salesforceSandbox = await startSalesforceSandbox({ objectsDir: objects.dir });
  jorttSandbox = await startJorttSandbox({ rateLimitPerSecond: null });
  salesforce = createSalesforceClient(clientCredentialsFor(salesforceSandbox), { retry: FAST_RETRY });
});

afterAll(async () => {
  await salesforceSandbox.close();
  await jorttSandbox.close();
  objects.cleanup();
});

function order(id: string): Record<string, unknown> {
  const row = salesforceSandbox.records("Order").find((record) => record.Id === id);
  if (!row) throw new Error(`no Order ${id}`);
  return row;
}

function invoiceOf(orderId: string) {
  const invoices = [...jorttSandbox.store.invoices.values()].filter((invoice) => invoice.reference === orderId);
  expect(invoices).toHaveLength(1);
  return invoices[0] as NonNullable<(typeof invoices)[0]>;
}

describe("forward sync helper: linking reverse-flow invoices to their Orders", () => {
  it("recognises a reverse-flow invoice by its reference before the id is written back (the window after the create)", async () => {
    const org = seedReverseOrg(salesforceSandbox, jorttSandbox, 6);
    const pipeline = await ReversePipeline.create({
      salesforce,
      jortt: clientFor(jorttSandbox),
      settings: parseSettings({ flows: { salesforceToJortt: true } }),
    });
    try {
      await pipeline.select("poll-1");
      await pipeline.drain();
    } finally {
      pipeline.close();
    }
    const invoiceIds = new Map(org.good.map((seeded) => [seeded.id, invoiceOf(seeded.id).id]));
    const [inWindow, alsoInWindow, linked] = org.good;
    if (!inWindow || !alsoInWindow || !linked) throw new Error("seed too small");
    // As if the push had created these two invoices in Jortt but not written the ids back yet.
    const unlink = salesforceSandbox
      .records("Order")
      .filter((row) => row.Id === inWindow.id || row.Id === alsoInWindow.id);
    await salesforce.updateRecords(
      "Order",
      unlink.map((row) => ({ Id: row.Id, Jortt_Invoice_Id__c: null })),
    );
    // An invoice made in Jortt by hand whose reference names an Order that already has its invoice
    // (e.g. a credit note copying it), one naming a deleted Order, and one with free text.
    const credit = jorttSandbox.store.createInvoiceV3({ reference: linked.id, line_items: [] });
    const deleted = jorttSandbox.store.createInvoiceV3({ reference: "801000000000999AAA", line_items: [] });
    const freeText = jorttSandbox.store.createInvoiceV3({ reference: "PO 2026-17", line_items: [] });

    const invoices = [...jorttSandbox.store.invoices.values()].map((raw) => {
      const parsed = parseJorttInvoice(raw);
      if (!parsed.ok) throw parsed.error;
      return parsed.value;
    });
    const callsBefore = salesforce.callCount;
    const links = await findReverseInvoiceOrders(salesforce, invoices);
    expect(salesforce.callCount - callsBefore).toBe(1);

    for (const seeded of org.good) expect(links.get(invoiceIds.get(seeded.id) ?? "")).toBe(seeded.id);
    expect(links.size).toBe(6);
    for (const other of [credit, deleted, freeText]) expect(links.has(other.id)).toBe(false);

    const outcomes = await linkReverseInvoices(salesforce, invoices, links);
    expect([...outcomes.values()].every((outcome) => outcome.ok)).toBe(true);
    for (const seeded of [inWindow, alsoInWindow]) {
      const row = order(seeded.id);
      const invoice = jorttSandbox.store.invoices.get(invoiceIds.get(seeded.id) ?? "");
      expect(row.Jortt_Invoice_Id__c).toBe(invoice?.id);
      expect(row.Jortt_Status__c).toBe("draft");
      expect(row.Jortt_Total_Incl_VAT__c).toBe(Number(invoice?.invoice_total_incl_vat.value));
    }
  });
});
