import { parseSettings } from "../../../shared/config/parse-settings";
import { parseJorttInvoice } from "../../../shared/domain/jortt/invoice-schema";
import { findReverseInvoiceOrders, linkReverseInvoices } from "../../../shared/use-cases/reverse/link-reverse-invoices";
import { useAwsEmulators } from "../../support/aws-emulators";
import { clientFor } from "../jortt/sandbox-client";
import { seedReverseOrg } from "./reverse-org-fixtures";
import { ReversePipeline } from "./reverse-pipeline";
import { useReverseHarness } from "./support/reverse-harness";

useAwsEmulators();

const harness = useReverseHarness();

describe("forward sync helper: linking reverse-flow invoices to their Orders", () => {
  it("recognises a reverse-flow invoice by its reference before the id is written back (the window after the create)", async () => {
    const org = seedReverseOrg(harness.salesforceSandbox, harness.jorttSandbox, 6);
    const pipeline = await ReversePipeline.create({
      salesforce: harness.salesforce,
      jortt: clientFor(harness.jorttSandbox),
      settings: parseSettings({ flows: { salesforceToJortt: true } }),
    });
    try {
      await pipeline.select("poll-1");
      await pipeline.drain();
    } finally {
      pipeline.close();
    }
    const invoiceIds = new Map(org.good.map((seeded) => [seeded.id, harness.invoiceOf(seeded.id).id]));
    const [inWindow, alsoInWindow, linked] = org.good;
    if (!inWindow || !alsoInWindow || !linked) throw new Error("seed too small");
    // As if the push had created these two invoices in Jortt but not written the ids back yet.
    const unlink = harness.salesforceSandbox
      .records("Order")
      .filter((row) => row.Id === inWindow.id || row.Id === alsoInWindow.id);
    await harness.salesforce.updateRecords(
      "Order",
      unlink.map((row) => ({ Id: row.Id, Jortt_Invoice_Id__c: null })),
    );
    // An invoice made in Jortt by hand whose reference names an Order that already has its invoice
    // (e.g. a credit note copying it), one naming a deleted Order, and one with free text.
    const credit = harness.jorttSandbox.store.createInvoiceV3({ reference: linked.id, line_items: [] });
    const deleted = harness.jorttSandbox.store.createInvoiceV3({ reference: "801000000000999AAA", line_items: [] });
    const freeText = harness.jorttSandbox.store.createInvoiceV3({ reference: "PO 2026-17", line_items: [] });

    const invoices = [...harness.jorttSandbox.store.invoices.values()].map((raw) => {
      const parsed = parseJorttInvoice(raw);
      if (!parsed.ok) throw parsed.error;
      return parsed.value;
    });
    const callsBefore = harness.salesforce.callCount;
    const links = await findReverseInvoiceOrders(harness.salesforce, invoices);
    expect(harness.salesforce.callCount - callsBefore).toBe(1);

    for (const seeded of org.good) expect(links.get(invoiceIds.get(seeded.id) ?? "")).toBe(seeded.id);
    expect(links.size).toBe(6);
    for (const other of [credit, deleted, freeText]) expect(links.has(other.id)).toBe(false);

    const outcomes = await linkReverseInvoices(harness.salesforce, invoices, links);
    expect([...outcomes.values()].every((outcome) => outcome.ok)).toBe(true);
    for (const seeded of [inWindow, alsoInWindow]) {
      const row = harness.order(seeded.id);
      const invoice = harness.jorttSandbox.store.invoices.get(invoiceIds.get(seeded.id) ?? "");
      expect(row.Jortt_Invoice_Id__c).toBe(invoice?.id);
      expect(row.Jortt_Status__c).toBe("draft");
      expect(row.Jortt_Total_Incl_VAT__c).toBe(Number(invoice?.invoice_total_incl_vat.value));
    }
  });
});
