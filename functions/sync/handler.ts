import type { Metrics } from "@aws-lambda-powertools/metrics";
import { MetricUnit } from "@aws-lambda-powertools/metrics";
import type { Context, SQSBatchItemFailure, SQSBatchResponse, SQSEvent, SQSRecord } from "aws-lambda";
import { composeSync, type SyncComposition } from "../../shared/composition/compose-pipeline";
import { environmentWiring, type FunctionWiring } from "../../shared/composition/function-wiring";
import { alertableError, configurationAlert } from "../../shared/composition/pipeline-alerts";
import { createPipelineMetrics } from "../../shared/composition/pipeline-metrics";
import { isSyncError } from "../../shared/errors/sync-error";
import { logger } from "../../shared/observability/logger";
import { MetricName } from "../../shared/observability/metric-names";
import { alertsForSyncBatch } from "../../shared/use-cases/alerts/pipeline-step-alerts";
import { publishAlerts } from "../../shared/use-cases/alerts/publish-alerts";
import { type SyncQueueBatchResult, syncQueueBatch } from "../../shared/use-cases/sync-queue-batch";
import type { IncomingMessage, SyncBatchResult } from "../../shared/use-cases/sync-records";

export interface SyncHandlerOptions {
  wiring?: SyncWiring;
  metrics?: Metrics;
  /** The local runtime reads each batch's per-record results for its progress and report. */
  onResult?: (result: SyncBatchResult) => void;
  /**
   * Alert on the batch's dead-lettered/quarantined records (default true). The local runtime turns
   * it off: it sends one alert for the whole run from the DLQ instead (a batch sees only its part).
   */
  recordFailureAlerts?: boolean;
}

export type SyncWiring = FunctionWiring<SyncComposition>;
export type SyncHandler = (event: SQSEvent, context: Context) => Promise<SQSBatchResponse>;

/**
 * SQS batch → syncRecords on the WHOLE batch → `batchItemFailures`.
 *
 * Powertools' `processPartialResponse` runs a handler per record; this use case must see the batch
 * at once (one BatchGet, one e-mail query, Collections of ≤200), so the response is built here in
 * the same shape (`{ batchItemFailures: [{ itemIdentifier }] }`). Only `retry` outcomes are
 * reported: dead-lettered and quarantined records were already sent to the DLQ with their reason,
 * so SQS must delete them. A message the use case did not answer for is reported as failed, never
 * dropped. If the use case throws (e.g. the state write fails after Salesforce accepted the
 * records), the whole batch fails and SQS redelivers it; the upserts make the re-run an update.
 */
export function createSyncHandler(options: SyncHandlerOptions = {}): SyncHandler {
  const wiring = options.wiring ?? environmentWiring(composeSync, { needsSyncQueue: false });
  const metrics = options.metrics ?? createPipelineMetrics();
  return async (event, context) => {
    const messages = event.Records.map(toIncomingMessage);
    const runId = runIdOf(event.Records) ?? `sync-${context.awsRequestId}`;
    logger.addContext(context);
    logger.appendKeys({ runId });
    metrics.captureColdStartMetric(context.functionName);
    try {
      let loaded: Awaited<ReturnType<SyncWiring["load"]>>;
      try {
        loaded = await wiring.load();
      } catch (error) {
        if (!isSyncError(error) || error.errorClass !== "configuration") throw error;
        metrics.addMetric(MetricName.ConfigurationInvalid, MetricUnit.Count, 1);
        logger.error("sync cannot start: configuration error", { error: error.toJSON() });
        await wiring.alerting().notify(configurationAlert("sync", alertableError(error)));
        // Left on the queue: after the fix they are synced (or re-enqueued by the next fetch).
        return { batchItemFailures: messages.map((message) => ({ itemIdentifier: message.messageId })) };
      }
      const result = await syncQueueBatch(loaded.composition, messages, {
        runId,
        maxReceiveCount: loaded.config.settings.sync.maxReceiveCount,
      });
      emitMetrics(metrics, result);
      logOutcomes(result);
      // Stops (rate limit, budget, configuration) and dead letters: one alert per incident per window.
      const alerts = alertsForSyncBatch(result, { runId, recordFailures: options.recordFailureAlerts ?? true });
      await publishAlerts(wiring.alerting(), alerts, logger);
      options.onResult?.(result);
      return { batchItemFailures: failuresOf(messages, result) };
    } catch (error) {
      logger.error("sync batch failed; SQS redelivers the whole batch", {
        error: isSyncError(error) ? error.toJSON() : error,
        messages: messages.length,
      });
      throw error;
    } finally {
      metrics.publishStoredMetrics();
    }
  };
}

