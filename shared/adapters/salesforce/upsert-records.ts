import { type CollectionWriteSpec, writeCollection } from "./collection-write";
import { prepareWriteBatch, type SalesforceRecord, type ShapedRecord } from "./prepare-write-batch";
import type { SalesforceHttp } from "./salesforce-http";
import { assertApiName } from "./soql-literal";
import { assembleWriteResult, type WriteResult } from "./write-result";

export interface UpsertOptions {
  /** External id matching is case-insensitive unless the field is case-sensitive unique. Default false. */
  caseSensitiveKeys?: boolean;
  /** Records per Collections call (≤200). */
  chunkSize?: number;
  /** Extra request headers, e.g. `Sforce-Duplicate-Rule-Header: allowSave=true`. */
  headers?: Record<string, string>;
}

/**
 * Upserts by external id with sObject Collections (`PATCH /composite/sobjects/{T}/{Field}`,
 * allOrNone=false), sent as a raw request rather than `sobject().upsert()`: jsforce throws the whole
 * batch on one empty key, sends >200 records in one failing call, and cannot take a timeout per call
 * (reference §4.2, §12). Upsert by external id is idempotent, so failed calls and locked records are
 * re-sent safely.
 */
export async function upsertRecords(
  http: SalesforceHttp,
  objectType: string,
  externalIdField: string,
  records: readonly SalesforceRecord[],
  options: UpsertOptions = {},
): Promise<WriteResult> {
  assertApiName(objectType, "object name");
  assertApiName(externalIdField, "external id field");
  const prepared = prepareWriteBatch(records, {
    object: objectType,
    keyField: externalIdField,
    caseSensitiveKeys: options.caseSensitiveKeys ?? false,
    shape: (record, key) => upsertBody(objectType, externalIdField, record, key),
  });
  const spec: CollectionWriteSpec<Record<string, unknown>> = {
    object: objectType,
    idempotent: true,
    ...(options.chunkSize ? { chunkSize: options.chunkSize } : {}),
    sendChunk: (payloads) =>
      http.send(
        {
          method: "PATCH",
          path: `/composite/sobjects/${objectType}/${externalIdField}`,
          body: { allOrNone: false, records: payloads },
          ...(options.headers ? { headers: options.headers } : {}),
        },
        { scope: "call", object: objectType },
      ),
  };
  const items = prepared.entries.map((entry) => ({ key: entry.key, payload: entry.body }));
  return assembleWriteResult(records.length, prepared, await writeCollection(items, spec, http.retryPolicy));
}

/** Matching is by external id only: a record Id in the body would be ignored or rejected, so it is refused. */
function upsertBody(objectType: string, field: string, record: SalesforceRecord, key: string): ShapedRecord {
  const { attributes: _attributes, Id, ...fields } = record;
  if (Id !== undefined && Id !== null && Id !== "") {
    return { ok: false, code: "UPSERT_RECORD_HAS_ID", detail: "the record carries an Id" };
  }
  return { ok: true, body: { attributes: { type: objectType }, ...fields, [field]: key } };
}
