import { SyncError } from "../../errors/sync-error";
import type { SyncStop } from "./sync-batch-result";

/**
 * The error a task or message the batch did not decide fails with: the batch-wide failure, else
 * the stop, else a transient "not processed" (retried).
 */
export function undecidedReason(batchError: SyncError | undefined, stop: SyncStop | undefined): SyncError {
  return batchError ?? (stop ? stoppedError(stop) : notProcessed());
}

function stoppedError(stop: SyncStop): SyncError {
  return new SyncError(`Not processed: the batch stopped (${stop.code})`, {
    code: stop.code,
    errorClass: stop.reason === "configuration" ? "configuration" : "rate-limit",
    source: "pipeline",
    ...(stop.hint ? { hint: stop.hint } : {}),
  });
}

function notProcessed(): SyncError {
  return new SyncError("Not processed in this batch", {
    code: "NOT_PROCESSED",
    errorClass: "transient",
    source: "pipeline",
  });
}
