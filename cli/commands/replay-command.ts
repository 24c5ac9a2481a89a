import { join, resolve } from "node:path";
import { Logger } from "@aws-lambda-powertools/logger";
import { DynamoDbStateStore } from "../../shared/adapters/aws/dynamodb-state-store";
import { SqsDeadLetterSource } from "../../shared/adapters/aws/sqs-dead-letter-source";
import { SqsSyncQueue } from "../../shared/adapters/aws/sqs-sync-queue";
import { loadLocalConfig } from "../../shared/config/load-local-config";
import type { LoadedConfig } from "../../shared/config/loaded-config";
import { parseSettings } from "../../shared/config/parse-settings";
import { isSyncError } from "../../shared/errors/sync-error";
import {
  type ReplayDeadLettersDeps,
  type ReplayInput,
  type ReplaySummary,
  replayDeadLetters,
} from "../../shared/use-cases/replay-dead-letters";
import { applyAwsEmulatorEnvironment } from "../../sim/aws/emulator-environment";
import { resolveLocalhostSubdomains } from "../../sim/aws/localhost-dns";
import { provisionPipelineResources } from "../../sim/aws/provision-pipeline-resources";
import { type AwsEmulators, startAwsEmulators } from "../../sim/aws/start-aws-emulators";
import { type LocalSystems, startLocalSystems } from "../local/local-systems";
import { LOG_FILE_NAME, runLocalCycle } from "../local/run-local-cycle";
import { stateScopeFor } from "../local/state-scope";
import { formatRunSummary } from "../output/print-run-summary";
import { createProgressDisplay } from "../output/progress-display";
import { LocalDeadLetterFile } from "../replay-local-dead-letters";
import { formatReplaySummary } from "../replay-summary-output";
import { type DeployedTargetOptions, resolveDeployedTarget } from "../replay-targets";

export interface ReplayCommandOptions extends DeployedTargetOptions {
  key?: string[];
  code?: string[];
  dryRun?: boolean;
  dataDir: string;
  /** Against the deployed stack (SQS + DynamoDB with the caller's AWS credentials). */
  aws?: boolean;
  settings?: string;
  sandbox?: boolean;
  max?: string;
}

/**
 * `jortt-sf replay`: puts dead-lettered records back on the sync queue after their cause was fixed
 * (all, `--key`, `--code`; `--dry-run` lists). The move is take → send → delete (SQS has no move
 * task on the emulator, and the filter needs each letter's reason); see replayDeadLetters.
 * - Deployed (`--aws`, or any queue/table/outputs flag): the stack's DLQ → its sync queue; the sync
 *   function picks them up.
 * - Local (default): the data dir's dead letters → the local sync queue, then one local cycle syncs
 *   them (there is no always-on consumer on this machine).
 * Returns the exit code (the run's, when a local cycle ran).
 */
export async function replayCommand(options: ReplayCommandOptions): Promise<number> {
  try {
    const input: ReplayInput = {
      runId: replayRunId(),
      filter: { ...(options.key ? { keys: options.key } : {}), ...(options.code ? { codes: options.code } : {}) },
      dryRun: options.dryRun === true,
      ...(options.max ? { max: parseMax(options.max) } : {}),
    };
    const deployed =
      options.aws === true ||
      [options.stackOutputs, options.deadLetterQueueUrl, options.syncQueueUrl, options.stateTable].some(Boolean);
    return deployed ? await replayDeployed(options, input) : await replayLocal(options, input);
  } catch (error) {
    return printFatal(error);
  }
}

async function replayDeployed(options: ReplayCommandOptions, input: ReplayInput): Promise<number> {
  const target = resolveDeployedTarget(options);
  const settings = options.settings ? loadLocalConfig({ settingsFile: options.settings }).settings : parseSettings({});
  const summary = await replayDeadLetters(
    {
      ...runtime(),
      deadLetters: new SqsDeadLetterSource({ queueUrl: target.deadLetterQueueUrl }),
      queue: new SqsSyncQueue({ queueUrl: target.syncQueueUrl }),
      state: new DynamoDbStateStore({
        tableName: target.stateTableName,
        retentionDays: settings.activityLog.retentionDays,
      }),
    },
    input,
  );
  printSummary(summary);
  if (!input.dryRun && summary.counts.replay > 0) {
    process.stderr.write(
      "The sync function takes them from the queue now; a record that fails again returns to the DLQ with its new reason.\n",
    );
  }
  return 0;
}

