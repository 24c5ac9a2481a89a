import { JorttListEnvelopeSchema } from "../../domain/jortt/list-envelope-schema";
import type { JorttRecordResult } from "../../domain/jortt/parse-jortt-record";
import { SyncError } from "../../errors/sync-error";
import { jorttInvalidResponseError } from "./jortt-errors";
import type { JorttHttp } from "./jortt-http";

export type JorttValidRecord<T> = Extract<JorttRecordResult<T>, { ok: true }>;
export type JorttInvalidRecord = Extract<JorttRecordResult<unknown>, { ok: false }>;

/** One page of a scan, split into parsed records and records to dead-letter. */
export interface JorttPage<T> {
  /** 1-based page number that was requested. */
  pageNumber: number;
  /** Records that passed the schema, in Jortt's order (`value` parsed, `raw` as served). */
  records: JorttValidRecord<T>[];
  /** Records that failed the schema: dead-letter each with its `error` (and `id` when it had one). */
  invalid: JorttInvalidRecord[];
  /** Items skipped because an earlier page of this scan already returned their id (offset drift). */
  duplicates: number;
  /** True on the page whose `_links.next` was null. */
  isLast: boolean;
}

export interface PaginateOptions<T> {
  http: JorttHttp;
  path: string;
  /** Our own filter parameters, re-sent on every page (Jortt drops some from its `next` href). */
  query: Record<string, string | undefined>;
  parse: (raw: unknown) => JorttRecordResult<T>;
  /** Guard against a server that never ends a list. */
  maxPages: number;
}

/**
 * Walks a Jortt list page by page (reference/jortt-api.md §4): builds each page URL itself with
 * `page=N` (never follows `_links.next.href`, which drops `invoice_status`), stops only when
 * `_links.next` is null (a short page is not the end), and de-duplicates by id within the scan
 * (offset pages shift when records are created during a scan).
 */
export async function* paginate<T>(options: PaginateOptions<T>): AsyncGenerator<JorttPage<T>, void, undefined> {
  const seen = new Set<string>();
  for (let pageNumber = 1; ; pageNumber += 1) {
    if (pageNumber > options.maxPages) {
      throw new SyncError(`Jortt ${options.path} did not end after ${options.maxPages} pages`, {
        code: "pagination.runaway",
        errorClass: "configuration",
        source: "jortt",
        hint: "The list never returned `_links.next: null`; check JORTT_API_URL or raise maxPages.",
      });
    }
    const response = await options.http.request({
      method: "GET",
      path: options.path,
      query: { ...options.query, page: pageNumber },
    });
    const envelope = JorttListEnvelopeSchema.safeParse(response.body);
    if (!envelope.success) {
      throw jorttInvalidResponseError(`GET ${options.path}`, response.status, "not a list envelope {data, _links}");
    }
    const page: JorttPage<T> = { pageNumber, records: [], invalid: [], duplicates: 0, isLast: false };
    for (const raw of envelope.data.data) {
      const result = options.parse(raw);
      if (result.id !== null && result.id !== "") {
        if (seen.has(result.id)) {
          page.duplicates += 1;
          continue;
        }
        seen.add(result.id);
      }
      if (result.ok) page.records.push(result);
      else page.invalid.push(result);
    }
    page.isLast = envelope.data._links.next === null;
    yield page;
    if (page.isLast) return;
  }
}
