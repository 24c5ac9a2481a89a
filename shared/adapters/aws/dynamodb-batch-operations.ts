import {
  BatchGetCommand,
  type BatchGetCommandOutput,
  BatchWriteCommand,
  type BatchWriteCommandOutput,
} from "@aws-sdk/lib-dynamodb";
import { SyncError } from "../../errors/sync-error";
import { toSyncError } from "./aws-error";
import type { StateItemKey } from "./state-table-layout";

/** DynamoDB's per-call limits. */
export const BATCH_GET_MAX_KEYS = 100;
export const BATCH_WRITE_MAX_REQUESTS = 25;

type Item = Record<string, unknown>;
export type WriteRequest = { PutRequest: { Item: Item } } | { DeleteRequest: { Key: StateItemKey } };

/** The one method these helpers use, so tests can drive the unprocessed-items path. */
export interface BatchSender {
  send(command: BatchGetCommand): Promise<BatchGetCommandOutput>;
  send(command: BatchWriteCommand): Promise<BatchWriteCommandOutput>;
}

export interface RetryPolicy {
  /** Calls per chunk before giving up on still-unprocessed items. */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 8, baseDelayMs: 50, maxDelayMs: 2_000 };

const RESOURCE_HINT = "STATE_TABLE_NAME and that the state table exists";

/** BatchGetItem in chunks of 100, re-requesting UnprocessedKeys with backoff. Order is not kept. */
export async function batchGetAll(
  client: BatchSender,
  tableName: string,
  keys: readonly StateItemKey[],
  retry: RetryPolicy = DEFAULT_RETRY_POLICY,
): Promise<Item[]> {
  const items: Item[] = [];
  for (const chunk of chunked(uniqueKeys(keys), BATCH_GET_MAX_KEYS)) {
    let pending: StateItemKey[] = chunk;
    for (let attempt = 1; pending.length > 0; attempt += 1) {
      if (attempt > retry.maxAttempts) throw unprocessed("BatchGetItem", pending.length, retry.maxAttempts);
      if (attempt > 1) await sleep(backoffMs(attempt - 1, retry));
      const output = await client
        .send(new BatchGetCommand({ RequestItems: { [tableName]: { Keys: pending, ConsistentRead: true } } }))
        .catch((error: unknown) => {
          throw toSyncError(error, { operation: "DynamoDB BatchGetItem", resourceHint: RESOURCE_HINT });
        });
      items.push(...(output.Responses?.[tableName] ?? []));
      pending = (output.UnprocessedKeys?.[tableName]?.Keys ?? []) as StateItemKey[];
    }
  }
  return items;
}

/** BatchWriteItem in chunks of 25, re-sending UnprocessedItems with backoff. */
export async function batchWriteAll(
  client: BatchSender,
  tableName: string,
  requests: readonly WriteRequest[],
  retry: RetryPolicy = DEFAULT_RETRY_POLICY,
): Promise<void> {
  for (const chunk of chunked(lastWriteWinsPerKey(requests), BATCH_WRITE_MAX_REQUESTS)) {
    let pending: WriteRequest[] = chunk;
    for (let attempt = 1; pending.length > 0; attempt += 1) {
      if (attempt > retry.maxAttempts) throw unprocessed("BatchWriteItem", pending.length, retry.maxAttempts);
      if (attempt > 1) await sleep(backoffMs(attempt - 1, retry));
      const output = await client
        .send(new BatchWriteCommand({ RequestItems: { [tableName]: pending } }))
        .catch((error: unknown) => {
          throw toSyncError(error, { operation: "DynamoDB BatchWriteItem", resourceHint: RESOURCE_HINT });
        });
      pending = (output.UnprocessedItems?.[tableName] ?? []) as WriteRequest[];
    }
  }
}

/** DynamoDB rejects a batch that names one key twice; the last request for a key wins. */
function lastWriteWinsPerKey(requests: readonly WriteRequest[]): WriteRequest[] {
  const byKey = new Map<string, WriteRequest>();
  for (const request of requests) {
    const key = "PutRequest" in request ? request.PutRequest.Item : request.DeleteRequest.Key;
    const id = `${String(key.pk)}\u0000${String(key.sk)}`;
    byKey.delete(id);
    byKey.set(id, request);
  }
  return [...byKey.values()];
}

function uniqueKeys(keys: readonly StateItemKey[]): StateItemKey[] {
  const byId = new Map(keys.map((key) => [`${key.pk}\u0000${key.sk}`, key]));
  return [...byId.values()];
}

function chunked<T>(values: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let index = 0; index < values.length; index += size) chunks.push(values.slice(index, index + size));
  return chunks;
}

/** Full jitter, as AWS recommends for batch retries. */
function backoffMs(retryNumber: number, retry: RetryPolicy): number {
  const ceiling = Math.min(retry.maxDelayMs, retry.baseDelayMs * 2 ** (retryNumber - 1));
  return Math.round(Math.random() * ceiling);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function unprocessed(operation: string, count: number, attempts: number): SyncError {
  return new SyncError(`DynamoDB ${operation} left ${count} item(s) unprocessed after ${attempts} attempts`, {
    code: "aws.UnprocessedItems",
    errorClass: "transient",
    source: "aws",
    hint: "The table is throttled; the records are retried on the next delivery.",
  });
}
