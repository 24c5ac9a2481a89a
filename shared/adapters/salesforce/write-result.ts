import type { SyncError } from "../../errors/sync-error";
import type { CollectionWriteResult } from "./collection-write";
import type { MergedDuplicate, PreparedBatch } from "./prepare-write-batch";

/** The outcome of one input record, at its input index. */
export type RecordOutcome =
  | {
      index: number;
      key: string;
      ok: true;
      /** Salesforce record id. */
      id: string;
      /** True when an upsert or create made a new record. */
      created: boolean;
      /** Calls this record was in (0: never sent). */
      attempts: number;
      /** Set on a merged duplicate: the input index whose record was sent in its place. */
      supersededBy?: number;
    }
  | { index: number; key: string; ok: false; error: SyncError; attempts: number; supersededBy?: number };

export interface WriteResult {
  /** One per input record, in input order. */
  outcomes: RecordOutcome[];
  /** Inputs merged because they shared a key (last wins). */
  duplicates: MergedDuplicate[];
  /** Set when a whole-call error stopped the write: rate-limit → stop the run, configuration → alert. */
  stopped?: SyncError;
}

/** Maps outcomes of the sent entries (and the pre-send rejections) back to every input index. */
export function assembleWriteResult(
  inputCount: number,
  prepared: PreparedBatch,
  written: CollectionWriteResult,
): WriteResult {
  const outcomes: (RecordOutcome | undefined)[] = new Array(inputCount).fill(undefined);
  for (const { index, key, error } of prepared.rejected)
    outcomes[index] = { index, key, ok: false, error, attempts: 0 };
  for (const [position, entry] of prepared.entries.entries()) {
    const outcome = written.outcomes[position];
    if (!outcome) continue;
    for (const index of entry.inputIndexes) {
      outcomes[index] = {
        ...outcome,
        index,
        key: entry.key,
        ...(index === entry.keptIndex ? {} : { supersededBy: entry.keptIndex }),
      };
    }
  }
  return {
    outcomes: outcomes.map((outcome, index) => outcome ?? missingOutcome(index)),
    duplicates: prepared.duplicates,
    ...(written.stopped ? { stopped: written.stopped } : {}),
  };
}

function missingOutcome(index: number): never {
  throw new Error(`internal: no outcome for input record ${index}`);
}
