import type { BatchGetCommand, BatchWriteCommand } from "@aws-sdk/lib-dynamodb";
import {
  type BatchSender,
  batchGetAll,
  batchWriteAll,
  type WriteRequest,
} from "../../../shared/adapters/aws/dynamodb-batch-operations";

// dynalite never returns UnprocessedKeys/UnprocessedItems (real DynamoDB does under throttling),
// so this path is driven by a scripted sender.
const fast = { maxAttempts: 4, baseDelayMs: 1, maxDelayMs: 2 };
const key = (index: number) => ({ pk: `REC#customer:${index}`, sk: "STATE" });

function scriptedSender(script: (input: Record<string, unknown>, call: number) => Record<string, unknown>) {
  const calls: Record<string, unknown>[] = [];
  const sender = {
    async send(command: BatchGetCommand | BatchWriteCommand) {
      calls.push(command.input as Record<string, unknown>);
      return script(command.input as Record<string, unknown>, calls.length) as never;
    },
  } as BatchSender;
  return { sender, calls };
}

describe("batchGetAll", () => {
  it("chunks at 100 keys, drops repeated keys and re-requests unprocessed keys", async () => {
    const keys = [...Array.from({ length: 150 }, (_, index) => key(index)), key(0)];
    const { sender, calls } = scriptedSender((input, call) => {
      const requested = (input.RequestItems as Record<string, { Keys: { pk: string }[] }>).t?.Keys ?? [];
      // The first call leaves its last two keys unprocessed.
      const served = call === 1 ? requested.slice(0, -2) : requested;
      const left = call === 1 ? requested.slice(-2) : [];
      return {
        Responses: { t: served.map((k) => ({ ...k, hash: "h" })) },
        UnprocessedKeys: left.length ? { t: { Keys: left } } : {},
      };
    });

    const items = await batchGetAll(sender, "t", keys, fast);

    expect(items).toHaveLength(150);
    const sizes = calls.map((input) => (input.RequestItems as Record<string, { Keys: unknown[] }>).t?.Keys.length);
    expect(sizes).toEqual([100, 2, 50]);
  });

  it("gives up with a transient SyncError when keys stay unprocessed", async () => {
    const { sender, calls } = scriptedSender((input) => ({
      Responses: { t: [] },
      UnprocessedKeys: { t: (input.RequestItems as Record<string, unknown>).t },
    }));

    await expect(batchGetAll(sender, "t", [key(1)], fast)).rejects.toMatchObject({
      code: "aws.UnprocessedItems",
      errorClass: "transient",
    });
    expect(calls).toHaveLength(4);
  });
});

describe("batchWriteAll", () => {
  it("chunks at 25, keeps the last write per key and re-sends unprocessed items", async () => {
    const requests: WriteRequest[] = Array.from({ length: 30 }, (_, index) => ({
      PutRequest: { Item: { ...key(index), hash: "old" } },
    }));
    requests.push({ PutRequest: { Item: { ...key(3), hash: "new" } } });
    const { sender, calls } = scriptedSender((input, call) => {
      const sent = (input.RequestItems as Record<string, WriteRequest[]>).t ?? [];
      return { UnprocessedItems: call === 1 ? { t: sent.slice(0, 1) } : {} };
    });

    await batchWriteAll(sender, "t", requests, fast);

    const batches = calls.map((input) => (input.RequestItems as Record<string, WriteRequest[]>).t ?? []);
    expect(batches.map((batch) => batch.length)).toEqual([25, 1, 5]);
    const allItems = batches.flat().map((request) => ("PutRequest" in request ? request.PutRequest.Item : {}));
    expect(allItems.filter((item) => item.pk === key(3).pk).map((item) => item.hash)).toEqual(["new"]);
  });
});
