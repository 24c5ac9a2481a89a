import type { SalesforceGateway } from "../../ports/salesforce-gateway";
import type { SyncBatchLedger } from "./sync-batch-ledger";
import type { InvoiceTask } from "./sync-tasks";
import { writeRecords } from "./write-records";

export interface OrderItemDeletion {
  task: InvoiceTask;
  orderItemId: string;
}

/**
 * Deletes, in one Collections call per 200, the OrderItems whose invoice line is gone, and the
 * ones whose product changed (OrderItem.PricebookEntryId cannot be updated: such a line is inserted
 * again). Runs before the item upsert so a re-inserted line never meets its old row. An invoice
 * whose deletion failed fails with that error.
 */
export async function removeStaleOrderItems(
  salesforce: SalesforceGateway,
  deletions: readonly OrderItemDeletion[],
  ledger: SyncBatchLedger,
): Promise<void> {
  await writeRecords(
    deletions.map((deletion) => ({ item: deletion, record: { Id: deletion.orderItemId } })),
    (records) => salesforce.deleteRecords(records.map((record) => record.Id as string)),
    () => undefined,
    (deletion, error) => {
      if (deletion.task.status === "pending") ledger.fail(deletion.task, error);
    },
  );
}
