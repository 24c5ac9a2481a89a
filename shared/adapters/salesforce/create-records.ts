import { writeCollection } from "./collection-write";
import type { SalesforceRecord } from "./prepare-write-batch";
import type { SalesforceHttp } from "./salesforce-http";
import { assertApiName } from "./soql-literal";
import type { WriteResult } from "./write-result";

export interface CreateOptions {
  chunkSize?: number;
  headers?: Record<string, string>;
}

/**
 * Inserts records with sObject Collections (`POST /composite/sobjects`, ≤200 per call,
 * allOrNone=false). A create is not idempotent: records that failed per record (e.g. locked) are
 * re-sent, but a whole call is re-sent only when it cannot have been processed (connection refused,
 * 503). Prefer upsertRecords wherever an external id exists. Outcome keys are the input indexes.
 */
export async function createRecords(
  http: SalesforceHttp,
  objectType: string,
  records: readonly SalesforceRecord[],
  options: CreateOptions = {},
): Promise<WriteResult> {
  assertApiName(objectType, "object name");
  const items = records.map((record, index) => {
    const { attributes: _attributes, Id: _id, ...fields } = record;
    return { key: String(index), payload: { attributes: { type: objectType }, ...fields } };
  });
  const written = await writeCollection(
    items,
    {
      object: objectType,
      idempotent: false,
      ...(options.chunkSize ? { chunkSize: options.chunkSize } : {}),
      sendChunk: (payloads) =>
        http.send(
          {
            method: "POST",
            path: "/composite/sobjects",
            body: { allOrNone: false, records: payloads },
            ...(options.headers ? { headers: options.headers } : {}),
          },
          { scope: "call", object: objectType },
        ),
    },
    http.retryPolicy,
  );
  return {
    outcomes: written.outcomes.map((outcome, index) => ({
      ...outcome,
      ...(outcome.ok ? { created: true } : {}),
      index,
      key: String(index),
    })),
    duplicates: [],
    ...(written.stopped ? { stopped: written.stopped } : {}),
  };
}
