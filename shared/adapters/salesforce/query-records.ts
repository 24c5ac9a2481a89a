import { z } from "zod";
import type { SyncError } from "../../errors/sync-error";
import { salesforceError } from "./classify-salesforce-error";
import type { SalesforceHttp } from "./salesforce-http";
import { DEFAULT_IN_LIST_BUDGET, type InListBudget, soqlInLists } from "./soql-in-list";

const QueryPageSchema = z.looseObject({
  totalSize: z.number(),
  done: z.boolean(),
  nextRecordsUrl: z.string().optional(),
  records: z.array(z.unknown()),
});

export interface QueryOptions<T> {
  /** Validates each record (zod at the boundary); without it records are returned as sent. */
  schema?: z.ZodType<T>;
  /** `queryAll`: include deleted and archived rows. */
  includeDeleted?: boolean;
  /** `Sforce-Query-Options: batchSize=…` (200–2000): the page size Salesforce uses. */
  batchSize?: number;
}

/**
 * Runs a SOQL query and follows every page (`nextRecordsUrl` as the server gives it) until `done`.
 * jsforce's query() returns one page and autoFetch stops silently at 10 000 rows (reference §5).
 * Each page is retried on transient errors; an expired cursor (INVALID_QUERY_LOCATOR) re-runs the
 * query once.
 */
export async function queryRecords<T>(http: SalesforceHttp, soql: string, options: QueryOptions<T> = {}): Promise<T[]> {
  try {
    return await readAllPages(http, soql, options);
  } catch (error) {
    // A cursor that expired mid-way (long runs, many pages) cannot be resumed: read again from the start, once.
    if ((error as SyncError).code !== "INVALID_QUERY_LOCATOR") throw error;
    return readAllPages(http, soql, options);
  }
}

async function readAllPages<T>(http: SalesforceHttp, soql: string, options: QueryOptions<T>): Promise<T[]> {
  const headers = options.batchSize ? { "Sforce-Query-Options": `batchSize=${options.batchSize}` } : undefined;
  const records: T[] = [];
  let path: string | undefined = `/${options.includeDeleted ? "queryAll" : "query"}?q=${encodeURIComponent(soql)}`;
  while (path) {
    const body = await http.sendWithRetry<unknown>(
      { method: "GET", path, ...(headers ? { headers } : {}) },
      { scope: "call" },
    );
    const page = QueryPageSchema.safeParse(body);
    if (!page.success) {
      throw salesforceError("UNEXPECTED_RESPONSE", { scope: "call" }, { detail: "query page is not a query result" });
    }
    for (const record of page.data.records) records.push(parseRecord(record, options.schema));
    if (!page.data.done && !page.data.nextRecordsUrl) {
      throw salesforceError(
        "UNEXPECTED_RESPONSE",
        { scope: "call" },
        { detail: "query not done but no nextRecordsUrl" },
      );
    }
    path = page.data.done ? undefined : page.data.nextRecordsUrl;
  }
  return records;
}

/**
 * Runs one query per IN-list chunk of `values` and concatenates the records, so thousands of
 * values (e.g. e-mail addresses to match) cost a few calls. `buildSoql` receives the escaped
 * `('a','b',…)` list. Records returned by more than one chunk (same Id) are kept once.
 */
export async function queryIn<T>(
  http: SalesforceHttp,
  values: Iterable<string>,
  buildSoql: (inList: string) => string,
  options: QueryOptions<T> & { budget?: InListBudget } = {},
): Promise<T[]> {
  const seen = new Set<string>();
  const records: T[] = [];
  for (const inList of soqlInLists(values, options.budget ?? DEFAULT_IN_LIST_BUDGET)) {
    for (const record of await queryRecords(http, buildSoql(inList), options)) {
      const id = (record as { Id?: unknown })?.Id;
      if (typeof id === "string") {
        if (seen.has(id)) continue;
        seen.add(id);
      }
      records.push(record);
    }
  }
  return records;
}

function parseRecord<T>(record: unknown, schema: z.ZodType<T> | undefined): T {
  if (!schema) return record as T;
  const parsed = schema.safeParse(record);
  if (parsed.success) return parsed.data;
  const paths = parsed.error.issues.map((issue) => issue.path.join(".")).join(", ");
  throw salesforceError(
    "UNEXPECTED_RESPONSE",
    { scope: "call" },
    { detail: `query record does not match the schema at ${paths}` },
  );
}
