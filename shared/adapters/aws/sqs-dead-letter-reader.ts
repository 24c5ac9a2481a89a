import { DeleteMessageBatchCommand, type Message, ReceiveMessageCommand, SQSClient } from "@aws-sdk/client-sqs";
import type { DeadLetterReason } from "../../ports/sync-queue";
import { toSyncError } from "./aws-error";
import { DeadLetterAttribute } from "./sqs-dead-letter-queue";

export interface DeadLetter {
  messageId: string;
  receiptHandle: string;
  body: string;
  /**
   * Why it is there: from the attributes the sync use case set, or — for a message SQS moved after
   * maxReceiveCount receives, which carries none — code `retries-exhausted`.
   */
  reason: DeadLetterReason;
  movedByRedrive: boolean;
  /** When it entered the queue (SQS SentTimestamp, ISO 8601), when SQS said so. */
  sentAt?: string;
}

const RESOURCE_HINT = "DEAD_LETTER_QUEUE_URL and that the DLQ exists";

/**
 * Reads up to `max` dead letters without deleting them (they come back after the visibility
 * timeout). Used by replay and by the local run report.
 */
export async function readDeadLetters(options: {
  queueUrl: string;
  max: number;
  visibilityTimeoutSeconds?: number;
  client?: SQSClient;
}): Promise<DeadLetter[]> {
  const client = options.client ?? new SQSClient({});
  const letters: DeadLetter[] = [];
  while (letters.length < options.max) {
    const output = await client
      .send(
        new ReceiveMessageCommand({
          QueueUrl: options.queueUrl,
          MaxNumberOfMessages: Math.min(10, options.max - letters.length),
          WaitTimeSeconds: 0,
          VisibilityTimeout: options.visibilityTimeoutSeconds ?? 30,
          MessageAttributeNames: ["All"],
          MessageSystemAttributeNames: ["All"],
        }),
      )
      .catch((error: unknown) => {
        throw toSyncError(error, { operation: "SQS ReceiveMessage (DLQ)", resourceHint: RESOURCE_HINT });
      });
    const messages = output.Messages ?? [];
    if (messages.length === 0) break;
    letters.push(...messages.map(toDeadLetter));
  }
  return letters;
}

/** Deletes dead letters read with readDeadLetters (e.g. after replaying them). */
export async function deleteDeadLetters(options: {
  queueUrl: string;
  letters: readonly Pick<DeadLetter, "receiptHandle">[];
  client?: SQSClient;
}): Promise<void> {
  const client = options.client ?? new SQSClient({});
  for (let index = 0; index < options.letters.length; index += 10) {
    const chunk = options.letters.slice(index, index + 10);
    await client
      .send(
        new DeleteMessageBatchCommand({
          QueueUrl: options.queueUrl,
          Entries: chunk.map((letter, position) => ({ Id: String(position), ReceiptHandle: letter.receiptHandle })),
        }),
      )
      .catch((error: unknown) => {
        throw toSyncError(error, { operation: "SQS DeleteMessageBatch (DLQ)", resourceHint: RESOURCE_HINT });
      });
  }
}

function toDeadLetter(message: Message): DeadLetter {
  const attribute = (name: string) => message.MessageAttributes?.[name]?.StringValue;
  const body = message.Body ?? "";
  const code = attribute(DeadLetterAttribute.ErrorCode);
  const key = attribute(DeadLetterAttribute.RecordKey) ?? keyFromBody(body) ?? "unknown";
  const hint = attribute(DeadLetterAttribute.Hint);
  const reason: DeadLetterReason = code
    ? { key, code, message: attribute(DeadLetterAttribute.ErrorMessage) ?? code, ...(hint ? { hint } : {}) }
    : {
        key,
        code: "retries-exhausted",
        message: "Delivery failed on every attempt up to the queue's maxReceiveCount; SQS moved it here.",
        hint: "See the sync function's logs for this record key, fix the cause, then replay.",
      };
  const sentMs = Number(message.Attributes?.SentTimestamp);
  return {
    messageId: message.MessageId ?? "",
    receiptHandle: message.ReceiptHandle ?? "",
    body,
    reason,
    movedByRedrive: code === undefined,
    ...(Number.isFinite(sentMs) && sentMs > 0 ? { sentAt: new Date(sentMs).toISOString() } : {}),
  };
}

function keyFromBody(body: string): string | undefined {
  try {
    const parsed: unknown = JSON.parse(body);
    if (typeof parsed === "object" && parsed !== null && "key" in parsed && typeof parsed.key === "string") {
      return parsed.key;
    }
  } catch {
    // Not JSON: the key stays unknown.
  }
  return undefined;
}
