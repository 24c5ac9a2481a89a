import { SyncError } from "../errors/sync-error";
import { FunctionEnv } from "../observability/metric-names";

/** The AWS resources a function works with, named by its environment (set by CDK, mirrored locally). */
export interface PipelineResourceNames {
  stateTableName: string;
  /** Only the fetch function sends to the sync queue; the sync function is fed by it. */
  syncQueueUrl?: string;
  deadLetterQueueUrl: string;
  alertTopicArn: string;
}

const VARIABLES = {
  stateTableName: FunctionEnv.StateTableName,
  syncQueueUrl: FunctionEnv.SyncQueueUrl,
  deadLetterQueueUrl: FunctionEnv.DeadLetterQueueUrl,
  alertTopicArn: FunctionEnv.AlertTopicArn,
} as const satisfies Record<keyof PipelineResourceNames, string>;

/**
 * Reads the resource names from the environment. A missing one is a deployment fault: a
 * configuration SyncError naming the variable(s).
 */
export function pipelineResourceNamesFromEnv(
  env: Readonly<Record<string, string | undefined>> = process.env,
  options: { needsSyncQueue: boolean } = { needsSyncQueue: true },
): PipelineResourceNames {
  const value = (name: keyof PipelineResourceNames) => env[VARIABLES[name]]?.trim() ?? "";
  const needed: (keyof PipelineResourceNames)[] = ["stateTableName", "deadLetterQueueUrl", "alertTopicArn"];
  if (options.needsSyncQueue) needed.push("syncQueueUrl");
  const missing = needed.filter((name) => value(name) === "").map((name) => VARIABLES[name]);
  if (missing.length > 0) {
    throw new SyncError(`Missing function environment: ${missing.join(", ")}`, {
      code: "config.function-env.missing",
      errorClass: "configuration",
      source: "config",
      field: missing[0],
      hint: "The CDK stack sets these variables; redeploy it (locally, the CLI sets them).",
    });
  }
  const syncQueueUrl = value("syncQueueUrl");
  return {
    stateTableName: value("stateTableName"),
    deadLetterQueueUrl: value("deadLetterQueueUrl"),
    alertTopicArn: value("alertTopicArn"),
    ...(syncQueueUrl ? { syncQueueUrl } : {}),
  };
}
