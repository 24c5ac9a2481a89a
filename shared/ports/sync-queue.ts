import type { SyncMessage } from "../domain/sync-message";

/** Why a record was dead-lettered: travels as DLQ message attributes and in the activity log. */
export interface DeadLetterReason {
  key: string;
  code: string;
  /** Readable, specific, free of personal data (field names, lengths, codes; not values). */
  message: string;
  hint?: string;
}

export interface SyncQueue {
  /** SendMessageBatch in chunks of 10 (and ≤256 KiB per call). */
  enqueue(messages: readonly SyncMessage[]): Promise<void>;
}

export interface DeadLetterQueue {
  /**
   * Sends a message body straight to the DLQ with its reason as message attributes
   * (RecordKey, ErrorCode, ErrorMessage, Hint). Used for data errors, so a poison record does not
   * wait for maxReceiveCount redeliveries and still carries why it failed.
   */
  deadLetter(entries: readonly { body: string; reason: DeadLetterReason }[]): Promise<void>;
}
