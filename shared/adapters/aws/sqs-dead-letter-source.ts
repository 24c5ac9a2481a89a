import { ChangeMessageVisibilityBatchCommand, SQSClient } from "@aws-sdk/client-sqs";
import type { DeadLetterSource, StoredDeadLetter } from "../../use-cases/replay/dead-letter-source";
import { toSyncError } from "./aws-error";
import { type DeadLetter, deleteDeadLetters, readDeadLetters } from "./sqs-dead-letter-reader";

export interface SqsDeadLetterSourceOptions {
  queueUrl: string;
  /** How long taken letters stay hidden from other readers (default 300 s: a replay's send + delete). */
  visibilityTimeoutSeconds?: number;
  /** Defaults to `new SQSClient({})` (endpoint from AWS_ENDPOINT_URL_SQS). */
  client?: SQSClient;
}

const RESOURCE_HINT = "the dead-letter queue URL and that the DLQ exists";

/**
 * The replay's view of the SQS dead-letter queue: receive (hidden for the visibility timeout) →
 * delete or release (visibility 0). fauxqs has no StartMessageMoveTask, and the move must also
 * filter by reason, so replay moves message by message in AWS and locally alike.
 */
export class SqsDeadLetterSource implements DeadLetterSource {
  private readonly queueUrl: string;
  private readonly client: SQSClient;
  private readonly visibilityTimeoutSeconds: number;
  /** Receipt handles of the letters taken, by id (the port speaks ids; SQS needs the handle). */
  private readonly taken = new Map<string, DeadLetter>();

  constructor(options: SqsDeadLetterSourceOptions) {
    this.queueUrl = options.queueUrl;
    this.client = options.client ?? new SQSClient({});
    this.visibilityTimeoutSeconds = options.visibilityTimeoutSeconds ?? 300;
  }

  async take(max: number): Promise<StoredDeadLetter[]> {
    const letters = await readDeadLetters({
      queueUrl: this.queueUrl,
      max,
      visibilityTimeoutSeconds: this.visibilityTimeoutSeconds,
      client: this.client,
    });
    const stored: StoredDeadLetter[] = [];
    for (const letter of letters) {
      // SQS may hand out a message twice in one read (at-least-once); the later handle is valid.
      if (!this.taken.has(letter.messageId)) stored.push(toStored(letter));
      this.taken.set(letter.messageId, letter);
    }
    return stored;
  }

  async delete(letters: readonly StoredDeadLetter[]): Promise<void> {
    await deleteDeadLetters({ queueUrl: this.queueUrl, letters: this.handles(letters), client: this.client });
    for (const letter of letters) this.taken.delete(letter.id);
  }

  async release(letters: readonly StoredDeadLetter[]): Promise<void> {
    const handles = this.handles(letters);
    for (let index = 0; index < handles.length; index += 10) {
      const chunk = handles.slice(index, index + 10);
      await this.client
        .send(
          new ChangeMessageVisibilityBatchCommand({
            QueueUrl: this.queueUrl,
            Entries: chunk.map((letter, position) => ({
              Id: String(position),
              ReceiptHandle: letter.receiptHandle,
              VisibilityTimeout: 0,
            })),
          }),
        )
        .catch((error: unknown) => {
          throw toSyncError(error, {
            operation: "SQS ChangeMessageVisibilityBatch (DLQ)",
            resourceHint: RESOURCE_HINT,
          });
        });
    }
    for (const letter of letters) this.taken.delete(letter.id);
  }

  private handles(letters: readonly StoredDeadLetter[]): DeadLetter[] {
    return letters.map((letter) => {
      const taken = this.taken.get(letter.id);
      if (!taken) throw new Error(`internal: dead letter ${letter.id} was not taken by this reader`);
      return taken;
    });
  }
}

function toStored(letter: DeadLetter): StoredDeadLetter {
  return {
    id: letter.messageId,
    body: letter.body,
    reason: letter.reason,
    ...(letter.sentAt ? { deadLetteredAt: letter.sentAt } : {}),
  };
}
