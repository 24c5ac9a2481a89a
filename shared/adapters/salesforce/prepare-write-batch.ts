import type { SyncError } from "../../errors/sync-error";
import { salesforceError } from "./classify-salesforce-error";

/** A record as the pipeline maps it: Salesforce field API names → JSON values. */
export type SalesforceRecord = Readonly<Record<string, unknown>>;

/** Inputs that shared one key: only the last one (`keptIndex`) is sent, the others report its outcome. */
export interface MergedDuplicate {
  key: string;
  /** Input indexes with this key, ascending; the last is kept. */
  indexes: number[];
  keptIndex: number;
}

/** A record refused before sending (so one bad row never aborts the whole call). */
export interface RejectedRecord {
  index: number;
  key: string;
  error: SyncError;
}

/** A unique record to send, with every input index it stands for. */
export interface BatchEntry {
  key: string;
  body: Record<string, unknown>;
  keptIndex: number;
  inputIndexes: number[];
}

export interface PreparedBatch {
  entries: BatchEntry[];
  rejected: RejectedRecord[];
  duplicates: MergedDuplicate[];
}

export type ShapedRecord = { ok: true; body: Record<string, unknown> } | { ok: false; code: string; detail: string };

export interface PrepareOptions {
  object: string;
  /** The record's key: the external id field (upsert) or `Id` (update). */
  keyField: string;
  /** How a record is checked and shaped for the wire; returns an error code to reject it. */
  shape: (record: SalesforceRecord, key: string) => ShapedRecord;
  /**
   * External id fields are case-insensitive unless defined case-sensitive (the org metadata contract
   * says caseSensitive=false), so `abc` and `ABC` are the same record for Salesforce.
   */
  caseSensitiveKeys?: boolean;
}

/**
 * Rejects records without a usable key individually, merges records that share a key (last wins,
 * reported) and shapes each unique record's body. Entries keep first-occurrence order.
 */
export function prepareWriteBatch(records: readonly SalesforceRecord[], options: PrepareOptions): PreparedBatch {
  const rejected: RejectedRecord[] = [];
  const byKey = new Map<string, { key: string; indexes: number[] }>();
  for (const [index, record] of records.entries()) {
    const key = keyOf(record[options.keyField]);
    if (key === undefined) {
      const code = options.keyField === "Id" ? "RECORD_ID_MISSING" : "UPSERT_KEY_MISSING";
      rejected.push({ index, key: "", error: rejection(code, options, "", `${options.keyField} is empty`) });
      continue;
    }
    const identity = options.caseSensitiveKeys ? key : key.toLowerCase();
    const group = byKey.get(identity) ?? { key, indexes: [] };
    group.indexes.push(index);
    byKey.set(identity, group);
  }
  const entries: BatchEntry[] = [];
  const duplicates: MergedDuplicate[] = [];
  for (const { indexes } of byKey.values()) {
    const keptIndex = indexes[indexes.length - 1] as number;
    const record = records[keptIndex] as SalesforceRecord;
    const key = keyOf(record[options.keyField]) as string;
    if (indexes.length > 1) duplicates.push({ key, indexes, keptIndex });
    const shaped = options.shape(record, key);
    if (!shaped.ok) {
      const error = rejection(shaped.code, options, key, shaped.detail);
      for (const index of indexes) rejected.push({ index, key, error });
      continue;
    }
    entries.push({ key, body: shaped.body, keptIndex, inputIndexes: indexes });
  }
  return { entries, rejected, duplicates };
}

/** Keys are strings on the wire; null, undefined, blank and non-scalar values are not keys. */
function keyOf(value: unknown): string | undefined {
  if (typeof value === "number" || typeof value === "bigint") return Number.isNaN(value) ? undefined : String(value);
  if (typeof value !== "string") return undefined;
  const trimmed = value.trim();
  return trimmed === "" ? undefined : trimmed;
}

function rejection(code: string, options: PrepareOptions, key: string, detail: string): SyncError {
  return salesforceError(
    code,
    { scope: "record", object: options.object, ...(key ? { recordKey: key } : {}) },
    { detail },
  );
}
