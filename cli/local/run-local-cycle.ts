import { createWriteStream, mkdirSync } from "node:fs";
import { join } from "node:path";
import { SQSClient } from "@aws-sdk/client-sqs";
import { createFetchHandler } from "../../functions/fetch/handler";
import { createSyncHandler } from "../../functions/sync/handler";
import { deleteDeadLetters, readDeadLetters } from "../../shared/adapters/aws/sqs-dead-letter-reader";
import { composeAlerting } from "../../shared/composition/compose-alerting";
import {
  type CompositionOptions,
  composeFetch,
  composeSync,
  type FetchComposition,
  type SyncComposition,
} from "../../shared/composition/compose-pipeline";
import { fixedWiring } from "../../shared/composition/function-wiring";
import { createPipelineMetrics } from "../../shared/composition/pipeline-metrics";
import type { PipelineResourceNames } from "../../shared/composition/pipeline-resource-names";
import type { JorttCredentials, SalesforceCredentials } from "../../shared/config/credentials-schema";
import type { LoadedConfig } from "../../shared/config/load-config";
import type { Settings } from "../../shared/config/settings-schema";
import { logger } from "../../shared/observability/logger";
import type { Notifier } from "../../shared/ports/notifier";
import type { RecordFailure } from "../../shared/use-cases/alerts/failure-groups";
import { publishAlerts } from "../../shared/use-cases/alerts/publish-alerts";
import { recordFailureAlert } from "../../shared/use-cases/alerts/record-failure-alert";
import type { FetchSummary } from "../../shared/use-cases/fetch-changes";
import type { SyncBatchResult } from "../../shared/use-cases/sync-records";
import { drainAlertInbox } from "../../sim/aws/alert-inbox";
import { applyAwsEmulatorEnvironment } from "../../sim/aws/emulator-environment";
import { resolveLocalhostSubdomains } from "../../sim/aws/localhost-dns";
import { type PipelineResources, provisionPipelineResources } from "../../sim/aws/provision-pipeline-resources";
import type { AwsEndpoints } from "../../sim/aws/start-aws-emulators";
import { saveLocalDeadLetters } from "../replay-local-dead-letters";
import { localLambdaContext } from "./lambda-context";
import { redirectPowertoolsOutput } from "./powertools-output";
import { type RunReport, RunReportBuilder } from "./run-report";
import { drainQueueThroughHandler } from "./sqs-event-source";

export const DEFAULT_RESOURCE_PREFIX = "jortt-sf-local";
export const LOG_FILE_NAME = "jortt-sf.log";

/** What a progress display hears during a cycle. */
export interface CycleProgress {
  fetchStarted?(): void;
  fetchFinished?(summary: FetchSummary): void;
  /** After each sync invocation: records that reached their final outcome so far, of `total` enqueued. */
  syncProgress?(done: number, total: number): void;
}

/** Test seams: wrap the composed adapters (fault injection, duplicate delivery). */
export interface CycleDecorators {
  fetch?: (composition: FetchComposition) => FetchComposition;
  sync?: (composition: SyncComposition) => SyncComposition;
}

export interface LocalCycleOptions {
  /** The running AWS emulators (the CLI starts them in-process; tests use a child process). */
  endpoints: AwsEndpoints;
  jortt: JorttCredentials;
  salesforce: SalesforceCredentials;
  settings: Settings;
  /** Logs go to `<dataDir>/jortt-sf.log` (JSON lines: Powertools logs and EMF metrics). */
  dataDir: string;
  /** Prefix of the local queue/table/topic names; the same prefix means the same state. */
  resourcePrefix?: string;
  /** Marks which system is a sandbox, for the report. */
  sandbox?: { jortt: boolean; salesforce: boolean };
  progress?: CycleProgress;
  decorate?: CycleDecorators;
  /** How soon a failed delivery is retried (SQS visibility after failure). Default 1 s. */
  retryDelaySeconds?: number;
  /** How long the event source gathers a batch. Default 200 ms. */
  batchingWindowMs?: number;
  composition?: CompositionOptions;
}

/**
 * One full local cycle with the same handlers as Lambda: provision the queue/DLQ/table/topic on the
 * emulators, invoke the fetch handler, drive the sync handler under SQS event source semantics
 * until the queue is drained, then read the DLQ and the alert inbox into a report. Changes
 * process-wide AWS variables for its duration (the emulators' endpoints and fake credentials).
 */
export async function runLocalCycle(options: LocalCycleOptions): Promise<RunReport> {
  const restoreEnvironment = applyAwsEmulatorEnvironment(options.endpoints);
  const restoreDns = resolveLocalhostSubdomains();
  mkdirSync(options.dataDir, { recursive: true });
  const logStream = createWriteStream(join(options.dataDir, LOG_FILE_NAME), { flags: "a" });
  const metrics = createPipelineMetrics();
  const restoreOutput = redirectPowertoolsOutput([logger, metrics], logStream);
  const sqs = new SQSClient({});
  try {
    const resources = await provisionPipelineResources({
      namePrefix: options.resourcePrefix ?? DEFAULT_RESOURCE_PREFIX,
      maxReceiveCount: options.settings.sync.maxReceiveCount,
    });
    return await runCycle(options, resources, metrics, sqs);
  } finally {
    sqs.destroy();
    restoreOutput();
    await new Promise<void>((resolve) => logStream.end(resolve));
    restoreDns();
    restoreEnvironment();
  }
}

