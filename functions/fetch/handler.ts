import type { Metrics } from "@aws-lambda-powertools/metrics";
import { MetricUnit } from "@aws-lambda-powertools/metrics";
import type { Context, ScheduledEvent } from "aws-lambda";
import { composeFetch, type FetchComposition } from "../../shared/composition/compose-pipeline";
import { environmentWiring, type FunctionWiring } from "../../shared/composition/function-wiring";
import { alertableError } from "../../shared/composition/pipeline-alerts";
import { createPipelineMetrics } from "../../shared/composition/pipeline-metrics";
import { isSyncError, type SyncError } from "../../shared/errors/sync-error";
import { logger } from "../../shared/observability/logger";
import { MetricName } from "../../shared/observability/metric-names";
import { alertsForFetch } from "../../shared/use-cases/alerts/pipeline-step-alerts";
import { publishAlerts } from "../../shared/use-cases/alerts/publish-alerts";
import { emptyFetchCounts } from "../../shared/use-cases/fetch/fetch-counts";
import { type FetchSummary, fetchChanges } from "../../shared/use-cases/fetch-changes";
import {
  type SelectOrdersSummary,
  selectOrdersToInvoice,
} from "../../shared/use-cases/reverse/select-orders-to-invoice";

export interface FetchHandlerOptions {
  wiring?: FunctionWiring<FetchComposition>;
  metrics?: Metrics;
  /** The local runtime reads the summary (a scheduled invocation's result goes nowhere in AWS). */
  onSummary?: (summary: FetchSummary) => void;
}

/** EventBridge Scheduler's payload, or `{}` when invoked by hand. */
export type FetchEvent = Partial<ScheduledEvent> | Record<string, never>;
export type FetchHandler = (event: FetchEvent, context: Context) => Promise<FetchSummary>;

/**
 * Scheduled fetch: load configuration (once per container) → fetchChanges → metrics. A
 * configuration error stops the run before any record moves and sends one alert; it is not thrown,
 * so the scheduler's async retries do not repeat it. Other unexpected errors are thrown (the retry
 * is harmless: fetch only enqueues what state says is unsynced).
 */
export function createFetchHandler(options: FetchHandlerOptions = {}): FetchHandler {
  const wiring = options.wiring ?? environmentWiring(composeFetch, { needsSyncQueue: true });
  const metrics = options.metrics ?? createPipelineMetrics();
  return async (_event, context) => {
    const runId = newRunId(context);
    const started = new Date();
    logger.addContext(context);
    logger.appendKeys({ runId });
    metrics.captureColdStartMetric(context.functionName);
    try {
      let summary: FetchSummary;
      try {
        const { composition } = await wiring.load();
        summary = await fetchChanges(composition.deps, { runId });
        if (composition.deps.settings.flows.salesforceToJortt && summary.error?.errorClass !== "configuration") {
          summary = withOrderSelection(summary, await selectOrdersToInvoice(composition.deps, { runId }));
        }
      } catch (error) {
        if (!isSyncError(error) || error.errorClass !== "configuration") throw error;
        summary = failedSummary(runId, started, error);
      }
      emitMetrics(metrics, summary);
      logger.info("fetch run finished", { status: summary.status, counts: summary.counts, error: summary.error });
      if (summary.error?.errorClass === "configuration") {
        metrics.addMetric(MetricName.ConfigurationInvalid, MetricUnit.Count, 1);
      }
      // Configuration and rate-limit stops: one alert per incident per window.
      await publishAlerts(wiring.alerting(), alertsForFetch(summary), logger);
      options.onSummary?.(summary);
      return summary;
    } catch (error) {
      logger.error("fetch run failed", { error: isSyncError(error) ? error.toJSON() : error });
      throw error;
    } finally {
      metrics.publishStoredMetrics();
    }
  };
}

export const handler = createFetchHandler();

/** Sortable and unique: `20261128T100000Z-1a2b3c4d`. */
function newRunId(context: Context): string {
  const stamp = new Date()
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d{3}/, "");
  return `${stamp}-${context.awsRequestId.replace(/-/g, "").slice(0, 8)}`;
}

function emitMetrics(metrics: Metrics, summary: FetchSummary): void {
  metrics.addMetric(MetricName.RunsCompleted, MetricUnit.Count, summary.status === "succeeded" ? 1 : 0);
  metrics.addMetric(MetricName.RecordsEnqueued, MetricUnit.Count, summary.counts.enqueued);
  metrics.addMetric(MetricName.JorttRequests, MetricUnit.Count, summary.counts.jorttRequests);
  metrics.addMetric(MetricName.SalesforceApiCalls, MetricUnit.Count, summary.counts.salesforceApiCalls);
  metrics.addMetric(MetricName.RunDurationMs, MetricUnit.Milliseconds, summary.counts.durationMs);
  if (summary.orders) metrics.addMetric(MetricName.OrdersEnqueued, MetricUnit.Count, summary.orders.ordersEnqueued);
}

/**
 * The run's summary with the reverse flow's Order selection folded in: its messages count as
 * enqueued (the local runtime's progress total), its Salesforce calls and time are added, and its
 * failure or rate-limit stop becomes the run's when the Jortt scan itself succeeded.
 */
function withOrderSelection(summary: FetchSummary, orders: SelectOrdersSummary): FetchSummary {
  const counts = {
    ...summary.counts,
    enqueued: summary.counts.enqueued + orders.counts.ordersEnqueued,
    salesforceApiCalls: summary.counts.salesforceApiCalls + orders.counts.salesforceApiCalls,
    durationMs: summary.counts.durationMs + orders.counts.durationMs,
  };
  const ordersFailed = orders.status === "failed" || orders.status === "stopped";
  if (summary.status !== "succeeded" || !ordersFailed) return { ...summary, counts, orders: orders.counts };
  return {
    ...summary,
    status: orders.status === "stopped" ? "stopped" : "failed",
    counts,
    orders: orders.counts,
    ...(orders.error ? { error: orders.error } : {}),
  };
}

/** The summary of a run that never started its scan (configuration could not be loaded or composed). */
function failedSummary(runId: string, started: Date, error: SyncError): FetchSummary {
  const finished = new Date();
  const durationMs = finished.getTime() - started.getTime();
  return {
    runId,
    status: "failed",
    startedAt: started.toISOString(),
    finishedAt: finished.toISOString(),
    counts: { ...emptyFetchCounts(), durationMs },
    error: { ...alertableError(error), errorClass: error.errorClass },
  };
}
