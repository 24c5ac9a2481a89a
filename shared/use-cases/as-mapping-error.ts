import { isSyncError, SyncError } from "../errors/sync-error";

/** Whatever mapping a record threw, as a SyncError: an unexpected failure is a data error of that record. */
export function asMappingError(error: unknown, key: string): SyncError {
  if (isSyncError(error)) return error;
  return new SyncError(`${key} cannot be mapped: ${error instanceof Error ? error.message : String(error)}`, {
    code: "mapping.failed",
    errorClass: "data",
    source: "mapping",
    recordKey: key,
  });
}