async function runCycle(
  options: LocalCycleOptions,
  resources: PipelineResources,
  metrics: ReturnType<typeof createPipelineMetrics>,
  sqs: SQSClient,
): Promise<RunReport> {
  const report = new RunReportBuilder(options.sandbox ?? { jortt: false, salesforce: false });
  const config: LoadedConfig = {
    runtime: "local",
    settings: options.settings,
    jortt: options.jortt,
    salesforce: options.salesforce,
    settingsOrigin: "local",
  };
  const names: PipelineResourceNames = {
    stateTableName: resources.tableName,
    syncQueueUrl: resources.queueUrl,
    deadLetterQueueUrl: resources.deadLetterQueueUrl,
    alertTopicArn: resources.topicArn,
  };
  const alerting = composeAlerting(names);
  const decorate = options.decorate ?? {};

  let summary: FetchSummary | undefined;
  const fetchHandler = createFetchHandler({
    wiring: fixedWiring(
      config,
      names,
      (c, n) => applyDecorator(decorate.fetch, composeFetch(c, n, options.composition)),
      alerting,
    ),
    metrics,
    onSummary: (value) => {
      summary = value;
    },
  });
  options.progress?.fetchStarted?.();
  try {
    await fetchHandler(
      {},
      localLambdaContext({ functionName: "fetch", region: options.endpoints.region, timeoutMs: 900_000 }),
    );
  } catch (error) {
    report.setFatal(fatalOf(error));
  }
  if (summary) {
    report.addFetch(summary);
    options.progress?.fetchFinished?.(summary);
    if (summary.status === "failed" && summary.error) {
      const { code, message, hint } = summary.error;
      report.setFatal({ code, message, ...(hint ? { hint } : {}) });
    }
  }

  if (summary && summary.status !== "failed") {
    // The reverse flow's create reservation must end before a failed delivery comes back.
    const syncOptions: CompositionOptions = {
      createLockSeconds: Math.min(60, options.retryDelaySeconds ?? 1),
      ...options.composition,
    };
    const total = summary.counts.enqueued;
    let done = 0;
    const syncHandler = createSyncHandler({
      wiring: fixedWiring(
        config,
        names,
        (c, n) => applyDecorator(decorate.sync, composeSync(c, n, syncOptions)),
        alerting,
      ),
      metrics,
      // One dead-letter alert for the whole run comes from collectDeadLetters (a batch sees only its part).
      recordFailureAlerts: false,
      onResult: (result: SyncBatchResult) => {
        done += report.addSyncBatch(result);
        options.progress?.syncProgress?.(Math.min(done, total), total);
      },
    });
    const drain = await drainQueueThroughHandler({
      client: sqs,
      queueUrl: resources.queueUrl,
      queueArn: resources.queueArn,
      region: options.endpoints.region,
      handler: syncHandler,
      functionName: "sync",
      batchSize: options.settings.sync.batchSize,
      batchingWindowMs: options.batchingWindowMs ?? 200,
      timeoutMs: 120_000,
      retryDelaySeconds: options.retryDelaySeconds ?? 1,
      shouldStop: () => report.stopped !== undefined,
    });
    report.addDrain(drain);
    if (report.stopped?.reason === "configuration") {
      const { code, message, hint } = report.stopped;
      report.setFatal({ code, message, ...(hint ? { hint } : {}) });
    }
  }

  await collectDeadLetters(report, resources, sqs, { dataDir: options.dataDir, alerting, runId: summary?.runId });
  report.addAlerts(await drainAlertInbox(resources.alertInboxUrl, sqs));
  return report.build();
}

function applyDecorator<C>(decorator: ((composition: C) => C) | undefined, composition: C): C {
  return decorator ? decorator(composition) : composition;
}

/**
 * The local stand-in for the DLQ-depth alarm: what is in the DLQ now goes into the report, one
 * grouped alert goes through the once-per-window alerting (it reaches the inbox like e-mail would;
 * a sync batch that already alerted "dead-letters" in the window suppresses it), and the letters
 * move to the data dir's dead-letter file (the emulator dies with the process; `jortt-sf replay`
 * reads them there), so the next cycle reports only its own.
 */
async function collectDeadLetters(
  report: RunReportBuilder,
  resources: PipelineResources,
  sqs: SQSClient,
  context: { dataDir: string; alerting: Notifier; runId: string | undefined },
): Promise<void> {
  const letters = await readDeadLetters({ queueUrl: resources.deadLetterQueueUrl, max: 10_000, client: sqs });
  if (letters.length === 0) return;
  const failures: RecordFailure[] = letters.map((letter) => ({
    key: letter.reason.key,
    outcome: letter.reason.code === "AMBIGUOUS_EMAIL_MATCH" ? "quarantined" : "dead-lettered",
    code: letter.reason.code,
    reason: letter.reason.message,
    ...(letter.reason.hint ? { hint: letter.reason.hint } : {}),
  }));
  for (const failure of failures) report.addDeadLetter(failure);
  saveLocalDeadLetters(context.dataDir, letters);
  const alert = recordFailureAlert(failures, { step: "run", ...(context.runId ? { runId: context.runId } : {}) });
  if (alert) await publishAlerts(context.alerting, [alert], logger);
  await deleteDeadLetters({ queueUrl: resources.deadLetterQueueUrl, letters, client: sqs });
}

function fatalOf(error: unknown): NonNullable<RunReport["fatal"]> {
  if (error instanceof Error && "code" in error && typeof error.code === "string") {
    const hint = "hint" in error && typeof error.hint === "string" ? error.hint : undefined;
    return { code: error.code, message: error.message, ...(hint ? { hint } : {}) };
  }
  return { code: "unexpected", message: error instanceof Error ? error.message : String(error) };
}
