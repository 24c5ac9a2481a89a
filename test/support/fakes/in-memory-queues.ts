import type { SyncMessage } from "../../../shared/domain/sync-message";
import type { DeadLetterQueue, DeadLetterReason, SyncQueue } from "../../../shared/ports/sync-queue";

/** SyncQueue in memory: keeps what was enqueued, counts calls (the SQS adapter sends batches of 10). */
export class InMemorySyncQueue implements SyncQueue {
  readonly messages: SyncMessage[] = [];
  calls = 0;

  async enqueue(messages: readonly SyncMessage[]): Promise<void> {
    this.calls += 1;
    this.messages.push(...messages.map((message) => structuredClone(message)));
  }

  keys(): string[] {
    return this.messages.map((message) => message.key);
  }

  /** Removes and returns everything enqueued so far. */
  drain(): SyncMessage[] {
    return this.messages.splice(0, this.messages.length);
  }
}

export interface DeadLetter {
  body: string;
  reason: DeadLetterReason;
}

/** DeadLetterQueue in memory, with fault injection. */
export class InMemoryDeadLetterQueue implements DeadLetterQueue {
  readonly entries: DeadLetter[] = [];
  failNext = 0;

  async deadLetter(entries: readonly DeadLetter[]): Promise<void> {
    if (this.failNext > 0) {
      this.failNext -= 1;
      throw new Error("simulated DLQ send failure");
    }
    this.entries.push(...entries.map((entry) => ({ body: entry.body, reason: { ...entry.reason } })));
  }

  codes(): string[] {
    return this.entries.map((entry) => entry.reason.code);
  }

  keys(): string[] {
    return this.entries.map((entry) => entry.reason.key);
  }
}
