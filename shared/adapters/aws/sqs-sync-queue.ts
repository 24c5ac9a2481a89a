import { SQSClient } from "@aws-sdk/client-sqs";
import { MAX_MESSAGE_BYTES, type SyncMessage } from "../../domain/sync-message";
import { SyncError } from "../../errors/sync-error";
import type { SyncQueue } from "../../ports/sync-queue";
import { messageSize, type OutgoingMessage, sendMessagesInBatches } from "./sqs-send-batch";

/** Message attributes on every sync message (ids only), so a queue can be inspected without parsing bodies. */
export const SyncMessageAttribute = { RecordKey: "RecordKey", RunId: "RunId" } as const;

export interface SqsSyncQueueOptions {
  queueUrl: string;
  /** Defaults to `new SQSClient({})` (endpoint from AWS_ENDPOINT_URL_SQS). */
  client?: SQSClient;
}

/** The SyncQueue port on SQS: one record per message, sent in batches. */
export class SqsSyncQueue implements SyncQueue {
  private readonly queueUrl: string;
  private readonly client: SQSClient;

  constructor(options: SqsSyncQueueOptions) {
    this.queueUrl = options.queueUrl;
    this.client = options.client ?? new SQSClient({});
  }

  async enqueue(messages: readonly SyncMessage[]): Promise<void> {
    const outgoing = messages.map(toOutgoing);
    await sendMessagesInBatches(this.client, this.queueUrl, outgoing, "SYNC_QUEUE_URL and that the sync queue exists");
  }
}

function toOutgoing(message: SyncMessage): OutgoingMessage {
  const outgoing: OutgoingMessage = {
    body: JSON.stringify(message),
    attributes: { [SyncMessageAttribute.RecordKey]: message.key, [SyncMessageAttribute.RunId]: message.runId },
    recordKey: message.key,
  };
  const size = messageSize(outgoing);
  if (size > MAX_MESSAGE_BYTES) {
    throw new SyncError(`The message for ${message.key} is ${size} bytes, over the ${MAX_MESSAGE_BYTES}-byte limit`, {
      code: "message.too-large",
      errorClass: "data",
      source: "pipeline",
      recordKey: message.key,
      hint: "The record is too large for one SQS message (very many invoice lines?).",
    });
  }
  return outgoing;
}
