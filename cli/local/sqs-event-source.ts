import {
  ChangeMessageVisibilityBatchCommand,
  DeleteMessageBatchCommand,
  GetQueueAttributesCommand,
  type Message,
  ReceiveMessageCommand,
  type SQSClient,
} from "@aws-sdk/client-sqs";
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from "aws-lambda";
import { localLambdaContext } from "./lambda-context";

export type SqsLambdaHandler = (event: SQSEvent, context: Context) => Promise<SQSBatchResponse | undefined>;

export interface SqsEventSourceOptions {
  client: SQSClient;
  queueUrl: string;
  queueArn: string;
  region: string;
  handler: SqsLambdaHandler;
  functionName: string;
  /** Messages per invocation (the event source mapping's BatchSize). */
  batchSize: number;
  /** How long to gather a batch once the first message is in (MaximumBatchingWindowInSeconds). */
  batchingWindowMs: number;
  /** The function timeout; also the visibility timeout of received messages. */
  timeoutMs: number;
  /** Visibility after a failed delivery: how soon SQS hands the message out again. */
  retryDelaySeconds: number;
  /** Asked before each batch: true stops taking work (e.g. the sync use case hit a rate limit). */
  shouldStop?: () => boolean;
  onInvocation?: (invocation: InvocationSummary) => void;
}

export interface InvocationSummary {
  records: number;
  succeeded: number;
  failed: number;
  /** Set when the handler threw (or answered with an invalid failure list): the whole batch failed. */
  error?: unknown;
  durationMs: number;
}

export interface DrainSummary {
  invocations: number;
  deliveries: number;
  deleted: number;
  failedDeliveries: number;
  stoppedEarly: boolean;
}

/** Lambda's synchronous invocation payload limit. */
const MAX_PAYLOAD_BYTES = 6 * 1024 * 1024;
/** SQS's per-message maximum, to keep the next receive inside the payload limit. */
const MAX_MESSAGE_BYTES = 256 * 1024;

/**
 * Feeds an SQS queue to a handler the way Lambda's SQS event source does, until the queue is empty:
 * receive up to 10 per call, gather up to `batchSize` within the batching window (and 6 MB), invoke
 * with an `SQSEvent`, delete what succeeded, and leave `batchItemFailures` (or the whole batch, when
 * the handler throws) for redelivery after `retryDelaySeconds`. SQS's redrive policy moves a
 * message to the DLQ after maxReceiveCount receives. Invocations run one at a time.
 */
export async function drainQueueThroughHandler(options: SqsEventSourceOptions): Promise<DrainSummary> {
  const summary: DrainSummary = { invocations: 0, deliveries: 0, deleted: 0, failedDeliveries: 0, stoppedEarly: false };
  // Poll without waiting while work flows; long-poll only when what is left is in flight (redeliveries).
  let waitSeconds = 0;
  for (;;) {
    if (options.shouldStop?.()) {
      summary.stoppedEarly = true;
      return summary;
    }
    const batch = await gatherBatch(options, waitSeconds);
    if (batch.length === 0) {
      if (await queueIsEmpty(options)) return summary;
      waitSeconds = 1;
      continue;
    }
    waitSeconds = 0;
    const invocation = await invoke(options, batch);
    summary.invocations += 1;
    summary.deliveries += batch.length;
    summary.deleted += invocation.succeeded;
    summary.failedDeliveries += invocation.failed;
    options.onInvocation?.(invocation);
  }
}

async function gatherBatch(options: SqsEventSourceOptions, waitSeconds: number): Promise<Message[]> {
  const batch: Message[] = [];
  let bytes = 0;
  let windowEnds = Number.POSITIVE_INFINITY;
  while (
    batch.length < options.batchSize &&
    Date.now() < windowEnds &&
    bytes + 10 * MAX_MESSAGE_BYTES <= MAX_PAYLOAD_BYTES
  ) {
    const output = await options.client.send(
      new ReceiveMessageCommand({
        QueueUrl: options.queueUrl,
        MaxNumberOfMessages: Math.min(10, options.batchSize - batch.length),
        WaitTimeSeconds: batch.length === 0 ? waitSeconds : 0,
        VisibilityTimeout: Math.ceil(options.timeoutMs / 1000),
        MessageSystemAttributeNames: ["All"],
        MessageAttributeNames: ["All"],
      }),
    );
    const messages = output.Messages ?? [];
    if (messages.length === 0) break;
    if (batch.length === 0) windowEnds = Date.now() + options.batchingWindowMs;
    batch.push(...messages);
    bytes += messages.reduce((sum, message) => sum + Buffer.byteLength(message.Body ?? ""), 0);
  }
  return batch;
}

