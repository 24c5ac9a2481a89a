import type { SyncError } from "../../errors/sync-error";
import type { RecordOutcome, RecordState, StateStore } from "../../ports/state-store";
import type { DeadLetterQueue, DeadLetterReason } from "../../ports/sync-queue";
import { BatchLedger } from "../sync/batch-ledger";
import { decideFailure, stopsTheRun } from "../sync/failure-policy";
import { deadLetterReason } from "../sync/sync-batch-ledger";
import type { OrderTask } from "./order-task";

interface PendingDeadLetter {
  body: string;
  reason: DeadLetterReason;
  messageId: string;
  /** The task whose state is written once the DLQ has the message (absent for unparsable bodies). */
  task?: OrderTask;
  stateOutcome?: RecordOutcome;
  errorCode: string;
}

/**
 * What a push batch decided, Order by Order, made durable in the order the forward sync uses:
 * dead letters first (an Order is only "dead-lettered" once the DLQ has it), then ONE state write,
 * then the activity log. The state of an Order always keeps its Jortt invoice id once known, so a
 * later failure can never make the flow forget an invoice it created.
 */
export class ReverseLedger extends BatchLedger {
  private readonly deadLetters: PendingDeadLetter[] = [];
  private readonly synced: OrderTask[] = [];

  skipTask(task: OrderTask, code: string, reason?: string): void {
    task.decided = true;
    this.skip(task.incoming.messageId, task.key, code, reason);
  }

  /** An unusable body: straight to the DLQ with the reason. */
  reject(messageId: string, body: string, reason: DeadLetterReason): void {
    this.results.set(messageId, {
      messageId,
      key: reason.key,
      outcome: "dead-lettered",
      code: reason.code,
      reason: reason.message,
    });
    this.deadLetters.push({ body, reason, messageId, errorCode: reason.code });
    this.log(reason.key, "dead-lettered", reason.code);
  }

  /** The Order has its Jortt invoice and Salesforce has the id (and what is known of status/number). */
  succeed(task: OrderTask, code?: string): void {
    task.decided = true;
    this.synced.push(task);
    this.results.set(task.incoming.messageId, {
      messageId: task.incoming.messageId,
      key: task.key,
      outcome: "synced",
      ...(code ? { code } : {}),
    });
    this.log(task.key, "synced", code);
  }

  /** The task failed: retry, dead-letter or quarantine by error class (sync/failure-policy). */
  fail(task: OrderTask, error: SyncError, options: { quarantined?: boolean } = {}): void {
    task.decided = true;
    if (stopsTheRun(error)) this.stopWith(error);
    const decision = decideFailure(error, {
      quarantined: options.quarantined ?? false,
      receiveCount: task.incoming.receiveCount,
      maxReceiveCount: this.maxReceiveCount,
    });
    const base = { messageId: task.incoming.messageId, key: task.key, code: error.code, reason: error.message };
    if (decision.outcome === "retry") {
      this.results.set(task.incoming.messageId, { ...base, outcome: "retry" });
      this.log(task.key, "retry", error.code);
      return;
    }
    this.results.set(task.incoming.messageId, { ...base, outcome: decision.outcome });
    this.deadLetters.push({
      body: task.incoming.body,
      reason: deadLetterReason(task.key, error),
      messageId: task.incoming.messageId,
      task,
      ...(decision.stateOutcome ? { stateOutcome: decision.stateOutcome } : {}),
      errorCode: error.code,
    });
    this.log(task.key, decision.outcome, error.code);
  }

  /** Orders that end this batch dead-lettered or quarantined, with their reason (for the Order's error field). */
  finalFailures(): { task: OrderTask; reason: DeadLetterReason }[] {
    return this.deadLetters.flatMap((entry) => (entry.task ? [{ task: entry.task, reason: entry.reason }] : []));
  }

  warn(key: string, code: string, message: string): void {
    this.warnings.push({ key, code, message });
  }

  /**
   * Dead letters, then one state write, then activity. A failed DLQ send turns its Orders into
   * `retry`; a failed state write turns `synced` into `retry` unless state already held the Jortt
   * id (written right after the create), since then nothing can be created twice.
   */
  async flush(deps: { state: StateStore; deadLetters: DeadLetterQueue }): Promise<void> {
    const sent: PendingDeadLetter[] = [];
    if (this.deadLetters.length > 0) {
      try {
        await deps.deadLetters.deadLetter(this.deadLetters.map(({ body, reason }) => ({ body, reason })));
        sent.push(...this.deadLetters);
      } catch (error) {
        for (const entry of this.deadLetters) this.toRetry(entry.messageId, "DLQ_SEND_FAILED", describe(error));
      }
    }
    const byKey = new Map<string, RecordState>();
    for (const task of this.synced) if (!task.stateSynced) byKey.set(task.key, this.stateFor(task, "synced"));
    for (const entry of sent) {
      if (entry.task && entry.stateOutcome)
        byKey.set(entry.task.key, this.stateFor(entry.task, entry.stateOutcome, entry.errorCode));
    }
    if (byKey.size > 0) {
      try {
        await deps.state.putRecordStates([...byKey.values()]);
      } catch (error) {
        for (const task of this.synced) {
          if (!task.jorttIdInState) this.toRetry(task.incoming.messageId, "STATE_WRITE_FAILED", describe(error));
        }
      }
    }
    if (this.activity.length > 0) await deps.state.appendActivity(this.activity).catch(() => undefined);
  }

  /** The state of an Order with this outcome (keeps the Jortt id once known). */
  stateFor(task: OrderTask, outcome: RecordOutcome, errorCode?: string): RecordState {
    const accountId = task.row?.AccountId ?? task.state?.salesforceIds.account;
    const jorttId = task.jorttId ?? task.state?.jorttId;
    return {
      key: task.key,
      kind: "order",
      hash: outcome === "synced" ? task.message.hash : (task.failureHash ?? task.message.hash),
      outcome,
      salesforceIds: { order: task.orderId, ...(accountId ? { account: accountId } : {}) },
      ...(jorttId ? { jorttId } : {}),
      ...(errorCode ? { errorCode } : {}),
      runId: this.runId,
      updatedAt: this.now().toISOString(),
    };
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
