import { readFileSync } from "node:fs";
import { z } from "zod";
import { FunctionEnv } from "../shared/observability/metric-names";

/** Where a replay against the deployed stack reads and writes (the stack outputs of docs/deploy.md). */
export interface DeployedReplayTarget {
  deadLetterQueueUrl: string;
  syncQueueUrl: string;
  stateTableName: string;
}

export interface DeployedTargetOptions {
  /** `aws cloudformation describe-stacks --query 'Stacks[0].Outputs' > outputs.json` (or a {key: value} map). */
  stackOutputs?: string;
  deadLetterQueueUrl?: string;
  syncQueueUrl?: string;
  stateTable?: string;
}

const OutputListSchema = z.array(z.object({ OutputKey: z.string(), OutputValue: z.string() }));
const OutputMapSchema = z.record(z.string(), z.string());

/**
 * Flags win over the stack outputs file, which wins over the functions' environment names
 * (DEAD_LETTER_QUEUE_URL, SYNC_QUEUE_URL, STATE_TABLE_NAME). Throws naming what is missing.
 */
export function resolveDeployedTarget(
  options: DeployedTargetOptions,
  env: Readonly<Record<string, string | undefined>> = process.env,
): DeployedReplayTarget {
  const outputs = options.stackOutputs ? readStackOutputs(options.stackOutputs) : {};
  const pick = (flag: string | undefined, output: string, variable: string) =>
    flag?.trim() || outputs[output]?.trim() || env[variable]?.trim() || "";
  const target = {
    deadLetterQueueUrl: pick(options.deadLetterQueueUrl, "DeadLetterQueueUrl", FunctionEnv.DeadLetterQueueUrl),
    syncQueueUrl: pick(options.syncQueueUrl, "SyncQueueUrl", FunctionEnv.SyncQueueUrl),
    stateTableName: pick(options.stateTable, "StateTableName", FunctionEnv.StateTableName),
  };
  const missing = [
    target.deadLetterQueueUrl
      ? null
      : `--dead-letter-queue-url (output DeadLetterQueueUrl, ${FunctionEnv.DeadLetterQueueUrl})`,
    target.syncQueueUrl ? null : `--sync-queue-url (output SyncQueueUrl, ${FunctionEnv.SyncQueueUrl})`,
    target.stateTableName ? null : `--state-table (output StateTableName, ${FunctionEnv.StateTableName})`,
  ].filter((entry): entry is string => entry !== null);
  if (missing.length > 0) {
    throw new Error(
      `Replay against the deployed stack needs ${missing.join(", ")}. Pass --stack-outputs with the file from ` +
        "`aws cloudformation describe-stacks --stack-name JorttSalesforceSync-<stage> --query 'Stacks[0].Outputs'`.",
    );
  }
  return target;
}

function readStackOutputs(path: string): Record<string, string> {
  const json: unknown = JSON.parse(readFileSync(path, "utf8"));
  const list = OutputListSchema.safeParse(json);
  if (list.success) return Object.fromEntries(list.data.map((output) => [output.OutputKey, output.OutputValue]));
  const map = OutputMapSchema.safeParse(json);
  if (map.success) return map.data;
  throw new Error(`${path}: expected the stack outputs ([{OutputKey, OutputValue}] or {"Key": "value"})`);
}
