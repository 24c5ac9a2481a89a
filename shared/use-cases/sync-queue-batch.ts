import type { JorttInvoicing } from "../ports/jortt-invoicing";
import { type PushOrdersResult, pushOrdersToJortt } from "./reverse/push-orders-to-jortt";
import { mergeBatchResults, partitionOrderMessages } from "./reverse/route-order-messages";
import { type IncomingMessage, type SyncBatchResult, type SyncRecordsDeps, syncRecords } from "./sync-records";

export interface SyncQueueBatchDeps {
  deps: SyncRecordsDeps;
  /** Present when the reverse flow (Salesforce Orders → Jortt invoices) is on. */
  reverse?: { jortt: JorttInvoicing; createLockSeconds?: number };
}

export interface SyncQueueBatchResult extends SyncBatchResult {
  /** What the reverse flow did in this batch, when it handled any Order messages. */
  reverse?: Pick<PushOrdersResult, "jorttRequests" | "invoicesCreated" | "invoicesLinked" | "customersCreated">;
}

/**
 * One batch of the shared sync queue, as a whole. With the reverse flow on, `kind: "order"`
 * messages go to pushOrdersToJortt and the rest to syncRecords; one result per message, in the
 * batch's order. Without it every message goes to syncRecords (which dead-letters an Order
 * message it cannot read).
 */
export async function syncQueueBatch(
  { deps, reverse }: SyncQueueBatchDeps,
  messages: readonly IncomingMessage[],
  input: { runId: string; maxReceiveCount: number },
): Promise<SyncQueueBatchResult> {
  if (!reverse) return syncRecords(deps, messages, input);
  const { orders, others } = partitionOrderMessages(messages);
  const parts: SyncBatchResult[] = [];
  if (others.length > 0 || orders.length === 0) parts.push(await syncRecords(deps, others, input));
  if (orders.length === 0) return mergeBatchResults(messages, parts);
  const pushed = await pushOrdersToJortt(
    {
      ...deps,
      jortt: reverse.jortt,
      ...(reverse.createLockSeconds !== undefined ? { createLockSeconds: reverse.createLockSeconds } : {}),
    },
    orders,
    input,
  );
  const summary = {
    jorttRequests: pushed.jorttRequests,
    invoicesCreated: pushed.invoicesCreated,
    invoicesLinked: pushed.invoicesLinked,
    customersCreated: pushed.customersCreated,
  };
  deps.logger.info("order push finished", summary);
  parts.push(pushed);
  return { ...mergeBatchResults(messages, parts), reverse: summary };
}
