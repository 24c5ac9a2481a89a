import { writeCollection } from "./collection-write";
import { prepareWriteBatch, type SalesforceRecord, type ShapedRecord } from "./prepare-write-batch";
import { isRecordId } from "./record-id";
import type { SalesforceHttp } from "./salesforce-http";
import { assertApiName } from "./soql-literal";
import { assembleWriteResult, type WriteResult } from "./write-result";

export interface UpdateOptions {
  chunkSize?: number;
  headers?: Record<string, string>;
}

/**
 * Updates records by Id with sObject Collections (`PATCH /composite/sobjects`, ≤200 per call,
 * allOrNone=false). Used where the key is a Salesforce Id (e.g. adopting a Contact matched by
 * e-mail, then setting its external id). Records with the same Id are merged (last wins).
 */
export async function updateRecords(
  http: SalesforceHttp,
  objectType: string,
  records: readonly SalesforceRecord[],
  options: UpdateOptions = {},
): Promise<WriteResult> {
  assertApiName(objectType, "object name");
  const prepared = prepareWriteBatch(records, {
    object: objectType,
    keyField: "Id",
    // Ids are case-sensitive (15-char ids differ by case only).
    caseSensitiveKeys: true,
    shape: (record, id) => updateBody(objectType, record, id),
  });
  const items = prepared.entries.map((entry) => ({ key: entry.key, payload: entry.body }));
  const written = await writeCollection(
    items,
    {
      object: objectType,
      idempotent: true,
      ...(options.chunkSize ? { chunkSize: options.chunkSize } : {}),
      sendChunk: (payloads) =>
        http.send(
          {
            method: "PATCH",
            path: "/composite/sobjects",
            body: { allOrNone: false, records: payloads },
            ...(options.headers ? { headers: options.headers } : {}),
          },
          { scope: "call", object: objectType },
        ),
    },
    http.retryPolicy,
  );
  return assembleWriteResult(records.length, prepared, written);
}

function updateBody(objectType: string, record: SalesforceRecord, id: string): ShapedRecord {
  if (!isRecordId(id)) return { ok: false, code: "MALFORMED_ID", detail: "Id is not a Salesforce record id" };
  const { attributes: _attributes, Id: _id, ...fields } = record;
  // Collections update takes the id as `id` (the documented and jsforce shape, reference §4.4).
  return { ok: true, body: { attributes: { type: objectType }, id, ...fields } };
}
