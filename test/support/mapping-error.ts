import { isSyncError, type SyncError } from "../../shared/errors/sync-error";

/** Runs `run` and returns the SyncError it throws; fails when it throws anything else or nothing. */
export function mappingError(run: () => unknown): SyncError {
  try {
    run();
  } catch (error) {
    if (isSyncError(error)) return error;
    throw error;
  }
  throw new Error("expected a mapping error (a SyncError)");
}
