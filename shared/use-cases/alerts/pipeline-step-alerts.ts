import type { Alert } from "../../ports/notifier";
import type { FetchSummary } from "../fetch-changes";
import type { SyncBatchResult } from "../sync/sync-batch-result";
import { syncStopFor } from "../sync/sync-stop";
import type { RecordFailure } from "./failure-groups";
import { recordFailureAlert } from "./record-failure-alert";
import { runStopAlert } from "./run-stop-alert";

/**
 * The alerts one sync invocation raises: the stop (rate limit, API budget, configuration) and one
 * grouped alert for its dead-lettered/quarantined records. Publish them through the once-per-window
 * notifier, so a failure that lasts many batches alerts once.
 */
export function alertsForSyncBatch(
  result: SyncBatchResult,
  context: { runId?: string; recordFailures?: boolean } = {},
): Alert[] {
  const alerts: Alert[] = [];
  if (result.stop) alerts.push(runStopAlert(result.stop, { step: "sync", pending: result.counts.retry }));
  if (context.recordFailures === false) return alerts;
  const failures: RecordFailure[] = result.results.flatMap((entry) =>
    entry.outcome === "dead-lettered" || entry.outcome === "quarantined"
      ? [
          {
            key: entry.key ?? `message:${entry.messageId}`,
            outcome: entry.outcome,
            code: entry.code ?? "unknown",
            reason: entry.reason ?? "",
          },
        ]
      : [],
  );
  const failed = recordFailureAlert(failures, { step: "sync", ...(context.runId ? { runId: context.runId } : {}) });
  if (failed) alerts.push(failed);
  return alerts;
}

/**
 * The alerts of a fetch run: its stop (Jortt or Salesforce rate limit, API budget, configuration).
 * Records fetch dead-letters as invalid are not alerted here (the summary has no codes): the
 * DLQ-depth alarm (AWS) and the local run's dead-letter alert report them with their reasons.
 */
export function alertsForFetch(summary: FetchSummary): Alert[] {
  const alerts: Alert[] = [];
  const error = summary.error;
  if (error && (error.errorClass === "configuration" || error.errorClass === "rate-limit")) {
    alerts.push(runStopAlert(syncStopFor(error), { step: "fetch" }));
  }
  return alerts;
}
