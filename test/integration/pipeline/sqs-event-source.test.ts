import { SendMessageBatchCommand, SQSClient } from "@aws-sdk/client-sqs";
import type { SQSBatchResponse, SQSEvent } from "aws-lambda";
import { drainQueueThroughHandler, type SqsEventSourceOptions } from "../../../cli/local/sqs-event-source";
import { readDeadLetters } from "../../../shared/adapters/aws/sqs-dead-letter-reader";
import { type PipelineResources, provisionPipelineResources } from "../../../sim/aws/provision-pipeline-resources";
import { uniqueName, useAwsEmulators } from "../../support/aws-emulators";

const { endpoints } = useAwsEmulators();
const sqs = new SQSClient({});

afterAll(() => sqs.destroy());

async function send(queueUrl: string, bodies: string[]): Promise<void> {
  for (let index = 0; index < bodies.length; index += 10) {
    await sqs.send(
      new SendMessageBatchCommand({
        QueueUrl: queueUrl,
        Entries: bodies.slice(index, index + 10).map((body, position) => ({
          Id: String(position),
          MessageBody: body,
          MessageAttributes: { RecordKey: { DataType: "String", StringValue: body } },
        })),
      }),
    );
  }
}

function sourceOptions(resources: PipelineResources, handler: SqsEventSourceOptions["handler"]): SqsEventSourceOptions {
  return {
    client: sqs,
    queueUrl: resources.queueUrl,
    queueArn: resources.queueArn,
    region: endpoints().region,
    handler,
    functionName: "sync",
    batchSize: 15,
    batchingWindowMs: 200,
    timeoutMs: 30_000,
    retryDelaySeconds: 0,
  };
}

describe("drainQueueThroughHandler (Lambda SQS event source semantics) on fauxqs", () => {
  it("batches, deletes successes, redelivers failures and lets redrive dead-letter a poison message", async () => {
    const resources = await provisionPipelineResources({ namePrefix: uniqueName("runner"), maxReceiveCount: 3 });
    const bodies = Array.from({ length: 30 }, (_, index) => `m${index}`);
    await send(resources.queueUrl, [...bodies, "poison", "flaky"]);

    const seen: { body: string; receiveCount: number; attributes: unknown }[] = [];
    const batchSizes: number[] = [];
    let threwOnce = false;
    const handler = async (event: SQSEvent): Promise<SQSBatchResponse> => {
      batchSizes.push(event.Records.length);
      for (const record of event.Records) {
        seen.push({
          body: record.body,
          receiveCount: Number(record.attributes.ApproximateReceiveCount),
          attributes: record.messageAttributes.RecordKey,
        });
        expect(record.eventSource).toBe("aws:sqs");
        expect(record.eventSourceARN).toBe(resources.queueArn);
      }
      if (!threwOnce && event.Records.some((record) => record.body === "m3")) {
        threwOnce = true;
        throw new Error("crash: the whole batch fails");
      }
      return {
        batchItemFailures: event.Records.filter(
          (record) =>
            record.body === "poison" || (record.body === "flaky" && record.attributes.ApproximateReceiveCount === "1"),
        ).map((record) => ({ itemIdentifier: record.messageId })),
      };
    };

    const summary = await drainQueueThroughHandler(sourceOptions(resources, handler));

    expect(Math.max(...batchSizes)).toBeLessThanOrEqual(15);
    const succeeded = new Set(seen.map((entry) => entry.body));
    for (const body of [...bodies, "flaky"]) expect(succeeded.has(body)).toBe(true);
    expect(seen.filter((entry) => entry.body === "poison").map((entry) => entry.receiveCount)).toEqual([1, 2, 3]);
    expect(seen.filter((entry) => entry.body === "flaky").map((entry) => entry.receiveCount)).toEqual([1, 2]);
    expect(seen.find((entry) => entry.body === "m0")?.attributes).toEqual({
      dataType: "String",
      stringValue: "m0",
      stringListValues: [],
      binaryListValues: [],
    });
    expect(summary.deleted).toBe(31);
    expect(summary.deliveries).toBe(seen.length);

    const letters = await readDeadLetters({ queueUrl: resources.deadLetterQueueUrl, max: 10 });
    expect(letters.map((letter) => letter.body)).toEqual(["poison"]);
    expect(letters[0]?.movedByRedrive).toBe(true);
  });

  it("fails the whole batch when a failure names a message outside it, and stops when asked", async () => {
    const resources = await provisionPipelineResources({ namePrefix: uniqueName("runner"), maxReceiveCount: 2 });
    await send(resources.queueUrl, ["a", "b"]);
    const deliveries: string[] = [];
    let calls = 0;
    const handler = async (event: SQSEvent): Promise<SQSBatchResponse> => {
      calls += 1;
      deliveries.push(...event.Records.map((record) => record.body));
      return { batchItemFailures: calls === 1 ? [{ itemIdentifier: "not-in-this-batch" }] : [] };
    };

    await drainQueueThroughHandler(sourceOptions(resources, handler));
    expect(deliveries.sort()).toEqual(["a", "a", "b", "b"]);

    await send(resources.queueUrl, ["c"]);
    const stopped = await drainQueueThroughHandler({ ...sourceOptions(resources, handler), shouldStop: () => true });
    expect(stopped).toMatchObject({ invocations: 0, stoppedEarly: true });
  });
});
