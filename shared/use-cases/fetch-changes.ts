import type { Settings } from "../config/settings-schema";
import type { JorttSource } from "../ports/jortt-source";
import type { SalesforceGateway } from "../ports/salesforce-gateway";
import type { RunRecord, StateStore } from "../ports/state-store";
import type { DeadLetterQueue, SyncQueue } from "../ports/sync-queue";
import { asSyncError } from "./as-sync-error";
import { CustomerLookup } from "./fetch/customer-lookup";
import { emptyFetchCounts, type FetchCounts } from "./fetch/fetch-counts";
import { type PageContext, processScanPage } from "./fetch/process-scan-page";
import { readAhead } from "./fetch/read-ahead";
import { hashMappingContext } from "./mapping-contexts";
import { resolveAccountModel } from "./org-profile";
import type { SelectOrdersCounts } from "./reverse/select-orders-to-invoice";
import type { UseCaseRuntime } from "./use-case-deps";

export type { FetchCounts } from "./fetch/fetch-counts";

export interface FetchChangesDeps extends UseCaseRuntime {
  jortt: JorttSource;
  /** Only to resolve the account model (one describe of Account per 24 h, cached in state). */
  salesforce: SalesforceGateway;
  state: StateStore;
  queue: SyncQueue;
  deadLetters: DeadLetterQueue;
  settings: Settings;
  /** Raw customers kept in memory for invoice messages (default 20 000); beyond, fetched by id. */
  customerCacheSize?: number;
}

export interface FetchSummary {
  runId: string;
  /** stopped: a rate limit ended the scan early (resumes next schedule); failed: any other error. */
  status: "succeeded" | "failed" | "stopped";
  startedAt: string;
  finishedAt: string;
  counts: FetchCounts;
  /** The reverse flow's Order selection in the same run (flows.salesforceToJortt on). */
  orders?: SelectOrdersCounts;
  /** Set when status is not `succeeded`: the scan ended at the first run-level error. */
  error?: { code: string; errorClass: string; message: string; hint?: string };
}

/**
 * Finds what changed in Jortt and enqueues only that (Jortt has no updated_at and no webhooks, so
 * every run scans): customers first, then invoices under each configured status filter, page by
 * page (memory stays bounded: one page plus ids and a capped customer cache). Each record is
 * hashed over its mapped content and compared with state in one BatchGet per page; see
 * processScanPage. Costs: Jortt pages (+ a customer by id for an invoice whose customer was not
 * scanned); Salesforce at most one describe per 24 h (account model for the mapping), none per
 * record. Never throws for a run-level error: the summary says failed/stopped and the run is recorded.
 */
export async function fetchChanges(deps: FetchChangesDeps, input: { runId: string }): Promise<FetchSummary> {
  const startedAt = deps.now();
  const counts = emptyFetchCounts();
  const jorttBefore = deps.jortt.requestCount;
  const salesforceBefore = deps.salesforce.callCount;
  const customers = new CustomerLookup(deps.jortt, deps.customerCacheSize);
  let error: ReturnType<typeof asSyncError> | undefined;
  try {
    if (deps.settings.flows.jorttToSalesforce) await scan(deps, input.runId, counts, customers);
  } catch (caught) {
    error = asSyncError(caught);
  }
  const finishedAt = deps.now();
  counts.customersFetchedById = customers.fetchedById;
  counts.jorttRequests = deps.jortt.requestCount - jorttBefore;
  counts.salesforceApiCalls = deps.salesforce.callCount - salesforceBefore;
  counts.durationMs = finishedAt.getTime() - startedAt.getTime();
  const status: FetchSummary["status"] = !error
    ? "succeeded"
    : error.errorClass === "rate-limit"
      ? "stopped"
      : "failed";
  const summary: FetchSummary = {
    runId: input.runId,
    status,
    startedAt: startedAt.toISOString(),
    finishedAt: finishedAt.toISOString(),
    counts,
    ...(error
      ? {
          error: {
            code: error.code,
            errorClass: error.errorClass,
            message: error.message,
            ...(error.hint ? { hint: error.hint } : {}),
          },
        }
      : {}),
  };
  await recordRun(deps, summary);
  return summary;
}

async function scan(
  deps: FetchChangesDeps,
  runId: string,
  counts: FetchCounts,
  customers: CustomerLookup,
): Promise<void> {
  const accountModel = await resolveAccountModel(deps, deps.settings.accountModel);
  const ctx: PageContext = {
    runId,
    mappingContext: hashMappingContext(deps.settings, accountModel),
    state: deps.state,
    queue: deps.queue,
    deadLetters: deps.deadLetters,
    customers,
    seen: new Set(),
    counts,
    now: deps.now,
  };
  for await (const page of readAhead(deps.jortt.customerPages())) await processScanPage("customer", page, ctx);
  for (const status of deps.settings.invoiceStatuses) {
    for await (const page of readAhead(deps.jortt.invoicePages({ status }))) {
      await processScanPage("invoice", page, ctx);
    }
  }
}

async function recordRun(deps: FetchChangesDeps, summary: FetchSummary): Promise<void> {
  const run: RunRecord = {
    runId: summary.runId,
    kind: "fetch",
    startedAt: summary.startedAt,
    finishedAt: summary.finishedAt,
    durationMs: summary.counts.durationMs,
    status: summary.status,
    counts: { ...summary.counts },
    ...(summary.error ? { errorCode: summary.error.code } : {}),
  };
  try {
    await deps.state.putRun(run);
  } catch (error) {
    deps.logger.error("fetch run could not be recorded", { runId: summary.runId, error: asSyncError(error).toJSON() });
  }
  deps.logger.info("fetch run done", { runId: summary.runId, status: summary.status, counts: summary.counts });
}
