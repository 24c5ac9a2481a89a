import type { RecordKind } from "../domain/record-key";

/**
 * Persistent pipeline state (DynamoDB in AWS, dynalite locally). Holds ids, hashes and outcome
 * codes only: never names, e-mail addresses or amounts (GDPR).
 */
export type RecordOutcome = "synced" | "invalid" | "dead-lettered" | "quarantined";

export interface RecordState {
  key: string;
  kind: RecordKind;
  /** Content hash of what was last written (or judged invalid). */
  hash: string;
  outcome: RecordOutcome;
  /** Salesforce ids written for this record, by role: account, contact, order, and line keys for items. */
  salesforceIds: Record<string, string>;
  /** Reverse flow: the Jortt invoice id created for an Order. */
  jorttId?: string;
  /** Error code when the outcome is not `synced`. */
  errorCode?: string;
  runId: string;
  updatedAt: string;
}

export interface RunRecord {
  runId: string;
  kind: "fetch" | "sync" | "replay";
  startedAt: string;
  finishedAt: string;
  durationMs: number;
  status: "succeeded" | "failed" | "stopped";
  /** Counts by name, e.g. customersScanned, invoicesEnqueued, pages, jorttRequests, salesforceApiCalls. */
  counts: Record<string, number>;
  errorCode?: string;
}

export interface ActivityEntry {
  runId: string;
  key: string;
  /** What happened: synced, skipped, quarantined, dead-lettered, invalid, replayed, … */
  event: string;
  /** Error code, when there was one. No free text that could carry personal data. */
  code?: string;
  at: string;
}

export interface StateStore {
  /** One BatchGet (chunked at 100 keys) for many records. Missing keys are absent from the map. */
  getRecordStates(keys: readonly string[]): Promise<Map<string, RecordState>>;
  /** BatchWrite (chunked at 25), retrying unprocessed items. */
  putRecordStates(states: readonly RecordState[]): Promise<void>;
  putRun(run: RunRecord): Promise<void>;
  /** Latest runs, newest first. */
  listRuns(limit: number): Promise<RunRecord[]>;
  /** Activity entries expire by TTL (settings.activityLog.retentionDays). */
  appendActivity(entries: readonly ActivityEntry[]): Promise<void>;
  getCursor(name: string): Promise<string | undefined>;
  putCursor(name: string, value: string): Promise<void>;
  /**
   * Claims a once-per-window token (e.g. one alert per incident per hour). Returns false when it
   * was already claimed inside the window. Conditional write, so concurrent callers agree.
   */
  claimOnce(name: string, windowSeconds: number): Promise<boolean>;
}
