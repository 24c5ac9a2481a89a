import type { SalesforceGateway } from "../../ports/salesforce-gateway";
import type { ApiUsage } from "./api-usage";
import {
  type CompositeOptions,
  type CompositeSubrequest,
  type CompositeSubresult,
  compositeRequest,
} from "./composite-request";
import { type CreateOptions, createRecords } from "./create-records";
import { deleteRecords } from "./delete-records";
import { DescribeCache, describeSObject, type SObjectDescribe } from "./describe-sobject";
import { hasPersonAccounts } from "./person-accounts";
import type { SalesforceRecord } from "./prepare-write-batch";
import { type QueryOptions, queryIn, queryRecords } from "./query-records";
import type { RetryPolicy } from "./retry-policy";
import { resolveSalesforceAuth, type SalesforceAuth } from "./salesforce-credentials";
import { SalesforceHttp } from "./salesforce-http";
import { SalesforceSession } from "./salesforce-session";
import type { InListBudget } from "./soql-in-list";
import { type UpdateOptions, updateRecords } from "./update-records";
import { type UpsertOptions, upsertRecords } from "./upsert-records";
import type { WriteResult } from "./write-result";

/**
 * What the pipeline uses of Salesforce (the port use cases depend on; tests may fake it). Every
 * method throws SyncError for whole-call failures; writes report per-record outcomes instead of
 * throwing, in input order.
 */
export interface SalesforceClientPort {
  upsertRecords(
    objectType: string,
    externalIdField: string,
    records: readonly SalesforceRecord[],
    options?: UpsertOptions,
  ): Promise<WriteResult>;
  updateRecords(
    objectType: string,
    records: readonly SalesforceRecord[],
    options?: UpdateOptions,
  ): Promise<WriteResult>;
  createRecords(
    objectType: string,
    records: readonly SalesforceRecord[],
    options?: CreateOptions,
  ): Promise<WriteResult>;
  deleteRecords(ids: readonly string[]): Promise<WriteResult>;
  query<T>(soql: string, options?: QueryOptions<T>): Promise<T[]>;
  queryIn<T>(
    values: Iterable<string>,
    buildSoql: (inList: string) => string,
    options?: QueryOptions<T> & { budget?: InListBudget },
  ): Promise<T[]>;
  describe(objectType: string): Promise<SObjectDescribe>;
  hasPersonAccounts(): Promise<boolean>;
  composite(subrequests: readonly CompositeSubrequest[], options: CompositeOptions): Promise<CompositeSubresult[]>;
  apiUsage(): ApiUsage | undefined;
  readonly callCount: number;
}

export interface SalesforceClientOptions {
  /** Per-request HTTP timeout in ms (default 60 000); keep it below the Lambda timeout. */
  httpTimeoutMs?: number;
  /** Client retries (writes and reads); tests shorten `baseDelayMs`. */
  retry?: RetryPolicy;
  /** Token refreshes one call may trigger before INVALID_SESSION_ID is final. Default 1. */
  maxRefreshesPerCall?: number;
  /** Refuse further calls (rate-limit API_BUDGET_REACHED) once org usage reaches this share of the limit. */
  apiBudgetShare?: number;
  /** Refuse further calls once this client made this many. */
  maxCalls?: number;
  /** Time left in the invocation (Lambda `context.getRemainingTimeInMillis`): caps each call's timeout. */
  remainingTimeMs?: () => number;
  /** JWT `aud` override (default derived from the login URL). */
  jwtAudience?: string;
  /** `Sforce-Call-Options: client=…`. */
  clientName?: string;
}

/** The Salesforce adapter: one session per instance (create one per run / Lambda container). */
export class SalesforceClient implements SalesforceClientPort, SalesforceGateway {
  readonly apiVersion: string;
  readonly session: SalesforceSession;
  private readonly http: SalesforceHttp;
  private readonly describes = new DescribeCache();

  constructor(auth: SalesforceAuth, options: SalesforceClientOptions = {}) {
    this.apiVersion = auth.apiVersion;
    this.session = new SalesforceSession(auth, {
      ...(options.maxRefreshesPerCall === undefined ? {} : { maxRefreshesPerCall: options.maxRefreshesPerCall }),
      ...(options.jwtAudience ? { jwtAudience: options.jwtAudience } : {}),
      ...(options.clientName ? { clientName: options.clientName } : {}),
    });
    this.http = new SalesforceHttp(this.session, options);
  }

  /** Authorizes now (otherwise the first call does): lets a run fail fast on bad credentials. */
  async connect(): Promise<void> {
    await this.session.connection();
  }

  upsertRecords(
    objectType: string,
    externalIdField: string,
    records: readonly SalesforceRecord[],
    options?: UpsertOptions,
  ) {
    return upsertRecords(this.http, objectType, externalIdField, records, options);
  }

  updateRecords(objectType: string, records: readonly SalesforceRecord[], options?: UpdateOptions) {
    return updateRecords(this.http, objectType, records, options);
  }

  createRecords(objectType: string, records: readonly SalesforceRecord[], options?: CreateOptions) {
    return createRecords(this.http, objectType, records, options);
  }

  deleteRecords(ids: readonly string[]) {
    return deleteRecords(this.http, ids);
  }

  query<T>(soql: string, options?: QueryOptions<T>): Promise<T[]> {
    return queryRecords(this.http, soql, options);
  }

  queryIn<T>(
    values: Iterable<string>,
    buildSoql: (inList: string) => string,
    options?: QueryOptions<T> & { budget?: InListBudget },
  ): Promise<T[]> {
    return queryIn(this.http, values, buildSoql, options);
  }

  /** Cached for this client's lifetime. */
  describe(objectType: string): Promise<SObjectDescribe> {
    return this.describes.get(objectType, () => describeSObject(this.http, objectType));
  }

  /** Account model detection for `accountModel: auto` (one describe call, cached). */
  async hasPersonAccounts(): Promise<boolean> {
    return hasPersonAccounts(await this.describe("Account"));
  }

  composite(subrequests: readonly CompositeSubrequest[], options: CompositeOptions): Promise<CompositeSubresult[]> {
    return compositeRequest(this.http, this.apiVersion, subrequests, options);
  }

  /** Latest org-wide usage from `Sforce-Limit-Info` (undefined until a response carried it). */
  apiUsage(): ApiUsage | undefined {
    return this.http.apiUsage();
  }

  /** REST calls this client made (retries and post-refresh replays included, token requests not). */
  get callCount(): number {
    return this.http.callCount;
  }
}

/**
 * Builds a client from the credentials contract (the Secrets Manager JSON or the environment's
 * SALESFORCE_* keys). Throws a configuration SyncError listing what is missing.
 */
export function createSalesforceClient(credentials: unknown, options: SalesforceClientOptions = {}): SalesforceClient {
  return new SalesforceClient(resolveSalesforceAuth(credentials), options);
}
