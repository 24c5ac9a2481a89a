import {
  type IncomingMessage,
  MESSAGE_OUTCOMES,
  type MessageOutcome,
  type MessageResult,
  type SyncBatchResult,
} from "../sync/sync-batch-result";

/**
 * Splits one SQS batch of the shared sync queue: `kind: "order"` messages go to pushOrdersToJortt,
 * everything else (including bodies that are not JSON) to syncRecords, which dead-letters what it
 * cannot read.
 */
export function partitionOrderMessages(messages: readonly IncomingMessage[]): {
  orders: IncomingMessage[];
  others: IncomingMessage[];
} {
  const orders: IncomingMessage[] = [];
  const others: IncomingMessage[] = [];
  for (const message of messages) (isOrderMessage(message.body) ? orders : others).push(message);
  return { orders, others };
}

function isOrderMessage(body: string): boolean {
  try {
    const parsed: unknown = JSON.parse(body);
    return typeof parsed === "object" && parsed !== null && (parsed as { kind?: unknown }).kind === "order";
  } catch {
    return false;
  }
}

/**
 * One result for the batch from the results of its parts: per-message results in the batch's
 * order (a message no part answered for is `retry`), counts and API calls summed, the first stop.
 */
export function mergeBatchResults(
  messages: readonly IncomingMessage[],
  parts: readonly SyncBatchResult[],
): SyncBatchResult {
  const byId = new Map<string, MessageResult>();
  for (const part of parts) for (const result of part.results) byId.set(result.messageId, result);
  const results = messages.map(
    (message): MessageResult =>
      byId.get(message.messageId) ?? {
        messageId: message.messageId,
        outcome: "retry",
        code: "NOT_PROCESSED",
        reason: "no outcome was recorded",
      },
  );
  const counts = Object.fromEntries(MESSAGE_OUTCOMES.map((outcome) => [outcome, 0])) as Record<MessageOutcome, number>;
  for (const result of results) counts[result.outcome] += 1;
  const apiUsage = parts.map((part) => part.apiUsage).findLast((usage) => usage !== undefined);
  const stop = parts.map((part) => part.stop).find((candidate) => candidate !== undefined);
  return {
    results,
    counts,
    salesforceApiCalls: parts.reduce((sum, part) => sum + part.salesforceApiCalls, 0),
    jorttRequests: parts.reduce((sum, part) => sum + (part.jorttRequests ?? 0), 0),
    warnings: parts.flatMap((part) => part.warnings),
    ...(apiUsage ? { apiUsage } : {}),
    ...(stop ? { stop } : {}),
  };
}
