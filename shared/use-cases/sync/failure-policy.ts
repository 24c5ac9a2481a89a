import type { SyncError } from "../../errors/sync-error";

/**
 * What happens to one record that failed, by its error class (ARCHITECTURE.md, errors):
 * - quarantined (ambiguous e-mail match): dead-letter with the reason, state `quarantined`;
 * - data: this record only: dead-letter with code/message/hint, state `dead-lettered`;
 * - transient: leave it for SQS redelivery; on its last receive dead-letter it ourselves WITH the
 *   reason (SQS's own redrive would carry none), state `dead-lettered`;
 * - rate-limit / configuration: the run stops; the record is retried later. On its last receive it
 *   is dead-lettered with the reason but no state is written: it is not the record's fault, so the
 *   next fetch enqueues it again once the limit resets or the configuration is fixed.
 */
export type FailureDecision =
  | { outcome: "quarantined"; stateOutcome: "quarantined" }
  | { outcome: "dead-lettered"; stateOutcome: "dead-lettered" | undefined }
  | { outcome: "retry" };

export function decideFailure(
  error: SyncError,
  options: { quarantined: boolean; receiveCount: number; maxReceiveCount: number },
): FailureDecision {
  if (options.quarantined) return { outcome: "quarantined", stateOutcome: "quarantined" };
  const lastReceive = options.receiveCount >= options.maxReceiveCount;
  switch (error.errorClass) {
    case "data":
      return { outcome: "dead-lettered", stateOutcome: "dead-lettered" };
    case "transient":
      return lastReceive ? { outcome: "dead-lettered", stateOutcome: "dead-lettered" } : { outcome: "retry" };
    default:
      return lastReceive ? { outcome: "dead-lettered", stateOutcome: undefined } : { outcome: "retry" };
  }
}

/** Rate-limit and configuration errors stop the whole batch (and the run). */
export function stopsTheRun(error: SyncError): boolean {
  return error.errorClass === "rate-limit" || error.errorClass === "configuration";
}
