import { rawCustomer, rawInvoice, rawLine } from "../../support/fakes/jortt-records";
import { invoiceMessage } from "../../support/fakes/sync-messages";
import { UseCaseHarness } from "../../support/fakes/use-case-harness";

/** A customer's Account and an Order the user made (their own product line), as the reverse flow selects it. */
function userOrder(h: UseCaseHarness, customerId: string, jorttInvoiceId: string | null = null): string {
  const accountId = h.org.seed("Account", { Name: "User Account", Jortt_Customer_Id__c: customerId });
  return h.org.seed("Order", {
    AccountId: accountId,
    Status: "Draft",
    EffectiveDate: "2026-11-01",
    Jortt_Invoice_Id__c: jorttInvoiceId,
  });
}

describe("syncRecords: invoices the reverse flow made from an Order", () => {
  it("links the invoice to its Order by Id: Jortt fields only, no OrderItems, state synced with the Order", async () => {
    const h = new UseCaseHarness();
    const customer = rawCustomer();
    const orderId = userOrder(h, String(customer.id));
    const invoice = rawInvoice(customer, {
      reference: orderId,
      line_items: [rawLine({ description: "Jortt's copy of the user's line" })],
    });
    const plain = rawInvoice(customer);

    const result = await h.syncBodies([invoiceMessage(invoice, customer), invoiceMessage(plain, customer)]);

    expect(result.counts.synced).toBe(2);
    const linked = h.org.findBy("Order", "Id", orderId)[0];
    expect(linked?.Jortt_Invoice_Id__c).toBe(invoice.id);
    expect(linked?.Status).toBe("Draft");
    expect(linked?.EffectiveDate).toBe("2026-11-01");
    expect(h.org.findBy("OrderItem", "OrderId", orderId)).toHaveLength(0);
    // The other invoice still becomes its own Order.
    expect(h.org.findBy("Order", "Jortt_Invoice_Id__c", plain.id)).toHaveLength(1);
    expect(h.org.records("Order")).toHaveLength(2);
    const state = (await h.state.getRecordStates([`invoice:${invoice.id}`])).get(`invoice:${invoice.id}`);
    expect(state?.outcome).toBe("synced");
    expect(state?.salesforceIds).toEqual({ order: orderId });
  });

  it("does not link to an Order that holds another invoice (a credit note copying the reference)", async () => {
    const h = new UseCaseHarness();
    const customer = rawCustomer();
    const orderId = userOrder(h, String(customer.id), "another-invoice");
    const credit = rawInvoice(customer, { reference: orderId });

    const result = await h.syncBodies([invoiceMessage(credit, customer)]);

    expect(result.counts.synced).toBe(1);
    expect(h.org.findBy("Order", "Id", orderId)[0]?.Jortt_Invoice_Id__c).toBe("another-invoice");
    expect(h.org.findBy("Order", "Jortt_Invoice_Id__c", credit.id)).toHaveLength(1);
  });

  it("costs no Salesforce call when no invoice of the batch references an Order", async () => {
    const h = new UseCaseHarness();
    const customer = rawCustomer();
    await h.syncBodies([invoiceMessage(rawInvoice(customer, { reference: "PO-2026-17" }), customer)]);

    expect(h.org.log.some((entry) => /FROM Order\b/.test(entry.soql ?? ""))).toBe(false);
  });
});
