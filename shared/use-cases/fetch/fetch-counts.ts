/** What one fetch run saw and did (RunRecord counts, run report, metrics). */
export interface FetchCounts {
  pages: number;
  customersScanned: number;
  invoicesScanned: number;
  customersEnqueued: number;
  invoicesEnqueued: number;
  enqueued: number;
  /** Same hash as the synced state: nothing to do. */
  unchanged: number;
  /** Same hash as a dead-lettered/quarantined/invalid state: waits for a replay or a change. */
  held: number;
  /** Dead-lettered by this run (schema or mapping), each with its reason. */
  invalid: number;
  /** Ids seen again on a later page (offset paging shifts) or under a second status filter. */
  duplicates: number;
  /** Customers fetched by id for invoices whose customer was not in the scan. */
  customersFetchedById: number;
  /** Mapping warnings (truncated text…) of the enqueued records. */
  mappingWarnings: number;
  jorttRequests: number;
  /** Salesforce calls of this run: at most one describe per 24 h (account model). */
  salesforceApiCalls: number;
  durationMs: number;
}

export function emptyFetchCounts(): FetchCounts {
  return {
    pages: 0,
    customersScanned: 0,
    invoicesScanned: 0,
    customersEnqueued: 0,
    invoicesEnqueued: 0,
    enqueued: 0,
    unchanged: 0,
    held: 0,
    invalid: 0,
    duplicates: 0,
    customersFetchedById: 0,
    mappingWarnings: 0,
    jorttRequests: 0,
    salesforceApiCalls: 0,
    durationMs: 0,
  };
}