async function replayLocal(options: ReplayCommandOptions, input: ReplayInput): Promise<number> {
  const dataDir = resolve(options.dataDir);
  const letters = new LocalDeadLetterFile(dataDir);
  if (letters.count() === 0) {
    process.stdout.write(`No dead letters in ${dataDir}: nothing to replay.\n`);
    return 0;
  }
  const config: LoadedConfig = loadLocalConfig(options.settings ? { settingsFile: options.settings } : {});
  let emulators: AwsEmulators | undefined;
  let systems: LocalSystems | undefined;
  try {
    emulators = await startAwsEmulators({ dynamoDbPath: join(dataDir, "dynamodb") });
    systems = await startLocalSystems(config, { forceSandbox: options.sandbox === true });
    const resourcePrefix = stateScopeFor(systems);
    const summary = await withEmulatorEnvironment(emulators, async () => {
      const resources = await provisionPipelineResources({
        namePrefix: resourcePrefix,
        maxReceiveCount: config.settings.sync.maxReceiveCount,
      });
      const deps: ReplayDeadLettersDeps = {
        ...runtime(),
        deadLetters: letters,
        queue: new SqsSyncQueue({ queueUrl: resources.queueUrl }),
        state: new DynamoDbStateStore({
          tableName: resources.tableName,
          retentionDays: config.settings.activityLog.retentionDays,
        }),
      };
      return replayDeadLetters(deps, input);
    });
    printSummary(summary);
    if (input.dryRun || summary.counts.replay === 0) return 0;

    process.stderr.write(`Syncing the ${summary.counts.replay} replayed record(s) with one local run…\n`);
    const progress = createProgressDisplay(process.stderr);
    try {
      const report = await runLocalCycle({
        endpoints: emulators.endpoints,
        jortt: systems.jortt,
        salesforce: systems.salesforce,
        settings: config.settings,
        dataDir,
        resourcePrefix,
        sandbox: systems.sandbox,
        progress,
      });
      process.stdout.write(
        formatRunSummary(report, { logFile: join(dataDir, LOG_FILE_NAME) }, { color: process.stdout.isTTY === true }),
      );
      return report.exitCode;
    } finally {
      progress.stop();
    }
  } finally {
    await systems?.close();
    await emulators?.stop();
  }
}

async function withEmulatorEnvironment<T>(emulators: AwsEmulators, run: () => Promise<T>): Promise<T> {
  const restoreEnvironment = applyAwsEmulatorEnvironment(emulators.endpoints);
  const restoreDns = resolveLocalhostSubdomains();
  try {
    return await run();
  } finally {
    restoreDns();
    restoreEnvironment();
  }
}

/** The CLI's own logger: warnings only, so stdout carries the summary (no JSON lines). */
function runtime(): Pick<ReplayDeadLettersDeps, "now" | "logger"> {
  return { now: () => new Date(), logger: new Logger({ serviceName: "jortt-sf-replay", logLevel: "WARN" }) };
}

function printSummary(summary: ReplaySummary): void {
  process.stdout.write(formatReplaySummary(summary, { color: process.stdout.isTTY === true }));
}

/** Sortable and unique, like the fetch run ids: `replay-20261128T100000Z-1a2b3c`. */
function replayRunId(): string {
  const stamp = new Date()
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d{3}/, "");
  return `replay-${stamp}-${Math.random().toString(16).slice(2, 8)}`;
}

function parseMax(text: string): number {
  const max = Number(text);
  if (!Number.isInteger(max) || max < 1) throw new Error(`--max must be a whole number ≥ 1, not "${text}"`);
  return max;
}

function printFatal(error: unknown): number {
  if (isSyncError(error)) {
    process.stderr.write(`Error: ${error.message} [${error.code}]\n`);
    if (error.hint) process.stderr.write(`Next step: ${error.hint}\n`);
  } else {
    process.stderr.write(`Error: ${error instanceof Error ? error.message : String(error)}\n`);
  }
  return 1;
}
