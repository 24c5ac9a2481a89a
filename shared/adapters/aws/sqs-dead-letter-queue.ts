import { SQSClient } from "@aws-sdk/client-sqs";
import type { DeadLetterQueue, DeadLetterReason } from "../../ports/sync-queue";
import { sendMessagesInBatches } from "./sqs-send-batch";

/** Message attributes that say why a message is in the DLQ (read by replay and the run report). */
export const DeadLetterAttribute = {
  RecordKey: "RecordKey",
  ErrorCode: "ErrorCode",
  ErrorMessage: "ErrorMessage",
  Hint: "Hint",
} as const;

/** Readable in the console, and far below SQS's 256 KiB even with a large body. */
const MAX_MESSAGE_CHARS = 1_000;
const MAX_HINT_CHARS = 500;

export interface SqsDeadLetterQueueOptions {
  queueUrl: string;
  /** Defaults to `new SQSClient({})` (endpoint from AWS_ENDPOINT_URL_SQS). */
  client?: SQSClient;
}

/** The DeadLetterQueue port on SQS: the original body, and the reason as message attributes. */
export class SqsDeadLetterQueue implements DeadLetterQueue {
  private readonly queueUrl: string;
  private readonly client: SQSClient;

  constructor(options: SqsDeadLetterQueueOptions) {
    this.queueUrl = options.queueUrl;
    this.client = options.client ?? new SQSClient({});
  }

  async deadLetter(entries: readonly { body: string; reason: DeadLetterReason }[]): Promise<void> {
    const outgoing = entries.map(({ body, reason }) => ({
      body,
      attributes: reasonAttributes(reason),
      recordKey: reason.key,
    }));
    await sendMessagesInBatches(this.client, this.queueUrl, outgoing, "DEAD_LETTER_QUEUE_URL and that the DLQ exists");
  }
}

function reasonAttributes(reason: DeadLetterReason): Record<string, string> {
  return {
    [DeadLetterAttribute.RecordKey]: reason.key,
    [DeadLetterAttribute.ErrorCode]: reason.code,
    [DeadLetterAttribute.ErrorMessage]: truncate(reason.message, MAX_MESSAGE_CHARS),
    [DeadLetterAttribute.Hint]: truncate(reason.hint ?? "", MAX_HINT_CHARS),
  };
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
