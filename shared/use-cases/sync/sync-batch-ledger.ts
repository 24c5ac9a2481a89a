import type { MappingWarning } from "../../domain/mapping/mapping-types";
import type { RecordKind } from "../../domain/record-key";
import { SyncError } from "../../errors/sync-error";
import type { RecordOutcome, RecordState, StateStore } from "../../ports/state-store";
import type { DeadLetterQueue, DeadLetterReason } from "../../ports/sync-queue";
import { BatchLedger } from "./batch-ledger";
import { decideFailure, stopsTheRun } from "./failure-policy";
import type { MessageOutcome, MessageResult } from "./sync-batch-result";
import type { SyncTask, TaskMessage } from "./sync-tasks";

/** What a failure is recorded for: a task, or a record that failed before it became one. */
export interface FailTarget {
  key: string;
  kind: RecordKind;
  hash: string;
  state: RecordState | undefined;
  message: TaskMessage | undefined;
  /** A customer without a message: its raw record is the dead letter's body. */
  raw?: Record<string, unknown>;
  status?: SyncTask["status"];
  error?: SyncError;
  quarantined?: boolean;
}

interface PendingDeadLetter {
  body: string;
  reason: DeadLetterReason;
  /** The message results and state that only stand once the dead letter is sent. */
  messageIds: string[];
  state: RecordState | undefined;
}

/**
 * Collects what a batch decided, record by record, and makes it durable in the right order:
 * dead letters first (a record is only "dead-lettered" once the DLQ has it), then ONE state write
 * (only after Salesforce confirmed), then the activity log. Message results follow from that.
 */
export class SyncBatchLedger extends BatchLedger {
  private readonly deadLetters: PendingDeadLetter[] = [];
  private readonly states: { state: RecordState; messageIds: string[] }[] = [];

  /** A message whose body is unusable: straight to the DLQ with the reason. */
  rejectMessage(messageId: string, body: string, reason: DeadLetterReason): void {
    this.setResult({ messageId, key: reason.key, outcome: "dead-lettered", code: reason.code, reason: reason.message });
    this.deadLetters.push({ body, reason, messageIds: [messageId], state: undefined });
    this.log(reason.key, "dead-lettered", reason.code);
  }

  /** Salesforce confirmed every write of the task. */
  succeed(task: SyncTask, salesforceIds: Record<string, string>): void {
    task.status = "done";
    const messageIds = task.message ? [task.message.messageId] : [];
    this.states.push({ state: this.stateOf(task, "synced", salesforceIds), messageIds });
    if (task.message) this.setResult({ messageId: task.message.messageId, key: task.key, outcome: "synced" });
    this.log(task.key, "synced");
  }

  /** The task failed: outcome by error class (see failure-policy). Rate-limit/configuration also stop the batch. */
  fail(task: FailTarget, error: SyncError, options: { quarantined?: boolean; stateUnknown?: boolean } = {}): void {
    task.status = "failed";
    task.error = error;
    if (options.quarantined) task.quarantined = true;
    if (stopsTheRun(error)) this.stopWith(error);
    // A customer without a message is never "on its last receive": its invoices carry the retries.
    const decision = decideFailure(error, {
      quarantined: options.quarantined ?? false,
      receiveCount: task.message?.receiveCount ?? 0,
      maxReceiveCount: this.maxReceiveCount,
    });
    // A customer synced only for its invoices has no message: only a lasting verdict is recorded
    // for it; its invoices carry the retry.
    if (!task.message && decision.outcome === "retry") return;
    if (!task.message && decision.outcome === "dead-lettered" && decision.stateOutcome === undefined) return;
    const reason = deadLetterReason(task.key, error);
    if (decision.outcome === "retry") {
      this.setResult({
        messageId: (task.message as { messageId: string }).messageId,
        key: task.key,
        outcome: "retry",
        code: error.code,
        reason: error.message,
      });
      this.log(task.key, "retry", error.code);
      return;
    }
    // Without the stored state at hand, writing one could erase the Salesforce ids it holds.
    const state =
      decision.stateOutcome && !options.stateUnknown
        ? this.stateOf(task, decision.stateOutcome, task.state?.salesforceIds ?? {}, error.code)
        : undefined;
    const messageIds = task.message ? [task.message.messageId] : [];
    this.deadLetters.push({
      body: task.message?.body ?? implicitCustomerBody(task, this.runId),
      reason,
      messageIds,
      state,
    });
    if (task.message) {
      this.setResult({
        messageId: task.message.messageId,
        key: task.key,
        outcome: decision.outcome,
        code: error.code,
        reason: error.message,
      });
    }
    this.log(task.key, decision.outcome, error.code);
  }

