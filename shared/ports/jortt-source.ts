import type { JorttCustomer } from "../domain/jortt/customer-schema";
import type { JorttInvoice, JorttInvoiceStatusFilter } from "../domain/jortt/invoice-schema";
import type { JorttRecordResult } from "../domain/jortt/parse-jortt-record";

export type JorttValidRecord<T> = Extract<JorttRecordResult<T>, { ok: true }>;
export type JorttInvalidRecord = Extract<JorttRecordResult<unknown>, { ok: false }>;

/**
 * One page of a Jortt list scan, each record already run through the Jortt schema: valid ones keep
 * their raw JSON (forwarded as is in the queue message), invalid ones carry a data-class SyncError
 * naming the field (dead-lettered by the fetch use case).
 */
export interface JorttScanPage<T> {
  /** 1-based page number. */
  pageNumber: number;
  records: readonly JorttValidRecord<T>[];
  invalid: readonly JorttInvalidRecord[];
  /** Items skipped because an earlier page of the same scan returned their id (offset drift). */
  duplicates: number;
}

/**
 * What the use cases need from Jortt: the subset of the Jortt adapter (`JorttClient`) they use, so
 * the client satisfies it as is. Failures are thrown as classified SyncErrors.
 */
export interface JorttSource {
  /** All customers, page by page (≤100 a page), until Jortt's `next` link is null. */
  customerPages(): AsyncIterable<JorttScanPage<JorttCustomer>>;
  /** Invoices under one `invoice_status` filter, page by page (the filter is re-sent on every page). */
  invoicePages(options: { status?: JorttInvoiceStatusFilter }): AsyncIterable<JorttScanPage<JorttInvoice>>;
  /**
   * One customer by id, parsed. Throws a data-class SyncError when Jortt does not know it
   * (`resource.not_found`) or it fails the schema.
   */
  getCustomer(id: string): Promise<JorttValidRecord<JorttCustomer>>;
  /** HTTP requests sent to Jortt so far (token requests excluded), for the run's counts. */
  readonly requestCount: number;
}
