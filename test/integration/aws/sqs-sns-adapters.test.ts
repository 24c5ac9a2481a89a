import {
  GetQueueAttributesCommand,
  type Message,
  ReceiveMessageCommand,
  SendMessageCommand,
  SQSClient,
} from "@aws-sdk/client-sqs";
import { SnsNotifier, snsSubject } from "../../../shared/adapters/aws/sns-notifier";
import { SqsDeadLetterQueue } from "../../../shared/adapters/aws/sqs-dead-letter-queue";
import { deleteDeadLetters, readDeadLetters } from "../../../shared/adapters/aws/sqs-dead-letter-reader";
import { SqsSyncQueue } from "../../../shared/adapters/aws/sqs-sync-queue";
import type { SyncMessage } from "../../../shared/domain/sync-message";
import { drainAlertInbox } from "../../../sim/aws/alert-inbox";
import { type PipelineResources, provisionPipelineResources } from "../../../sim/aws/provision-pipeline-resources";
import { uniqueName, useAwsEmulators } from "../../support/aws-emulators";

useAwsEmulators();

const sqs = new SQSClient({});
let resources: PipelineResources;

beforeAll(async () => {
  resources = await provisionPipelineResources({ namePrefix: uniqueName("adapters"), maxReceiveCount: 2 });
});

afterAll(() => sqs.destroy());

async function receiveAll(queueUrl: string): Promise<Message[]> {
  const messages: Message[] = [];
  for (;;) {
    const output = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: queueUrl,
        MaxNumberOfMessages: 10,
        WaitTimeSeconds: 0,
        VisibilityTimeout: 60,
        MessageAttributeNames: ["All"],
      }),
    );
    if (!output.Messages?.length) return messages;
    messages.push(...output.Messages);
  }
}

function customerMessage(id: number, padding = 0): SyncMessage {
  return {
    v: 1,
    runId: "run-1",
    key: `customer:${id}`,
    hash: `h${id}`,
    kind: "customer",
    customer: { id: String(id), note: "x".repeat(padding) },
  };
}

describe("SqsSyncQueue on fauxqs", () => {
  it("enqueues 23 messages (10-entry and 256 KiB chunks) with RecordKey and RunId attributes", async () => {
    const messages = Array.from({ length: 23 }, (_, index) => customerMessage(index, index < 3 ? 100_000 : 0));

    await new SqsSyncQueue({ queueUrl: resources.queueUrl }).enqueue(messages);

    const received = await receiveAll(resources.queueUrl);
    expect(received).toHaveLength(23);
    const bodies = received.map((message) => JSON.parse(message.Body ?? "{}") as SyncMessage);
    expect(new Set(bodies.map((body) => body.key))).toEqual(new Set(messages.map((message) => message.key)));
    const first = received.find((message) => message.MessageAttributes?.RecordKey?.StringValue === "customer:7");
    expect(first?.MessageAttributes?.RunId?.StringValue).toBe("run-1");
  });

  it("refuses a message over the size limit as a data error of that record", async () => {
    const queue = new SqsSyncQueue({ queueUrl: resources.queueUrl });
    await expect(queue.enqueue([customerMessage(99, 300_000)])).rejects.toMatchObject({
      code: "message.too-large",
      errorClass: "data",
      recordKey: "customer:99",
    });
  });

  it("reports a missing queue as a configuration error", async () => {
    const queue = new SqsSyncQueue({ queueUrl: `${resources.queueUrl}-missing` });
    await expect(queue.enqueue([customerMessage(1)])).rejects.toMatchObject({ errorClass: "configuration" });
  });
});

describe("SqsDeadLetterQueue and readDeadLetters on fauxqs", () => {
  it("carries RecordKey, ErrorCode, ErrorMessage and Hint, and tells redriven messages apart", async () => {
    const dlq = new SqsDeadLetterQueue({ queueUrl: resources.deadLetterQueueUrl });
    await dlq.deadLetter([
      {
        body: JSON.stringify(customerMessage(1)),
        reason: {
          key: "customer:1",
          code: "REQUIRED_FIELD_MISSING",
          message: "Account.Name is required",
          hint: "Give the customer a name in Jortt",
        },
      },
      { body: JSON.stringify(customerMessage(2)), reason: { key: "customer:2", code: "E", message: "m".repeat(5000) } },
    ]);
    // What SQS redrive moves after maxReceiveCount: the bare original message.
    await sqs.send(
      new SendMessageCommand({
        QueueUrl: resources.deadLetterQueueUrl,
        MessageBody: JSON.stringify(customerMessage(3)),
      }),
    );

    const letters = await readDeadLetters({ queueUrl: resources.deadLetterQueueUrl, max: 10 });

    const byKey = new Map(letters.map((letter) => [letter.reason.key, letter]));
    expect(byKey.get("customer:1")?.reason).toEqual({
      key: "customer:1",
      code: "REQUIRED_FIELD_MISSING",
      message: "Account.Name is required",
      hint: "Give the customer a name in Jortt",
    });
    expect(byKey.get("customer:1")?.movedByRedrive).toBe(false);
    expect(byKey.get("customer:2")?.reason.message).toHaveLength(1000);
    expect(byKey.get("customer:2")?.reason.hint).toBeUndefined();
    expect(byKey.get("customer:3")).toMatchObject({ movedByRedrive: true, reason: { code: "retries-exhausted" } });

    await deleteDeadLetters({ queueUrl: resources.deadLetterQueueUrl, letters });
    const attributes = await sqs.send(
      new GetQueueAttributesCommand({
        QueueUrl: resources.deadLetterQueueUrl,
        AttributeNames: ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"],
      }),
    );
    expect(attributes.Attributes).toMatchObject({
      ApproximateNumberOfMessages: "0",
      ApproximateNumberOfMessagesNotVisible: "0",
    });
  });
});

describe("SnsNotifier on fauxqs", () => {
  it("publishes one message per alert with incident and severity, reaching a subscribed queue", async () => {
    await new SnsNotifier({ topicArn: resources.topicArn }).notify({
      incident: "dead-letters",
      severity: "critical",
      subject: "3 records dead-lettered — Ünïcode",
      body: "3 invoices failed: REQUIRED_FIELD_MISSING.\nNext: fix in Jortt, then replay.",
    });

    const alerts = await drainAlertInbox(resources.alertInboxUrl, sqs);

    expect(alerts).toEqual([
      {
        incident: "dead-letters",
        severity: "critical",
        subject: "3 records dead-lettered - Unicode",
        deliveredSubject: "[critical] 3 records dead-lettered - Unicode",
        body: "3 invoices failed: REQUIRED_FIELD_MISSING.\nNext: fix in Jortt, then replay.",
      },
    ]);
  });

  it("keeps subjects within SNS's rules", () => {
    expect(snsSubject(`a\nb\t${"é".repeat(200)}`)).toMatch(/^a b e{93}\.\.\.$/);
  });
});
