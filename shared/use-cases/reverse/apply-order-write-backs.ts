import { orderVersionHash } from "../../domain/reverse/order-modstamp";
import { changesOrder, syncErrorText } from "../../domain/reverse/order-write-back";
import { SyncError } from "../../errors/sync-error";
import type { SalesforceGateway } from "../../ports/salesforce-gateway";
import { asSyncError } from "../as-sync-error";
import { stopsTheRun } from "../sync/failure-policy";
import { loadOrderModstamps } from "./load-orders";
import type { OrderTask } from "./order-task";
import type { ReverseLedger } from "./reverse-ledger";

export interface PendingWriteBack {
  task: OrderTask;
  fields: Record<string, string | null>;
  awaitingNumber: boolean;
}

/**
 * Writes the Jortt invoice id (and status/number) back to the Orders in ONE Collections update
 * (≤200 a call, chunked by the adapter). Per Order: confirmed → synced; refused → the failure
 * policy decides (state already holds the Jortt id, so a retry only repeats this write).
 */
export async function applyOrderWriteBacks(
  salesforce: SalesforceGateway,
  pending: readonly PendingWriteBack[],
  ledger: ReverseLedger,
): Promise<void> {
  if (pending.length === 0) return;
  let outcomes: readonly ({ ok: true } | { ok: false; error: SyncError })[];
  try {
    const result = await salesforce.updateRecords(
      "Order",
      pending.map((entry) => entry.fields),
    );
    outcomes = result.outcomes;
    if (result.stopped && stopsTheRun(result.stopped)) ledger.stopWith(result.stopped);
  } catch (error) {
    const failure = asSyncError(error);
    outcomes = pending.map(() => ({ ok: false as const, error: failure }));
  }
  pending.forEach((entry, index) => {
    const outcome = outcomes[index];
    if (outcome?.ok) ledger.succeed(entry.task, entry.awaitingNumber ? "number-pending" : undefined);
    else ledger.fail(entry.task, outcome?.error ?? notWritten());
  });
}

/**
 * Shows each dead-lettered or quarantined Order's reason in its `Jortt_Sync_Error__c` (when it is
 * not already there), then remembers the Order's version after that write, so the next poll does
 * not take our own write for a user's change. Best effort: the DLQ keeps the reason regardless.
 */
export async function recordFailuresOnOrders(salesforce: SalesforceGateway, ledger: ReverseLedger): Promise<void> {
  const updates = ledger
    .finalFailures()
    .filter(({ task }) => task.row !== undefined)
    .map(({ task, reason }) => ({
      task,
      fields: { Id: task.orderId, Jortt_Sync_Error__c: syncErrorText(reason.code, reason.message) },
    }))
    .filter(({ task, fields }) => changesOrder(task.row, fields));
  if (updates.length === 0) return;
  try {
    const result = await salesforce.updateRecords(
      "Order",
      updates.map((update) => update.fields),
    );
    const written = updates.filter((_, index) => result.outcomes[index]?.ok === true).map((update) => update.task);
    const stamps = await loadOrderModstamps(
      salesforce,
      written.map((task) => task.orderId),
    );
    for (const task of written) {
      const stamp = stamps.get(task.orderId);
      if (stamp) task.failureHash = orderVersionHash(task.orderId, stamp);
    }
  } catch {
    // Without the new version the next poll sends the Order once more and fails the same way.
  }
}

function notWritten(): SyncError {
  return new SyncError("The Order write-back returned no outcome", {
    code: "NOT_PROCESSED",
    errorClass: "transient",
    source: "salesforce",
  });
}
