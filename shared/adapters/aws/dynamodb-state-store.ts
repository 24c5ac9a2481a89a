import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand } from "@aws-sdk/lib-dynamodb";
import { z } from "zod";
import type { ActivityEntry, RecordState, RunRecord, StateStore } from "../../ports/state-store";
import { toSyncError } from "./aws-error";
import { type BatchSender, batchGetAll, batchWriteAll, type RetryPolicy } from "./dynamodb-batch-operations";
import {
  activityKey,
  claimKey,
  cursorKey,
  RUNS_PARTITION,
  recordStateKey,
  runKey,
  StateTable,
} from "./state-table-layout";

const RecordStateItemSchema = z.object({
  key: z.string(),
  kind: z.enum(["customer", "invoice", "order"]),
  hash: z.string(),
  outcome: z.enum(["synced", "invalid", "dead-lettered", "quarantined"]),
  salesforceIds: z.record(z.string(), z.string()),
  jorttId: z.string().optional(),
  errorCode: z.string().optional(),
  runId: z.string(),
  updatedAt: z.string(),
});

const RunItemSchema = z.object({
  runId: z.string(),
  kind: z.enum(["fetch", "sync", "replay"]),
  startedAt: z.string(),
  finishedAt: z.string(),
  durationMs: z.number(),
  status: z.enum(["succeeded", "failed", "stopped"]),
  counts: z.record(z.string(), z.number()),
  errorCode: z.string().optional(),
  expiresAt: z.number().optional(),
});

const CursorItemSchema = z.object({ value: z.string() });

const SECONDS_PER_DAY = 86_400;
const RESOURCE_HINT = "STATE_TABLE_NAME and that the state table exists";

export interface DynamoDbStateStoreOptions {
  tableName: string;
  /** settings.activityLog.retentionDays: activity entries and runs expire by TTL after this. */
  retentionDays: number;
  /** Defaults to `DynamoDBDocumentClient.from(new DynamoDBClient({}))` (endpoint from AWS_ENDPOINT_URL_DYNAMODB). */
  client?: DynamoDBDocumentClient;
  retry?: RetryPolicy;
  now?: () => Date;
}

/**
 * The StateStore port on one DynamoDB table (layout in state-table-layout.ts). Stores ids, hashes,
 * codes and counts only. Uses no transactions or UpdateTimeToLive, so dynalite runs it unchanged.
 */
export class DynamoDbStateStore implements StateStore {
  private readonly tableName: string;
  private readonly retentionSeconds: number;
  private readonly client: DynamoDBDocumentClient;
  private readonly retry: RetryPolicy | undefined;
  private readonly now: () => Date;

  constructor(options: DynamoDbStateStoreOptions) {
    this.tableName = options.tableName;
    this.retentionSeconds = Math.round(options.retentionDays * SECONDS_PER_DAY);
    this.client =
      options.client ??
      DynamoDBDocumentClient.from(new DynamoDBClient({}), { marshallOptions: { removeUndefinedValues: true } });
    this.retry = options.retry;
    this.now = options.now ?? (() => new Date());
  }

  async getRecordStates(keys: readonly string[]): Promise<Map<string, RecordState>> {
    const items = await batchGetAll(this.sender(), this.tableName, keys.map(recordStateKey), this.retry);
    const states = new Map<string, RecordState>();
    for (const item of items) {
      const state = RecordStateItemSchema.parse(item);
      states.set(state.key, state);
    }
    return states;
  }

  async putRecordStates(states: readonly RecordState[]): Promise<void> {
    const requests = states.map((state) => ({
      PutRequest: { Item: { ...recordStateKey(state.key), ...RecordStateItemSchema.parse(state) } },
    }));
    await batchWriteAll(this.sender(), this.tableName, requests, this.retry);
  }

  async putRun(run: RunRecord): Promise<void> {
    const item = { ...runKey(run.startedAt, run.runId), ...RunItemSchema.parse(run), expiresAt: this.expiry() };
    await this.send("PutItem", () => this.client.send(new PutCommand({ TableName: this.tableName, Item: item })));
  }

  async listRuns(limit: number): Promise<RunRecord[]> {
    const output = await this.send("Query", () =>
      this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: "pk = :runs",
          ExpressionAttributeValues: { ":runs": RUNS_PARTITION },
          ScanIndexForward: false,
          Limit: limit,
          ConsistentRead: true,
        }),
      ),
    );
    return (output.Items ?? []).map((item) => {
      const { expiresAt: _expiresAt, ...run } = RunItemSchema.parse(item);
      return run;
    });
  }

  async appendActivity(entries: readonly ActivityEntry[]): Promise<void> {
    const expiresAt = this.expiry();
    const requests = entries.map((entry) => ({
      PutRequest: {
        Item: {
          ...activityKey(entry.key, entry.at, entry.runId, entry.event),
          runId: entry.runId,
          key: entry.key,
          event: entry.event,
          ...(entry.code ? { code: entry.code } : {}),
          at: entry.at,
          [StateTable.ttlAttribute]: expiresAt,
        },
      },
    }));
    await batchWriteAll(this.sender(), this.tableName, requests, this.retry);
  }

  async getCursor(name: string): Promise<string | undefined> {
    const output = await this.send("GetItem", () =>
      this.client.send(new GetCommand({ TableName: this.tableName, Key: cursorKey(name), ConsistentRead: true })),
    );
    return output.Item ? CursorItemSchema.parse(output.Item).value : undefined;
  }

  async putCursor(name: string, value: string): Promise<void> {
    const item = { ...cursorKey(name), value, updatedAt: this.now().toISOString() };
    await this.send("PutItem", () => this.client.send(new PutCommand({ TableName: this.tableName, Item: item })));
  }

  async claimOnce(name: string, windowSeconds: number): Promise<boolean> {
    const nowSeconds = Math.floor(this.now().getTime() / 1000);
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...claimKey(name), [StateTable.ttlAttribute]: nowSeconds + windowSeconds },
          // TTL deletion lags by up to days, so an expired claim must count as free here.
          ConditionExpression: "attribute_not_exists(pk) OR #expiresAt <= :now",
          ExpressionAttributeNames: { "#expiresAt": StateTable.ttlAttribute },
          ExpressionAttributeValues: { ":now": nowSeconds },
        }),
      );
      return true;
    } catch (error) {
      if ((error as { name?: string }).name === "ConditionalCheckFailedException") return false;
      throw toSyncError(error, { operation: "DynamoDB PutItem (claim)", resourceHint: RESOURCE_HINT });
    }
  }

  private expiry(): number {
    return Math.floor(this.now().getTime() / 1000) + this.retentionSeconds;
  }

  private sender(): BatchSender {
    return this.client;
  }

  private async send<T>(operation: string, call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      throw toSyncError(error, { operation: `DynamoDB ${operation}`, resourceHint: RESOURCE_HINT });
    }
  }
}
