import type { SalesforceGateway } from "../../ports/salesforce-gateway";
import {
  type IncomingMessage,
  MESSAGE_OUTCOMES,
  type MessageOutcome,
  type MessageResult,
  type SyncBatchResult,
  type SyncStop,
  type SyncWarning,
} from "./sync-batch-result";

/** What a batch's ledger decided, as far as the summary needs it. */
export interface DecidedBatch {
  readonly results: ReadonlyMap<string, MessageResult>;
  readonly warnings: SyncWarning[];
  readonly stop: SyncStop | undefined;
}

/** One result per message in input order (a message without a recorded outcome is retried), counted, with the calls made. */
export function summarizeSyncBatch(
  messages: readonly IncomingMessage[],
  ledger: DecidedBatch,
  salesforce: Pick<SalesforceGateway, "callCount" | "apiUsage">,
  callsBefore: number,
): SyncBatchResult {
  const results = messages.map((message) => ledger.results.get(message.messageId) ?? internalRetry(message));
  const usage = salesforce.apiUsage();
  return {
    results,
    counts: countOutcomes(results),
    salesforceApiCalls: salesforce.callCount - callsBefore,
    warnings: ledger.warnings,
    ...(usage ? { apiUsage: usage } : {}),
    ...(ledger.stop ? { stop: ledger.stop } : {}),
  };
}

function internalRetry(message: IncomingMessage): MessageResult {
  return { messageId: message.messageId, outcome: "retry", code: "NOT_PROCESSED", reason: "no outcome was recorded" };
}

function countOutcomes(results: readonly MessageResult[]): Record<MessageOutcome, number> {
  const counts = Object.fromEntries(MESSAGE_OUTCOMES.map((outcome) => [outcome, 0])) as Record<MessageOutcome, number>;
  for (const result of results) counts[result.outcome] += 1;
  return counts;
}
