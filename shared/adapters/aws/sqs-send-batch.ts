import {
  type MessageAttributeValue,
  SendMessageBatchCommand,
  type SendMessageBatchRequestEntry,
  type SQSClient,
} from "@aws-sdk/client-sqs";
import { SyncError } from "../../errors/sync-error";
import { toSyncError } from "./aws-error";
import { sqsSafeBody } from "./sqs-safe-body";

/** SQS limits per SendMessageBatch call. */
export const SEND_BATCH_MAX_ENTRIES = 10;
export const SEND_BATCH_MAX_BYTES = 256 * 1024;

export interface OutgoingMessage {
  body: string;
  attributes: Record<string, string>;
  /** For errors: which record this message carries. */
  recordKey?: string;
}

const MAX_ATTEMPTS = 4;

/**
 * Sends messages in SendMessageBatch calls of ≤10 entries and ≤256 KiB, re-sending entries that
 * failed on the service side (SenderFault false). An entry the service rejects as invalid is a data
 * error of that record; the rest of the chunk has been sent by then (sync is idempotent).
 */
export async function sendMessagesInBatches(
  client: SQSClient,
  queueUrl: string,
  messages: readonly OutgoingMessage[],
  resourceHint: string,
): Promise<void> {
  for (const chunk of chunkBySizeAndCount(messages)) {
    let pending = chunk.map((message, index) => ({ id: String(index), message }));
    for (let attempt = 1; pending.length > 0; attempt += 1) {
      const output = await client
        .send(new SendMessageBatchCommand({ QueueUrl: queueUrl, Entries: pending.map(toEntry) }))
        .catch((error: unknown) => {
          throw toSyncError(error, { operation: "SQS SendMessageBatch", resourceHint });
        });
      const failed = output.Failed ?? [];
      const rejected = failed.find((entry) => entry.SenderFault);
      if (rejected) {
        const message = pending.find((entry) => entry.id === rejected.Id)?.message;
        throw new SyncError(
          `SQS rejected a message: ${rejected.Code}${rejected.Message ? ` (${rejected.Message})` : ""}`,
          {
            code: `aws.${rejected.Code}`,
            errorClass: message?.recordKey ? "data" : "configuration",
            source: "aws",
            recordKey: message?.recordKey,
            hint: "The message does not meet SQS's limits (size, characters).",
          },
        );
      }
      const retryIds = new Set(failed.map((entry) => entry.Id));
      pending = pending.filter((entry) => retryIds.has(entry.id));
      if (pending.length > 0 && attempt >= MAX_ATTEMPTS) {
        throw new SyncError(`SQS did not accept ${pending.length} message(s) after ${attempt} attempts`, {
          code: "aws.SendMessageBatchFailed",
          errorClass: "transient",
          source: "aws",
          hint: "SQS is failing on its side; the run can be repeated safely.",
        });
      }
      if (pending.length > 0) await new Promise((resolve) => setTimeout(resolve, 100 * 2 ** attempt));
    }
  }
}

function toEntry(entry: { id: string; message: OutgoingMessage }): SendMessageBatchRequestEntry {
  const attributes: Record<string, MessageAttributeValue> = {};
  for (const [name, value] of Object.entries(entry.message.attributes)) {
    // SQS rejects empty attribute values: absent is how "none" is said.
    if (value !== "") attributes[name] = { DataType: "String", StringValue: value };
  }
  return { Id: entry.id, MessageBody: sqsSafeBody(entry.message.body), MessageAttributes: attributes };
}

/** Size as SQS counts it: body plus each attribute's name, type and value. */
export function messageSize(message: OutgoingMessage): number {
  let size = Buffer.byteLength(sqsSafeBody(message.body));
  for (const [name, value] of Object.entries(message.attributes)) {
    if (value !== "") size += Buffer.byteLength(name) + "String".length + Buffer.byteLength(value);
  }
  return size;
}

function chunkBySizeAndCount(messages: readonly OutgoingMessage[]): OutgoingMessage[][] {
  const chunks: OutgoingMessage[][] = [];
  let current: OutgoingMessage[] = [];
  let currentBytes = 0;
  for (const message of messages) {
    const size = messageSize(message);
    if (
      current.length === SEND_BATCH_MAX_ENTRIES ||
      (current.length > 0 && currentBytes + size > SEND_BATCH_MAX_BYTES)
    ) {
      chunks.push(current);
      current = [];
      currentBytes = 0;
    }
    current.push(message);
    currentBytes += size;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}
