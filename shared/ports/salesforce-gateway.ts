import type { SyncError } from "../errors/sync-error";

/** One Salesforce record body: exact API field names; parent links by external id as nested objects. */
export type SalesforceRecord = Readonly<Record<string, unknown>>;

/** The outcome of one input record of a write, at its input index. */
export type WriteOutcome = { ok: true; id: string; created: boolean } | { ok: false; error: SyncError };

export interface WriteResult {
  /** One per input record, in input order. */
  outcomes: readonly WriteOutcome[];
  /**
   * Set when a whole-call error stopped the write (rate limit, configuration, transient retries used
   * up); records not sent carry that error.
   */
  stopped?: SyncError;
}

/** One Collections write of a sequence sent with `writeCollections`. */
export type CollectionWrite =
  | { operation: "upsert"; objectType: string; externalIdField: string; records: readonly SalesforceRecord[] }
  | { operation: "update"; objectType: string; records: readonly SalesforceRecord[] }
  | { operation: "delete"; ids: readonly string[] };

export interface ApiUsage {
  used: number;
  limit: number;
}

/**
 * What the use cases need from Salesforce: the subset of the Salesforce adapter
 * (`SalesforceClient`) they use, so the client satisfies it as is. Writes use sObject Collections
 * (≤200 records a call, chunked by the adapter, allOrNone=false) and report per-record outcomes
 * instead of throwing; the adapter already retries locks and transient failures in-call. Reads
 * throw a classified SyncError.
 */
export interface SalesforceGateway {
  /** Upsert by external id (records sharing a key are merged, last wins). */
  upsertRecords(
    objectType: string,
    externalIdField: string,
    records: readonly SalesforceRecord[],
  ): Promise<WriteResult>;
  /** Update by `Id`. */
  updateRecords(objectType: string, records: readonly SalesforceRecord[]): Promise<WriteResult>;
  /** Insert (where no external id exists: PricebookEntry). */
  createRecords(objectType: string, records: readonly SalesforceRecord[]): Promise<WriteResult>;
  /** Delete by Id; an already deleted record counts as deleted. */
  deleteRecords(ids: readonly string[]): Promise<WriteResult>;
  /** SOQL, every page followed. */
  query<T>(soql: string): Promise<T[]>;
  /**
   * One query per chunk of `values` (escaped, de-duplicated, URL-length bounded), records
   * concatenated: `buildSoql` receives the `('a','b',…)` list.
   */
  queryIn<T>(values: Iterable<string>, buildSoql: (inList: string) => string): Promise<T[]>;
  describe(objectType: string): Promise<{ fields: readonly { name: string }[] }>;
  /**
   * Optional. Several Collections writes in order, sent as sObject Collections subrequests of as
   * few Composite calls as possible (≤5 per call, ONE API call each): Accounts, Contacts, Orders
   * and OrderItems of a whole batch in one call. One WriteResult per write, like the single
   * methods (a failed subrequest sets `stopped` on its write), but without their per-record
   * in-call retries: callers handle retryable codes. Without it, use cases write step by step.
   */
  writeCollections?(writes: readonly CollectionWrite[]): Promise<WriteResult[]>;
  /** Org-wide daily API usage from the latest `Sforce-Limit-Info` (undefined before the first call). */
  apiUsage(): ApiUsage | undefined;
  /** Salesforce API calls made through this gateway so far. */
  readonly callCount: number;
}
