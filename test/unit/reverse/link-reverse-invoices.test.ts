import { parseJorttInvoice } from "../../../shared/domain/jortt/invoice-schema";
import { isSalesforceOrderId } from "../../../shared/domain/reverse/salesforce-order-id";
import { reverseLinkOrderFields } from "../../../shared/use-cases/reverse/link-reverse-invoices";

describe("reverse-flow invoices in the forward sync", () => {
  it.each([
    ["801000000000001AAA", true],
    ["801000000000001", true],
    ["001000000000001AAA", false], // an Account id
    ["801000000000001AA", false],
    [" 801000000000001AAA", false],
    ["PO-801000000000001", false],
    [null, false],
  ])("%p is an Order reference: %p", (reference, expected) => {
    expect(isSalesforceOrderId(reference)).toBe(expected);
  });

  it("links by Id with the Jortt fields only: no Account, dates, Status or products", () => {
    const parsed = parseJorttInvoice({
      id: "11111111-2222-4333-8444-555555555555",
      invoice_status: "sent",
      invoice_number: "202611-003",
      invoice_date: "2026-11-28",
      invoice_due_date: "2026-12-12",
      invoice_total: { value: "100.00", currency: "EUR" },
      invoice_total_incl_vat: { value: "121.00", currency: "EUR" },
      invoice_due_amount: { value: "0.00", currency: "EUR" },
      line_items: [],
      reference: "801000000000001AAA",
      created_at: "2026-11-28T11:00:00+01:00",
    });
    if (!parsed.ok) throw parsed.error;
    expect(reverseLinkOrderFields(parsed.value, "801000000000001AAA")).toEqual({
      Id: "801000000000001AAA",
      Jortt_Invoice_Id__c: "11111111-2222-4333-8444-555555555555",
      Jortt_Invoice_Number__c: "202611-003",
      Jortt_Status__c: "sent",
      Jortt_Paid__c: true,
      Jortt_Due_Date__c: "2026-12-12",
      Jortt_Total_Excl_VAT__c: 100,
      Jortt_Total_Incl_VAT__c: 121,
      Jortt_Due_Amount__c: 0,
      Jortt_Sync_Error__c: null,
    });
  });
});
