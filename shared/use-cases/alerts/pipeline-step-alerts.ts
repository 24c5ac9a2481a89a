import type { Alert } from "../../ports/notifier";
import type { FetchSummary } from "../fetch-changes";
import type { SyncBatchResult } from "../sync/sync-batch-result";
import type { RecordFailure } from "./failure-groups";
import { incidentAlert } from "./incident-alert";
import { recordFailureAlert } from "./record-failure-alert";
import { runStopAlert } from "./run-stop-alert";

/** Incident key of "records from Jortt failed validation in fetch" (separate from the sync's dead letters). */
export const INVALID_RECORDS_INCIDENT = "invalid-records";

/**
 * The alerts one sync invocation raises: the stop (rate limit, API budget, configuration) and one
 * grouped alert for its dead-lettered/quarantined records. Publish them through the once-per-window
 * notifier, so a failure that lasts many batches alerts once.
 */
export function alertsForSyncBatch(result: SyncBatchResult, context: { runId?: string } = {}): Alert[] {
  const alerts: Alert[] = [];
  if (result.stop) alerts.push(runStopAlert(result.stop, { step: "sync", pending: result.counts.retry }));
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
 * The alerts of a fetch run: a stop (rate limit; configuration) and the records it dead-lettered as
 * invalid (their codes are in the DLQ; the summary only counts them).
 */
export function alertsForFetch(summary: FetchSummary): Alert[] {
  const alerts: Alert[] = [];
  const error = summary.error;
  if (error && (error.errorClass === "configuration" || error.errorClass === "rate-limit")) {
    alerts.push(
      runStopAlert(
        {
          reason:
            error.errorClass === "configuration"
              ? "configuration"
              : error.code === "API_BUDGET_REACHED"
                ? "budget"
                : "rate-limit",
          code: error.code,
          message: error.message,
          ...(error.hint ? { hint: error.hint } : {}),
        },
        { step: "fetch" },
      ),
    );
  }
  if (summary.counts.invalid > 0) {
    alerts.push(
      incidentAlert({
        incident: INVALID_RECORDS_INCIDENT,
        severity: "warning",
        subject: `Jortt-Salesforce sync: ${summary.counts.invalid} Jortt record(s) invalid`,
        whatFailed: `records read from Jortt by fetch run ${summary.runId} failed validation and were dead-lettered.`,
        howMany: `${summary.counts.invalid} record(s); the other ${summary.counts.enqueued} changed record(s) were queued.`,
        why: [
          "each record's reason (code, field, expectation) is in its DLQ message attributes ErrorCode and ErrorMessage",
        ],
        nextStep:
          "Correct the named field in Jortt (the next fetch picks the change up), or fix the mapping override and run `jortt-sf replay`.",
      }),
    );
  }
  return alerts;
}
