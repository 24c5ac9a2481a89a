import { writeCollection } from "./collection-write";
import { prepareWriteBatch } from "./prepare-write-batch";
import { isRecordId } from "./record-id";
import type { SalesforceHttp } from "./salesforce-http";
import { assembleWriteResult, type WriteResult } from "./write-result";

/**
 * Deletes records by Id with sObject Collections (`DELETE /composite/sobjects?ids=…`, ≤200 per call,
 * allOrNone=false). A record already deleted (ENTITY_IS_DELETED) counts as deleted, so a re-run is
 * harmless.
 */
export async function deleteRecords(http: SalesforceHttp, ids: readonly string[]): Promise<WriteResult> {
  const prepared = prepareWriteBatch(
    ids.map((Id) => ({ Id })),
    {
      object: "record",
      keyField: "Id",
      caseSensitiveKeys: true,
      shape: (_record, id) =>
        isRecordId(id) ? { ok: true, body: { id } } : { ok: false, code: "MALFORMED_ID", detail: "not a record id" },
    },
  );
  const items = prepared.entries.map((entry) => ({ key: entry.key, payload: entry.key }));
  const written = await writeCollection(
    items,
    {
      idempotent: true,
      acceptFailure: (result) =>
        (result.errors ?? []).some((e) => (e.statusCode ?? e.errorCode) === "ENTITY_IS_DELETED"),
      sendChunk: (chunkIds) =>
        http.send(
          { method: "DELETE", path: `/composite/sobjects?ids=${chunkIds.join(",")}&allOrNone=false` },
          { scope: "call" },
        ),
    },
    http.retryPolicy,
  );
  return assembleWriteResult(ids.length, prepared, written);
}