async function invoke(options: SqsEventSourceOptions, batch: Message[]): Promise<InvocationSummary> {
  const started = Date.now();
  const event: SQSEvent = { Records: batch.map((message) => toSqsRecord(message, options)) };
  const context = localLambdaContext({
    functionName: options.functionName,
    region: options.region,
    timeoutMs: options.timeoutMs,
  });
  let failedIds: Set<string>;
  let error: unknown;
  try {
    const response = await options.handler(event, context);
    failedIds = failedMessageIds(response, batch);
  } catch (thrown) {
    error = thrown;
    failedIds = new Set(batch.map((message) => message.MessageId ?? ""));
  }
  const succeeded = batch.filter((message) => !failedIds.has(message.MessageId ?? ""));
  const failed = batch.filter((message) => failedIds.has(message.MessageId ?? ""));
  await deleteMessages(options, succeeded);
  await delayRedelivery(options, failed);
  return {
    records: batch.length,
    succeeded: succeeded.length,
    failed: failed.length,
    ...(error === undefined ? {} : { error }),
    durationMs: Date.now() - started,
  };
}

/** Lambda fails the whole batch when a failure names no message or one outside the batch. */
function failedMessageIds(response: SQSBatchResponse | undefined, batch: Message[]): Set<string> {
  const ids = new Set(batch.map((message) => message.MessageId ?? ""));
  const failures = response?.batchItemFailures ?? [];
  const named = failures.map((failure) => failure.itemIdentifier);
  if (named.some((id) => !id || !ids.has(id))) return ids;
  return new Set(named);
}

function toSqsRecord(message: Message, options: SqsEventSourceOptions): SQSRecord {
  const system = message.Attributes ?? {};
  const messageAttributes: SQSRecord["messageAttributes"] = {};
  for (const [name, value] of Object.entries(message.MessageAttributes ?? {})) {
    messageAttributes[name] = {
      dataType: value.DataType ?? "String",
      ...(value.StringValue === undefined ? {} : { stringValue: value.StringValue }),
      stringListValues: [],
      binaryListValues: [],
    };
  }
  return {
    messageId: message.MessageId ?? "",
    receiptHandle: message.ReceiptHandle ?? "",
    body: message.Body ?? "",
    attributes: {
      ApproximateReceiveCount: system.ApproximateReceiveCount ?? "1",
      SentTimestamp: system.SentTimestamp ?? String(Date.now()),
      SenderId: system.SenderId ?? "local",
      ApproximateFirstReceiveTimestamp: system.ApproximateFirstReceiveTimestamp ?? String(Date.now()),
    },
    messageAttributes,
    md5OfBody: message.MD5OfBody ?? "",
    eventSource: "aws:sqs",
    eventSourceARN: options.queueArn,
    awsRegion: options.region,
  };
}

async function deleteMessages(options: SqsEventSourceOptions, messages: Message[]): Promise<void> {
  for (let index = 0; index < messages.length; index += 10) {
    const chunk = messages.slice(index, index + 10);
    await options.client.send(
      new DeleteMessageBatchCommand({
        QueueUrl: options.queueUrl,
        Entries: chunk.map((message, position) => ({
          Id: String(position),
          ReceiptHandle: message.ReceiptHandle ?? "",
        })),
      }),
    );
  }
}

async function delayRedelivery(options: SqsEventSourceOptions, messages: Message[]): Promise<void> {
  for (let index = 0; index < messages.length; index += 10) {
    const chunk = messages.slice(index, index + 10);
    await options.client.send(
      new ChangeMessageVisibilityBatchCommand({
        QueueUrl: options.queueUrl,
        Entries: chunk.map((message, position) => ({
          Id: String(position),
          ReceiptHandle: message.ReceiptHandle ?? "",
          VisibilityTimeout: options.retryDelaySeconds,
        })),
      }),
    );
  }
}

/** Nothing visible, in flight or delayed: every message was deleted or moved to the DLQ. */
async function queueIsEmpty(options: SqsEventSourceOptions): Promise<boolean> {
  const output = await options.client.send(
    new GetQueueAttributesCommand({
      QueueUrl: options.queueUrl,
      AttributeNames: [
        "ApproximateNumberOfMessages",
        "ApproximateNumberOfMessagesNotVisible",
        "ApproximateNumberOfMessagesDelayed",
      ],
    }),
  );
  const attributes = output.Attributes ?? {};
  return (
    Number(attributes.ApproximateNumberOfMessages ?? 0) === 0 &&
    Number(attributes.ApproximateNumberOfMessagesNotVisible ?? 0) === 0 &&
    Number(attributes.ApproximateNumberOfMessagesDelayed ?? 0) === 0
  );
}
