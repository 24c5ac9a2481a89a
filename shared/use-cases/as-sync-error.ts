import { isSyncError, SyncError } from "../errors/sync-error";

/** Whatever was thrown, as a SyncError: an unexpected failure is treated as transient (retried). */
export function asSyncError(error: unknown): SyncError {
  if (isSyncError(error)) return error;
  return new SyncError(`Unexpected failure: ${error instanceof Error ? error.message : String(error)}`, {
    code: "UNEXPECTED_ERROR",
    errorClass: "transient",
    source: "pipeline",
    cause: error,
  });
}
