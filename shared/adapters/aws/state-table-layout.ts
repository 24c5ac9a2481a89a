/**
 * The single-table layout of the state table (DynamoDB in AWS, dynalite locally). Shared by the
 * state store, the CDK table definition and local provisioning, so the three cannot drift.
 *
 * | item         | pk               | sk                         | TTL (`expiresAt`) |
 * |--------------|------------------|----------------------------|-------------------|
 * | record state | `REC#<key>`      | `STATE`                    | none              |
 * | run          | `RUN`            | `<startedAt>#<runId>`      | retention days    |
 * | activity     | `ACT#<key>`      | `<at>#<runId>#<event>`     | retention days    |
 * | cursor       | `CURSOR#<name>`  | `CURSOR`                   | none              |
 * | claim        | `CLAIM#<name>`   | `CLAIM`                    | end of its window |
 *
 * Runs share one partition so `listRuns` is one Query, newest first; at one run per schedule tick
 * that partition stays small. Activity is partitioned by record, so "what happened to invoice X"
 * is one Query too.
 */
export const StateTable = {
  partitionKey: "pk",
  sortKey: "sk",
  /** Epoch seconds; DynamoDB TTL deletes the item some time after it passes. */
  ttlAttribute: "expiresAt",
} as const;

export interface StateItemKey {
  pk: string;
  sk: string;
}

export function recordStateKey(recordKey: string): StateItemKey {
  return { pk: `REC#${recordKey}`, sk: "STATE" };
}

export const RUNS_PARTITION = "RUN";

export function runKey(startedAt: string, runId: string): StateItemKey {
  return { pk: RUNS_PARTITION, sk: `${startedAt}#${runId}` };
}

export function activityKey(recordKey: string, at: string, runId: string, event: string): StateItemKey {
  return { pk: `ACT#${recordKey}`, sk: `${at}#${runId}#${event}` };
}

export function cursorKey(name: string): StateItemKey {
  return { pk: `CURSOR#${name}`, sk: "CURSOR" };
}

export function claimKey(name: string): StateItemKey {
  return { pk: `CLAIM#${name}`, sk: "CLAIM" };
}
