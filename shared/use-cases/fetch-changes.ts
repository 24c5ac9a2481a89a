import type { JorttSource } from "../ports/jortt-source";
import type { SalesforceGateway } from "../ports/salesforce-gateway";
import type { StateStore } from "../ports/state-store";
import type { DeadLetterQueue, SyncQueue } from "../ports/sync-queue";
import type { UseCaseRuntime } from "./use-case-deps";

// Settings type is helper-4's `Settings` (shared/config/settings-schema.ts); wired when it lands.
// biome-ignore lint/suspicious/noExplicitAny: placeholder until the settings schema exists
type Settings = any;

export interface FetchChangesDeps extends UseCaseRuntime {
  jortt: JorttSource;
  /** Only to resolve the account model for `auto` (one describe per 24 h, cached in state). */
  salesforce: SalesforceGateway;
  state: StateStore;
  queue: SyncQueue;
  deadLetters: DeadLetterQueue;
  settings: Settings;
}

export interface FetchCounts {
  pages: number;
  customersScanned: number;
  invoicesScanned: number;
  customersEnqueued: number;
  invoicesEnqueued: number;
  enqueued: number;
  unchanged: number;
  /** Unchanged records whose state is dead-lettered/quarantined/invalid: they wait for replay or a change. */
  held: number;
  invalid: number;
  /** Ids seen again on a later page (offset paging shifts) or under a second status filter. */
  duplicates: number;
  /** Customers fetched by id for invoices whose customer was not in the scan. */
  customersFetchedById: number;
  mappingWarnings: number;
  jorttRequests: number;
  salesforceApiCalls: number;
  durationMs: number;
}

export interface FetchSummary {
  runId: string;
  status: "succeeded" | "failed" | "stopped";
  startedAt: string;
  finishedAt: string;
  counts: FetchCounts;
  /** Set when status is not `succeeded` (the scan stopped at the first fatal error). */
  error?: { code: string; errorClass: string; message: string; hint?: string };
}

/** Scans Jortt, hashes each mapped record, enqueues only new or changed ones. See the module doc. */
export async function fetchChanges(_deps: FetchChangesDeps, _input: { runId: string }): Promise<FetchSummary> {
  throw new Error("fetchChanges: not implemented yet");
}
