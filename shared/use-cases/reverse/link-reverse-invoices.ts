import { z } from "zod";
import type { JorttInvoice } from "../../domain/jortt/invoice-schema";
import { isInvoicePaid } from "../../domain/jortt/invoice-schema";
import { centsToDecimalNumber } from "../../domain/money";
import { isSalesforceOrderId } from "../../domain/reverse/salesforce-order-id";
import { SalesforceIdSchema } from "../../domain/reverse/salesforce-order-rows";
import type { SalesforceGateway, SalesforceRecord, WriteOutcome } from "../../ports/salesforce-gateway";

const LinkedOrderRowSchema = z.looseObject({
  Id: SalesforceIdSchema,
  Jortt_Invoice_Id__c: z.string().nullish(),
});

/**
 * For the FORWARD sync (Jortt → Salesforce): which Jortt invoices were made by the reverse flow from
 * a Salesforce Order, so they are linked to that Order instead of becoming a new one.
 *
 * An invoice is linked when its `reference` is an Order id (key prefix 801) that exists in this
 * org and whose `Jortt_Invoice_Id__c` is empty or already this invoice. Usually the reverse flow
 * has written the id back and the forward upsert by `Jortt_Invoice_Id__c` would find the Order by
 * itself; this check closes the window between the Jortt create and that write-back (and covers a
 * write-back that failed). A reference naming an Order that already holds another invoice (e.g. a
 * credit note copying it) is not linked: that invoice gets its own Order as usual.
 *
 * One SOQL per ≤~600 referenced invoices; invoices without an Order reference cost nothing.
 * Returns invoice id → Order Id.
 */
export async function findReverseInvoiceOrders(
  salesforce: SalesforceGateway,
  invoices: readonly Pick<JorttInvoice, "id" | "reference">[],
): Promise<Map<string, string>> {
  const referenced = invoices.filter((invoice) => isSalesforceOrderId(invoice.reference));
  const links = new Map<string, string>();
  if (referenced.length === 0) return links;
  const rows = await salesforce.queryIn<unknown>(
    referenced.map((invoice) => invoice.reference as string),
    (inList) => `SELECT Id, Jortt_Invoice_Id__c FROM Order WHERE Id IN ${inList}`,
  );
  // Keyed by the 15-character form, which an 18-character id starts with (a reference may be either).
  const orders = new Map<string, { id: string; jorttId: string | null }>();
  for (const raw of rows) {
    const row = LinkedOrderRowSchema.parse(raw);
    orders.set(row.Id.slice(0, 15), { id: row.Id, jorttId: row.Jortt_Invoice_Id__c ?? null });
  }
  for (const invoice of referenced) {
    const order = orders.get((invoice.reference as string).slice(0, 15));
    if (order && (order.jorttId === null || order.jorttId === invoice.id)) links.set(invoice.id, order.id);
  }
  return links;
}

/**
 * The Order update that links a reverse-flow invoice: by Id, only the Jortt fields (id, number,
 * status, paid, due date, totals). Account, dates, Status, price book and the Order's own products
 * stay as the user made them: no OrderItems are written for a linked invoice.
 */
export function reverseLinkOrderFields(invoice: JorttInvoice, orderId: string): SalesforceRecord {
  return {
    Id: orderId,
    Jortt_Invoice_Id__c: invoice.id,
    Jortt_Invoice_Number__c: invoice.invoice_number,
    Jortt_Status__c: invoice.invoice_status,
    Jortt_Paid__c: isInvoicePaid(invoice),
    Jortt_Due_Date__c: invoice.invoice_due_date,
    Jortt_Total_Excl_VAT__c: centsToDecimalNumber(invoice.invoice_total.cents),
    Jortt_Total_Incl_VAT__c: centsToDecimalNumber(invoice.invoice_total_incl_vat.cents),
    Jortt_Due_Amount__c: centsToDecimalNumber(invoice.invoice_due_amount.cents),
    Jortt_Sync_Error__c: null,
  };
}

/**
 * The same link from the forward mapping's Order record (mapping overrides applied): its Jortt_*
 * fields, by Id. Use it where the task holds the mapped Order rather than the parsed invoice.
 */
export function linkFieldsFromMappedOrder(
  orderFields: Readonly<Record<string, unknown>>,
  orderId: string,
): SalesforceRecord {
  const jortt = Object.entries(orderFields).filter(([name]) => name.startsWith("Jortt_"));
  return { Id: orderId, ...Object.fromEntries(jortt), Jortt_Sync_Error__c: null };
}

/**
 * Links the given invoices (from findReverseInvoiceOrders) in ONE Collections update. Returns the
 * outcome per invoice id, so the forward sync marks those tasks synced (state `salesforceIds.order`)
 * and skips their Order and OrderItem upserts.
 */
export async function linkReverseInvoices(
  salesforce: SalesforceGateway,
  invoices: readonly JorttInvoice[],
  links: ReadonlyMap<string, string>,
): Promise<Map<string, WriteOutcome>> {
  const linked = invoices.filter((invoice) => links.has(invoice.id));
  const outcomes = new Map<string, WriteOutcome>();
  if (linked.length === 0) return outcomes;
  const result = await salesforce.updateRecords(
    "Order",
    linked.map((invoice) => reverseLinkOrderFields(invoice, links.get(invoice.id) as string)),
  );
  linked.forEach((invoice, index) => {
    const outcome = result.outcomes[index];
    if (outcome) outcomes.set(invoice.id, outcome);
  });
  return outcomes;
}
