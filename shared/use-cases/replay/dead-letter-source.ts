import type { DeadLetterReason } from "../../ports/sync-queue";

/** One message in the dead-letter queue, with the reason it carries. */
export interface StoredDeadLetter {
  /** Unique within its source (the SQS MessageId). */
  id: string;
  /** The original sync message body, byte for byte. */
  body: string;
  reason: DeadLetterReason;
  /** When it was dead-lettered (ISO 8601), when the source knows it. */
  deadLetteredAt?: string;
}

/**
 * The dead-letter queue as replay reads it (SQS in AWS and locally; there is no
 * StartMessageMoveTask on the emulator, so a move is take → send → delete). Letters taken are
 * hidden from other readers until they are deleted or released, so two replays at once do not
 * both send the same letter.
 */
export interface DeadLetterSource {
  /** Takes up to `max` letters (fewer when the queue holds fewer). */
  take(max: number): Promise<StoredDeadLetter[]>;
  /** Removes letters for good (they were replayed, or are obsolete). */
  delete(letters: readonly StoredDeadLetter[]): Promise<void>;
  /** Makes letters visible again at once (not selected, or the replay failed before sending). */
  release(letters: readonly StoredDeadLetter[]): Promise<void>;
}
