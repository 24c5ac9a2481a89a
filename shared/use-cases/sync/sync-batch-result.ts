/** One SQS message as the handler received it. */
export interface IncomingMessage {
  messageId: string;
  body: string;
  /** SQS ApproximateReceiveCount (1 on first delivery). */
  receiveCount: number;
}

/**
 * - synced: written to Salesforce, then to state
 * - skipped: nothing to do (unchanged since the last sync, or superseded by a later message of the batch)
 * - quarantined: e-mail match needs a person: dead-lettered with the reason, state `quarantined`
 * - dead-lettered: sent to the DLQ by the use case with its reason (data error, retries used up)
 * - retry: leave it on the queue (report it in batchItemFailures)
 */
export type MessageOutcome = "synced" | "skipped" | "quarantined" | "dead-lettered" | "retry";

export const MESSAGE_OUTCOMES: readonly MessageOutcome[] = [
  "synced",
  "skipped",
  "quarantined",
  "dead-lettered",
  "retry",
];

export interface MessageResult {
  messageId: string;
  /** Record key, when the body parsed. */
  key?: string;
  outcome: MessageOutcome;
  /** Error or skip code, e.g. UNABLE_TO_LOCK_ROW, AMBIGUOUS_EMAIL_MATCH, unchanged, duplicate-in-batch. */
  code?: string;
  /** Readable reason, free of personal data. */
  reason?: string;
}

export interface SyncStop {
  /** budget: settings.salesforce.apiBudgetShare reached; rate-limit: REQUEST_LIMIT_EXCEEDED & co. */
  reason: "rate-limit" | "budget" | "configuration";
  code: string;
  message: string;
  hint?: string;
}

export interface SyncWarning {
  key: string;
  code: string;
  /** Object, field and lengths; never the value. */
  message: string;
}

export interface SyncBatchResult {
  /** One per input message, in input order. */
  results: MessageResult[];
  counts: Record<MessageOutcome, number>;
  /** Salesforce API calls this batch made (Collections calls, queries, describes). */
  salesforceApiCalls: number;
  /** Jortt requests this batch made (the reverse flow's pushes; the forward sync makes none). */
  jorttRequests?: number;
  /** Org-wide API usage after the batch, when Salesforce reported it. */
  apiUsage?: { used: number; limit: number };
  /** Mapping warnings of the records written (truncated text, dropped invalid values). */
  warnings: SyncWarning[];
  /** Set when the run must stop (rate limit, API budget, configuration): take no more work. */
  stop?: SyncStop;
}
