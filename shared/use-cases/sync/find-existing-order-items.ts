import type { SalesforceGateway } from "../../ports/salesforce-gateway";
import { asSyncError } from "../as-sync-error";
import { type ExistingOrderItem, orderItemsFromState } from "./order-item-state";
import type { SyncBatchLedger } from "./sync-batch-ledger";
import { type InvoiceTask, isPending } from "./sync-tasks";

interface OrderItemRow {
  Id: string;
  OrderId: string;
  Jortt_Line_Id__c: string | null;
  PricebookEntryId: string | null;
}

/**
 * The OrderItems each invoice's Order already has, keyed by line external id, at the lowest cost:
 * - an Order Salesforce just created has none;
 * - an invoice synced before: its state lists them (no call);
 * - otherwise (first sync of an Order that already existed: a crash between the Salesforce write
 *   and the state write, a dead-lettered retry, or an Order adopted from a previous install) ONE SOQL
 *   for all such Orders of the batch. Items without a Jortt line id are not ours and are left alone.
 */
export async function findExistingOrderItems(
  salesforce: SalesforceGateway,
  tasks: readonly InvoiceTask[],
  ledger: SyncBatchLedger,
): Promise<Map<InvoiceTask, Map<string, ExistingOrderItem>>> {
  const existing = new Map<InvoiceTask, Map<string, ExistingOrderItem>>();
  const unknown: InvoiceTask[] = [];
  for (const task of tasks.filter(isPending)) {
    if (task.ids.orderCreated) existing.set(task, new Map());
    else if (task.state?.outcome === "synced") existing.set(task, orderItemsFromState(task.state));
    else unknown.push(task);
  }
  if (unknown.length === 0) return existing;
  let rows: OrderItemRow[];
  try {
    rows = await salesforce.queryIn<OrderItemRow>(
      unknown.map((task) => task.ids.order as string),
      (list) => `SELECT Id, OrderId, Jortt_Line_Id__c, PricebookEntryId FROM OrderItem WHERE OrderId IN ${list}`,
    );
  } catch (error) {
    for (const task of unknown) ledger.fail(task, asSyncError(error));
    return existing;
  }
  for (const task of unknown) {
    const items = new Map<string, ExistingOrderItem>();
    for (const row of rows) {
      if (row.OrderId !== task.ids.order || !row.Jortt_Line_Id__c?.startsWith(`${task.id}:`)) continue;
      items.set(row.Jortt_Line_Id__c, { id: row.Id, pricebookEntryId: row.PricebookEntryId });
    }
    existing.set(task, items);
  }
  return existing;
}
