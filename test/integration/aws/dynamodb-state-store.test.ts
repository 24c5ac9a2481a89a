import { DynamoDBClient, GetItemCommand, ScanCommand } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { DynamoDbStateStore } from "../../../shared/adapters/aws/dynamodb-state-store";
import { activityKey, recordStateKey } from "../../../shared/adapters/aws/state-table-layout";
import type { RecordState } from "../../../shared/ports/state-store";
import { createStateTable } from "../../../sim/aws/provision-pipeline-resources";
import { uniqueName, useAwsEmulators } from "../../support/aws-emulators";

useAwsEmulators();

const raw = new DynamoDBClient({});
const client = DynamoDBDocumentClient.from(raw, { marshallOptions: { removeUndefinedValues: true } });
let tableName: string;
let clock = new Date("2026-11-28T10:00:00.000Z");
let store: DynamoDbStateStore;

function stateOf(key: string, overrides: Partial<RecordState> = {}): RecordState {
  return {
    key,
    kind: key.startsWith("invoice:") ? "invoice" : "customer",
    hash: `hash-of-${key}`,
    outcome: "synced",
    salesforceIds: { account: "001000000000001AAA" },
    runId: "run-1",
    updatedAt: clock.toISOString(),
    ...overrides,
  };
}

beforeAll(async () => {
  tableName = uniqueName("state-store");
  await createStateTable(raw, tableName);
  store = new DynamoDbStateStore({ tableName, retentionDays: 30, client, now: () => clock });
});

afterAll(() => raw.destroy());

describe("DynamoDbStateStore on dynalite", () => {
  it("writes and reads 260 record states across BatchWrite (25) and BatchGet (100) chunks", async () => {
    const keys = Array.from({ length: 260 }, (_, index) => `customer:c${index}`);
    await store.putRecordStates(keys.map((key) => stateOf(key)));

    const read = await store.getRecordStates([...keys, "customer:missing"]);

    expect(read.size).toBe(260);
    expect(read.has("customer:missing")).toBe(false);
    expect(read.get("customer:c259")).toEqual(stateOf("customer:c259"));
  });

  it("keeps the last state when one batch names a key twice, and reads optional fields back", async () => {
    await store.putRecordStates([
      stateOf("invoice:i1", { hash: "first" }),
      stateOf("invoice:i1", { hash: "second", outcome: "dead-lettered", errorCode: "FIELD_INTEGRITY_EXCEPTION" }),
    ]);

    const read = await store.getRecordStates(["invoice:i1", "invoice:i1"]);

    expect(read.get("invoice:i1")).toMatchObject({
      hash: "second",
      outcome: "dead-lettered",
      errorCode: "FIELD_INTEGRITY_EXCEPTION",
    });
    const item = await raw.send(
      new GetItemCommand({ TableName: tableName, Key: { pk: { S: "REC#invoice:i1" }, sk: { S: "STATE" } } }),
    );
    expect(item.Item?.expiresAt).toBeUndefined();
    expect(recordStateKey("invoice:i1")).toEqual({ pk: "REC#invoice:i1", sk: "STATE" });
  });

  it("lists runs newest first, limited", async () => {
    for (const [index, startedAt] of [
      "2026-11-28T08:00:00.000Z",
      "2026-11-28T09:00:00.000Z",
      "2026-11-28T07:00:00.000Z",
    ].entries()) {
      await store.putRun({
        runId: `run-${index}`,
        kind: "fetch",
        startedAt,
        finishedAt: startedAt,
        durationMs: 10 + index,
        status: "succeeded",
        counts: { enqueued: index },
      });
    }

    const runs = await store.listRuns(2);

    expect(runs.map((run) => run.runId)).toEqual(["run-1", "run-0"]);
    expect(runs[0]).toEqual({
      runId: "run-1",
      kind: "fetch",
      startedAt: "2026-11-28T09:00:00.000Z",
      finishedAt: "2026-11-28T09:00:00.000Z",
      durationMs: 11,
      status: "succeeded",
      counts: { enqueued: 1 },
    });
  });

  it("appends activity with an expiry of retentionDays and only ids and codes", async () => {
    const at = "2026-11-28T10:00:01.000Z";
    await store.appendActivity([
      { runId: "run-9", key: "customer:c1", event: "synced", at },
      { runId: "run-9", key: "customer:c2", event: "dead-lettered", code: "REQUIRED_FIELD_MISSING", at },
    ]);

    const key = activityKey("customer:c2", at, "run-9", "dead-lettered");
    const item = await raw.send(
      new GetItemCommand({ TableName: tableName, Key: { pk: { S: key.pk }, sk: { S: key.sk } } }),
    );
    const expected = Math.floor(clock.getTime() / 1000) + 30 * 86_400;
    expect(item.Item).toEqual({
      pk: { S: "ACT#customer:c2" },
      sk: { S: `${at}#run-9#dead-lettered` },
      runId: { S: "run-9" },
      key: { S: "customer:c2" },
      event: { S: "dead-lettered" },
      code: { S: "REQUIRED_FIELD_MISSING" },
      at: { S: at },
      expiresAt: { N: String(expected) },
    });
  });

  it("stores cursors", async () => {
    expect(await store.getCursor("reverse-orders")).toBeUndefined();
    await store.putCursor("reverse-orders", "2026-11-28T09:59:00.000Z");
    await store.putCursor("reverse-orders", "2026-11-28T10:00:00.000Z");
    expect(await store.getCursor("reverse-orders")).toBe("2026-11-28T10:00:00.000Z");
  });

  it("claims once per window: concurrent callers agree, and the claim frees up when the window ends", async () => {
    const claims = await Promise.all(Array.from({ length: 5 }, () => store.claimOnce("alert:dead-letters", 3600)));
    expect(claims.filter(Boolean)).toHaveLength(1);
    expect(await store.claimOnce("alert:dead-letters", 3600)).toBe(false);
    expect(await store.claimOnce("alert:other", 3600)).toBe(true);

    clock = new Date(clock.getTime() + 3600 * 1000);
    expect(await store.claimOnce("alert:dead-letters", 3600)).toBe(true);
    expect(await store.claimOnce("alert:dead-letters", 3600)).toBe(false);
  });

  it("holds no personal data: every stored attribute is an id, hash, code, count or time", async () => {
    const scan = await raw.send(new ScanCommand({ TableName: tableName }));
    const attributeNames = new Set((scan.Items ?? []).flatMap((item) => Object.keys(item)));
    expect([...attributeNames].sort()).toEqual(
      [
        "at",
        "code",
        "counts",
        "durationMs",
        "errorCode",
        "event",
        "expiresAt",
        "finishedAt",
        "hash",
        "key",
        "kind",
        "outcome",
        "pk",
        "runId",
        "salesforceIds",
        "sk",
        "startedAt",
        "status",
        "updatedAt",
        "value",
      ].sort(),
    );
  });

  it("turns a missing table into a configuration error that names the setting", async () => {
    const missing = new DynamoDbStateStore({ tableName: "no-such-table", retentionDays: 1, client });
    await expect(missing.getRecordStates(["customer:1"])).rejects.toMatchObject({
      name: "SyncError",
      code: "aws.ResourceNotFoundException",
      errorClass: "configuration",
      hint: expect.stringContaining("STATE_TABLE_NAME"),
    });
  });
});
