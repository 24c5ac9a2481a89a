import { isSalesforceOrderId } from "../../domain/reverse/salesforce-order-id";
import { EXTERNAL_ID_FIELD } from "../../domain/salesforce/field-catalog";
import type { SalesforceGateway } from "../../ports/salesforce-gateway";
import { findReverseInvoiceOrders, linkFieldsFromMappedOrder } from "../reverse/link-reverse-invoices";
import type { SyncBatchLedger } from "./sync-batch-ledger";
import { type InvoiceTask, isPending } from "./sync-tasks";

/**
 * Invoices the reverse flow created from a Salesforce Order (`reference` = Order Id) are LINKED to
 * that Order, never upserted as a new one (docs/reverse-flow.md §7): one SOQL for the batch finds
 * the Orders whose `Jortt_Invoice_Id__c` is empty or already this invoice, one Collections update
 * writes only their Jortt fields (mapping overrides applied). Linked tasks are synced with
 * `salesforceIds.order` and skip the Order and OrderItem writes, so the user's products, Account,
 * dates and Status stay as they are. A batch without such a reference costs no call.
 */
export async function linkReverseFlowOrders(
  salesforce: SalesforceGateway,
  invoices: readonly InvoiceTask[],
  ledger: SyncBatchLedger,
): Promise<void> {
  const referenced = invoices.filter((task) => isPending(task) && isSalesforceOrderId(task.reference));
  if (referenced.length === 0) return;
  const links = await findReverseInvoiceOrders(
    salesforce,
    referenced.map((task) => ({ id: task.id, reference: task.reference })),
  );
  const linked = referenced.filter((task) => links.has(task.id));
  if (linked.length === 0) return;
  const records = linked.map((task) => ({
    ...linkFieldsFromMappedOrder(task.mapping.records.order.fields, links.get(task.id) as string),
    [EXTERNAL_ID_FIELD.Order]: task.id,
  }));
  const result = await salesforce.updateRecords("Order", records);
  linked.forEach((task, index) => {
    const outcome = result.outcomes[index];
    const error = outcome && !outcome.ok ? outcome.error : result.stopped;
    if (outcome?.ok) {
      task.ids.order = outcome.id;
      ledger.succeed(task, { order: outcome.id });
    } else if (error) {
      ledger.fail(task, error);
    }
  });
}