  /**
   * Records that a customer's Account is gone from Salesforce although state says synced (an Order
   * could not link to it): its state stops saying synced, so the next attempt of its invoices
   * writes the customer again and the next fetch re-enqueues it.
   */
  invalidateCustomer(key: string, errorCode: string): void {
    this.states.push({
      state: {
        key,
        kind: "customer",
        hash: `invalidated:${errorCode}`,
        outcome: "dead-lettered",
        salesforceIds: {},
        errorCode,
        runId: this.runId,
        updatedAt: this.now().toISOString(),
      },
      messageIds: [],
    });
  }

  addWarnings(warnings: readonly MappingWarning[]): void {
    for (const warning of warnings) {
      this.warnings.push({
        key: warning.recordKey,
        code: warning.code,
        message:
          warning.code === "field.truncated"
            ? `${warning.object}.${warning.field} truncated from ${warning.originalLength} to ${warning.maxLength} characters`
            : `${warning.object}.${warning.field} left empty: ${warning.reason}`,
      });
    }
  }

  /**
   * Dead letters, then the one state write, then activity. A failed DLQ send turns its records
   * into `retry`; a failed state write turns every `synced` record into `retry` (Salesforce has the
   * data; the redelivery upserts by external id again and converges without duplicates).
   */
  async flush(deps: { state: StateStore; deadLetters: DeadLetterQueue }): Promise<void> {
    const unsent = new Set<string>();
    if (this.deadLetters.length > 0) {
      try {
        await deps.deadLetters.deadLetter(this.deadLetters.map(({ body, reason }) => ({ body, reason })));
      } catch (error) {
        for (const entry of this.deadLetters) {
          if (entry.state) unsent.add(entry.state.key);
          for (const messageId of entry.messageIds) this.toRetry(messageId, "DLQ_SEND_FAILED", describe(error));
        }
      }
    }
    // One item per key (a BatchWrite rejects duplicates); the later decision wins.
    const byKey = new Map<string, RecordState>();
    for (const state of [
      ...this.states.map((entry) => entry.state),
      ...this.deadLetters.flatMap((entry) => (entry.state && !unsent.has(entry.state.key) ? [entry.state] : [])),
    ]) {
      byKey.set(state.key, state);
    }
    const states = [...byKey.values()];
    if (states.length > 0) {
      try {
        await deps.state.putRecordStates(states);
      } catch (error) {
        for (const entry of this.states) {
          for (const messageId of entry.messageIds) this.toRetry(messageId, "STATE_WRITE_FAILED", describe(error));
        }
      }
    }
    if (this.activity.length > 0) {
      // The activity log is for people; losing it must not redo Salesforce work.
      await deps.state.appendActivity(this.activity).catch(() => undefined);
    }
  }

  outcomeOf(messageId: string): MessageOutcome | undefined {
    return this.results.get(messageId)?.outcome;
  }

  private setResult(result: MessageResult): void {
    this.results.set(result.messageId, result);
  }

  private stateOf(
    task: FailTarget,
    outcome: RecordOutcome,
    salesforceIds: Record<string, string>,
    errorCode?: string,
  ): RecordState {
    return {
      key: task.key,
      kind: task.kind satisfies RecordKind,
      hash: task.hash,
      outcome,
      salesforceIds,
      ...(errorCode ? { errorCode } : {}),
      runId: this.runId,
      updatedAt: this.now().toISOString(),
    };
  }
}

export function deadLetterReason(key: string, error: SyncError): DeadLetterReason {
  return {
    key,
    code: error.code,
    message:
      error.field && !error.message.includes(error.field) ? `${error.message} (field ${error.field})` : error.message,
    ...(error.hint ? { hint: error.hint } : {}),
  };
}

/** A customer message body for a customer that was synced only for its invoices (replayable as is). */
function implicitCustomerBody(task: FailTarget, runId: string): string {
  if (task.kind !== "customer" || !task.raw) {
    throw new SyncError("internal: only customers are synced without a message", {
      code: "internal",
      errorClass: "configuration",
      source: "pipeline",
    });
  }
  return JSON.stringify({ v: 1, runId, key: task.key, hash: task.hash, kind: "customer", customer: task.raw });
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
