import type { OrderItemRecord } from "../../domain/mapping/mapping-types";
import { EXTERNAL_ID_FIELD, withoutCreateOnlyFields } from "../../domain/salesforce/field-catalog";
import { SyncError } from "../../errors/sync-error";
import type { SalesforceGateway } from "../../ports/salesforce-gateway";
import { findExistingOrderItems } from "./find-existing-order-items";
import { orderItemStateIds } from "./order-item-state";
import { type OrderItemDeletion, removeStaleOrderItems } from "./remove-stale-order-items";
import type { SyncBatchLedger } from "./sync-batch-ledger";
import { type InvoiceTask, isPending } from "./sync-tasks";
import { type WriteItem, writeRecords } from "./write-records";

const LINE_ID = EXTERNAL_ID_FIELD.OrderItem;

export interface ItemWrite {
  task: InvoiceTask;
  line: OrderItemRecord;
  pricebookEntryId: string;
  /** New items carry the create-only fields (Order link, PricebookEntryId); existing ones must not. */
  form: "create" | "update";
}

/**
 * Writes every invoice's lines as OrderItems after its Order:
 * 1. find the items each Order has (state, or one SOQL; see findExistingOrderItems);
 * 2. delete the items whose line is gone or whose product changed (one call per 200);
 * 3. upsert all lines of the batch by Jortt_Line_Id__c (one call per 200): new lines with their
 *    Order (by external id reference) and PricebookEntryId, existing lines without those
 *    create-only fields (Salesforce rejects them on update);
 * 4. an "existing" line that vanished meanwhile (deleted by a person) fails with
 *    REQUIRED_FIELD_MISSING: it is sent once more as a new line.
 * An invoice whose every write succeeded is recorded as synced, with its line ids in state.
 */
export async function upsertOrderItems(
  salesforce: SalesforceGateway,
  tasks: readonly InvoiceTask[],
  pricebookEntries: ReadonlyMap<string, string>,
  ledger: SyncBatchLedger,
): Promise<void> {
  const existing = await findExistingOrderItems(salesforce, tasks, ledger);
  if (ledger.stop) return;
  const writes: ItemWrite[] = [];
  const deletions: OrderItemDeletion[] = [];
  for (const task of tasks.filter(isPending)) {
    const items = existing.get(task) ?? new Map();
    const planned = planOrderItems(task, items, pricebookEntries);
    if (planned instanceof SyncError) {
      ledger.fail(task, planned);
      continue;
    }
    writes.push(...planned.writes);
    deletions.push(...planned.deletions);
  }
  await removeStaleOrderItems(salesforce, deletions, ledger);
  if (ledger.stop) return;

  const vanished: ItemWrite[] = [];
  await sendItems(salesforce, writes, ledger, (write) => vanished.push({ ...write, form: "create" }));
  if (ledger.stop) return;
  await sendItems(salesforce, vanished, ledger, undefined);
  if (ledger.stop) return;

  for (const task of tasks.filter(isPending)) ledger.succeed(task, invoiceStateIds(task));
}

export function invoiceStateIds(task: InvoiceTask): Record<string, string> {
  return {
    order: task.ids.order as string,
    ...(task.customer?.ids.account ? { account: task.customer.ids.account } : {}),
    ...orderItemStateIds(task.ids.items),
  };
}

/**
 * What one invoice's lines need, given the items its Order has: update (same line, same product),
 * delete + insert (product changed), insert (new line), delete (line gone).
 */
export function planOrderItems(
  task: InvoiceTask,
  items: ReadonlyMap<string, { id: string; pricebookEntryId: string | null }>,
  pricebookEntries: ReadonlyMap<string, string>,
): { writes: ItemWrite[]; deletions: OrderItemDeletion[] } | SyncError {
  const writes: ItemWrite[] = [];
  const deletions: OrderItemDeletion[] = [];
  const lines = new Set<string>();
  for (const line of task.mapping.records.orderItems) {
    const pricebookEntryId = pricebookEntries.get(line.productKey);
    if (!pricebookEntryId) {
      return new SyncError(`No price book entry for product ${line.productKey}`, {
        code: "PRICEBOOK_ENTRY_MISSING",
        errorClass: "transient",
        source: "salesforce",
        recordKey: task.key,
      });
    }
    lines.add(line.externalId);
    const current = items.get(line.externalId);
    if (current && current.pricebookEntryId === pricebookEntryId) {
      writes.push({ task, line, pricebookEntryId, form: "update" });
      continue;
    }
    if (current) deletions.push({ task, orderItemId: current.id });
    writes.push({ task, line, pricebookEntryId, form: "create" });
  }
  for (const [lineId, item] of items) {
    if (!lines.has(lineId)) deletions.push({ task, orderItemId: item.id });
  }
  return { writes, deletions };
}

async function sendItems(
  salesforce: SalesforceGateway,
  writes: readonly ItemWrite[],
  ledger: SyncBatchLedger,
  onVanished: ((write: ItemWrite) => void) | undefined,
): Promise<void> {
  const items: WriteItem<ItemWrite>[] = writes
    .filter((write) => isPending(write.task))
    .map((write) => ({ item: write, record: itemRecord(write) }));
  await writeRecords(
    items,
    (records) => salesforce.upsertRecords("OrderItem", LINE_ID, records),
    (write, id) => {
      write.task.ids.items.set(write.line.externalId, { id, pricebookEntryId: write.pricebookEntryId });
    },
    (write, error, wholeCall) => {
      if (!isPending(write.task)) return;
      if (onVanished && !wholeCall && write.form === "update" && error.code === "REQUIRED_FIELD_MISSING") {
        onVanished(write);
        return;
      }
      ledger.fail(write.task, error);
    },
  );
}

export function itemRecord(write: ItemWrite): Record<string, unknown> {
  if (write.form === "update") return withoutCreateOnlyFields("OrderItem", write.line.fields);
  return { ...write.line.fields, PricebookEntryId: write.pricebookEntryId };
}
