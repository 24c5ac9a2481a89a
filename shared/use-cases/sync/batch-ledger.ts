import type { SyncError } from "../../errors/sync-error";
import type { ActivityEntry } from "../../ports/state-store";
import type { MessageResult, SyncStop, SyncWarning } from "./sync-batch-result";
import { syncStopFor } from "./sync-stop";

/**
 * What every batch ledger (forward sync, reverse push) keeps per message: its result, the warnings,
 * the stop and the activity log. The flows' ledgers add their own tasks and durable writes.
 */
export abstract class BatchLedger {
  readonly results = new Map<string, MessageResult>();
  readonly warnings: SyncWarning[] = [];
  stop: SyncStop | undefined;
  protected readonly activity: ActivityEntry[] = [];

  constructor(
    protected readonly runId: string,
    protected readonly maxReceiveCount: number,
    protected readonly now: () => Date,
  ) {}

  /** A message that needs nothing done (unchanged, or superseded by a later duplicate). */
  skip(messageId: string, key: string | undefined, code: string, reason?: string): void {
    this.results.set(messageId, {
      messageId,
      ...(key ? { key } : {}),
      outcome: "skipped",
      code,
      ...(reason ? { reason } : {}),
    });
    if (key) this.log(key, "skipped", code);
  }

  /** Stops the batch: the first reason wins. */
  stopWith(error: SyncError): void {
    if (this.stop) return;
    this.stop = syncStopFor(error);
  }

  /** A decided message becomes `retry` after all (its dead letter or state write failed). */
  protected toRetry(messageId: string, code: string, reason: string): void {
    const current = this.results.get(messageId);
    this.results.set(messageId, {
      messageId,
      ...(current?.key ? { key: current.key } : {}),
      outcome: "retry",
      code,
      reason,
    });
  }

  protected log(key: string, event: string, code?: string): void {
    this.activity.push({ runId: this.runId, key, event, ...(code ? { code } : {}), at: this.now().toISOString() });
  }
}
