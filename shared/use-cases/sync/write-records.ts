import { SyncError } from "../../errors/sync-error";
import type { SalesforceRecord, WriteResult } from "../../ports/salesforce-gateway";
import { asSyncError } from "../as-sync-error";

export interface WriteItem<T> {
  item: T;
  record: SalesforceRecord;
}

/**
 * Sends one Collections write for many records (the adapter chunks at 200) and hands each record's
 * outcome back to its owner. Skips the call when there is nothing to write. A write that throws
 * instead of reporting (should not happen with the adapter) fails every record with that error.
 */
export async function writeRecords<T>(
  items: readonly WriteItem<T>[],
  write: (records: SalesforceRecord[]) => Promise<WriteResult>,
  onOk: (item: T, id: string, created: boolean) => void,
  /** `wholeCall`: the error stopped the whole call (not this record's own failure). */
  onError: (item: T, error: SyncError, wholeCall: boolean) => void,
): Promise<void> {
  if (items.length === 0) return;
  let result: WriteResult;
  try {
    result = await write(items.map((entry) => entry.record));
  } catch (error) {
    const syncError = asSyncError(error);
    for (const entry of items) onError(entry.item, syncError, true);
    return;
  }
  items.forEach((entry, index) => {
    const outcome = result.outcomes[index];
    if (outcome?.ok) onOk(entry.item, outcome.id, outcome.created);
    else {
      const error = outcome?.error ?? result.stopped ?? missingOutcome();
      onError(entry.item, error, result.stopped !== undefined && error === result.stopped);
    }
  });
}

function missingOutcome(): SyncError {
  return new SyncError("Salesforce returned fewer results than records sent", {
    code: "UNEXPECTED_RESPONSE",
    errorClass: "transient",
    source: "salesforce",
  });
}
