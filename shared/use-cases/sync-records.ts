import type { SalesforceGateway } from "../ports/salesforce-gateway";
import type { StateStore } from "../ports/state-store";
import type { DeadLetterQueue } from "../ports/sync-queue";
import type { UseCaseRuntime } from "./use-case-deps";

// Settings type is helper-4's `Settings` (shared/config/settings-schema.ts); wired when it lands.
// biome-ignore lint/suspicious/noExplicitAny: placeholder until the settings schema exists
type Settings = any;

export interface SyncRecordsDeps extends UseCaseRuntime {
  salesforce: SalesforceGateway;
  state: StateStore;
  deadLetters: DeadLetterQueue;
  settings: Settings;
}

/** One SQS message as the handler received it. */
export interface IncomingMessage {
  messageId: string;
  body: string;
  /** SQS ApproximateReceiveCount (1 on first delivery). */
  receiveCount: number;
}

/**
 * - synced: written to Salesforce and state
 * - skipped: nothing to do (unchanged, or a duplicate of a later message in the batch)
 * - quarantined: ambiguous e-mail match: dead-lettered with reason, waits for a person + replay
 * - dead-lettered: sent to the DLQ by this use case with its reason (data error, or retries exhausted)
 * - retry: leave the message on the queue (report it in batchItemFailures)
 */
export type MessageOutcome = "synced" | "skipped" | "quarantined" | "dead-lettered" | "retry";

export interface MessageResult {
  messageId: string;
  /** Record key when the body parsed. */
  key?: string;
  outcome: MessageOutcome;
  /** Error or skip code (e.g. UNABLE_TO_LOCK_ROW, AMBIGUOUS_EMAIL_MATCH, unchanged, duplicate-in-batch). */
  code?: string;
  /** Readable reason, free of personal data. */
  reason?: string;
}

export interface SyncStop {
  reason: "rate-limit" | "budget" | "configuration";
  code: string;
  message: string;
  hint?: string;
}

export interface SyncBatchResult {
  /** One per input message, in input order. */
  results: MessageResult[];
  counts: Record<MessageOutcome, number>;
  salesforceApiCalls: number;
  /** Org-wide API usage after the batch, when Salesforce reported it. */
  apiUsage?: { used: number; limit: number };
  /** Text truncated to field length etc. (record key + field, no values). */
  warnings: { key: string; message: string }[];
  /** Set when the run must stop (rate limit, API budget, configuration): do not take more work. */
  stop?: SyncStop;
}

/** Syncs one SQS batch to Salesforce as a whole. See the module doc. */
export async function syncRecords(
  _deps: SyncRecordsDeps,
  _messages: readonly IncomingMessage[],
  _input: { runId: string; maxReceiveCount: number },
): Promise<SyncBatchResult> {
  throw new Error("syncRecords: not implemented yet");
}
