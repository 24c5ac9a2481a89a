import { Logger } from "@aws-lambda-powertools/logger";
import { GetQueueAttributesCommand, ReceiveMessageCommand, SendMessageCommand, SQSClient } from "@aws-sdk/client-sqs";
import { DynamoDbStateStore } from "../../../shared/adapters/aws/dynamodb-state-store";
import { SqsDeadLetterQueue } from "../../../shared/adapters/aws/sqs-dead-letter-queue";
import { SqsDeadLetterSource } from "../../../shared/adapters/aws/sqs-dead-letter-source";
import { SqsSyncQueue } from "../../../shared/adapters/aws/sqs-sync-queue";
import { replayDeadLetters } from "../../../shared/use-cases/replay-dead-letters";
import { type PipelineResources, provisionPipelineResources } from "../../../sim/aws/provision-pipeline-resources";
import { uniqueName, useAwsEmulators } from "../../support/aws-emulators";
import { rawCustomer } from "../../support/fakes/jortt-records";
import { customerMessage } from "../../support/fakes/sync-messages";

useAwsEmulators();
let resources: PipelineResources;
let sqs: SQSClient;

beforeAll(async () => {
  sqs = new SQSClient({});
  resources = await provisionPipelineResources({ namePrefix: uniqueName("replay-sqs"), maxReceiveCount: 3 });
});

afterAll(() => sqs.destroy());

function replay(runId: string, filter: { keys?: string[]; codes?: string[] } = {}, dryRun = false) {
  return replayDeadLetters(
    {
      deadLetters: new SqsDeadLetterSource({ queueUrl: resources.deadLetterQueueUrl, client: sqs }),
      queue: new SqsSyncQueue({ queueUrl: resources.queueUrl, client: sqs }),
      state: new DynamoDbStateStore({ tableName: resources.tableName, retentionDays: 30 }),
      now: () => new Date(),
      logger: new Logger({ logLevel: "SILENT" }),
    },
    { runId, filter, dryRun },
  );
}

async function depth(queueUrl: string): Promise<{ visible: number; inFlight: number }> {
  const output = await sqs.send(
    new GetQueueAttributesCommand({
      QueueUrl: queueUrl,
      AttributeNames: ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"],
    }),
  );
  return {
    visible: Number(output.Attributes?.ApproximateNumberOfMessages ?? 0),
    inFlight: Number(output.Attributes?.ApproximateNumberOfMessagesNotVisible ?? 0),
  };
}

async function receiveAll(queueUrl: string): Promise<{ body: string; key?: string }[]> {
  const output = await sqs.send(
    new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, MessageAttributeNames: ["All"] }),
  );
  return (output.Messages ?? []).map((message) => ({
    body: message.Body ?? "",
    ...(message.MessageAttributes?.RecordKey?.StringValue
      ? { key: message.MessageAttributes.RecordKey.StringValue }
      : {}),
  }));
}

describe("replay on SQS (fauxqs: receive → send → delete, no StartMessageMoveTask)", () => {
  it("moves letters by code, keeps the others visible, carries the reason; a second run does nothing", async () => {
    const [lock, invalid, redriven] = [rawCustomer(), rawCustomer(), rawCustomer()];
    await new SqsDeadLetterQueue({ queueUrl: resources.deadLetterQueueUrl, client: sqs }).deadLetter([
      {
        body: JSON.stringify(customerMessage(lock!)),
        reason: { key: `customer:${lock!.id}`, code: "UNABLE_TO_LOCK_ROW", message: "row lock", hint: "retry later" },
      },
      {
        body: JSON.stringify(customerMessage(invalid!)),
        reason: { key: `customer:${invalid!.id}`, code: "mapping.invalid-record", message: "Account.Name: required" },
      },
    ]);
    // What SQS's own redrive moves after maxReceiveCount: the bare message, no reason attributes.
    await sqs.send(
      new SendMessageCommand({
        QueueUrl: resources.deadLetterQueueUrl,
        MessageBody: JSON.stringify(customerMessage(redriven!)),
      }),
    );

    const dry = await replay("dry", {}, true);
    expect(dry.counts.replay).toBe(3);
    expect(await depth(resources.deadLetterQueueUrl)).toEqual({ visible: 3, inFlight: 0 });

    const byCode = await replay("by-code", { codes: ["UNABLE_TO_LOCK_ROW", "retries-exhausted"] });
    expect(byCode.counts).toMatchObject({ replay: 2, "not-selected": 1 });
    expect(byCode.entries.find((entry) => entry.key === `customer:${lock!.id}`)).toMatchObject({
      code: "UNABLE_TO_LOCK_ROW",
      reason: "row lock",
      hint: "retry later",
    });
    // The letter outside the filter is visible again at once, not after a visibility timeout.
    expect(await depth(resources.deadLetterQueueUrl)).toEqual({ visible: 1, inFlight: 0 });
    const moved = await receiveAll(resources.queueUrl);
    expect(moved.map((message) => message.key).sort()).toEqual(
      [`customer:${lock!.id}`, `customer:${redriven!.id}`].sort(),
    );
    expect(JSON.parse(moved[0]?.body ?? "{}")).toMatchObject({ runId: "by-code", kind: "customer" });

    const rest = await replay("rest", { keys: [`customer:${invalid!.id}`] });
    expect(rest.counts.replay).toBe(1);
    expect(await depth(resources.deadLetterQueueUrl)).toEqual({ visible: 0, inFlight: 0 });

    const again = await replay("again");
    expect(again.found).toBe(0);
    const runs = await new DynamoDbStateStore({ tableName: resources.tableName, retentionDays: 30 }).listRuns(5);
    expect(runs.filter((run) => run.kind === "replay").map((run) => run.runId)).toEqual(
      expect.arrayContaining(["by-code", "rest", "again"]),
    );
  });
});