export const handler = createSyncHandler();

function toIncomingMessage(record: SQSRecord): IncomingMessage {
  const receiveCount = Number.parseInt(record.attributes.ApproximateReceiveCount, 10);
  return {
    messageId: record.messageId,
    body: record.body,
    receiveCount: Number.isFinite(receiveCount) ? receiveCount : 1,
  };
}

/** The fetch run that enqueued the batch (the correlation id across both functions). */
function runIdOf(records: readonly SQSRecord[]): string | undefined {
  for (const record of records) {
    try {
      const body: unknown = JSON.parse(record.body);
      if (typeof body === "object" && body !== null && "runId" in body && typeof body.runId === "string") {
        return body.runId;
      }
    } catch {
      // An unparsable body is the use case's to dead-letter; it names no run.
    }
  }
  return undefined;
}

function failuresOf(messages: readonly IncomingMessage[], result: SyncBatchResult): SQSBatchItemFailure[] {
  const answered = new Map(result.results.map((entry) => [entry.messageId, entry.outcome]));
  return messages
    .filter((message) => {
      const outcome = answered.get(message.messageId);
      return outcome === undefined || outcome === "retry";
    })
    .map((message) => ({ itemIdentifier: message.messageId }));
}

function emitMetrics(metrics: Metrics, result: SyncQueueBatchResult): void {
  metrics.addMetric(MetricName.RecordsSynced, MetricUnit.Count, result.counts.synced);
  metrics.addMetric(MetricName.RecordsSkipped, MetricUnit.Count, result.counts.skipped);
  metrics.addMetric(MetricName.RecordsFailed, MetricUnit.Count, result.counts["dead-lettered"] + result.counts.retry);
  metrics.addMetric(MetricName.RecordsQuarantined, MetricUnit.Count, result.counts.quarantined);
  metrics.addMetric(MetricName.SalesforceApiCalls, MetricUnit.Count, result.salesforceApiCalls);
  if (result.reverse) {
    metrics.addMetric(MetricName.JorttInvoicesCreated, MetricUnit.Count, result.reverse.invoicesCreated);
    metrics.addMetric(MetricName.JorttRequests, MetricUnit.Count, result.reverse.jorttRequests);
  }
  if (result.apiUsage && result.apiUsage.limit > 0) {
    const percent = (100 * result.apiUsage.used) / result.apiUsage.limit;
    metrics.addMetric(MetricName.SalesforceApiUsagePercent, MetricUnit.Percent, Math.round(percent * 100) / 100);
  }
}

/** One log line per record that did not simply sync, keyed by record key (codes and reasons hold no personal data). */
function logOutcomes(result: SyncBatchResult): void {
  for (const entry of result.results) {
    if (entry.outcome === "synced" || entry.outcome === "skipped") continue;
    const level = entry.outcome === "retry" ? "info" : "warn";
    logger[level](`record ${entry.outcome}`, { recordKey: entry.key, code: entry.code, reason: entry.reason });
  }
  logger.info("sync batch finished", {
    counts: result.counts,
    salesforceApiCalls: result.salesforceApiCalls,
    ...(result.stop ? { stop: result.stop } : {}),
  });
}
