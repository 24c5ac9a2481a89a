import type { HttpMethods } from "jsforce";
import type { SyncError } from "../../errors/sync-error";
import { logger } from "../../observability/logger";
import { type ApiUsage, ApiUsageTracker } from "./api-usage";
import {
  classifySalesforceError,
  type ErrorContext,
  isRefreshFailure,
  policyFor,
  salesforceError,
} from "./classify-salesforce-error";
import { DEFAULT_HTTP_TIMEOUT_MS } from "./http-timeout";
import { runInCallScope } from "./refresh-guard";
import { DEFAULT_RETRY_POLICY, type RetryPolicy, withRetry } from "./retry-policy";
import type { SalesforceSession } from "./salesforce-session";

export interface SalesforceRequest {
  method: HttpMethods;
  /** `/composite/…` (versioned data path), `/services/…` (instance path) or an absolute URL. */
  path: string;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface SalesforceHttpOptions {
  /** Per-request timeout (keep it below the Lambda timeout). */
  httpTimeoutMs?: number;
  retry?: RetryPolicy;
  /** Refuse calls once org-wide usage reaches this share of the daily limit (0–1), e.g. 0.5. */
  apiBudgetShare?: number;
  /** Refuse calls once this client has made this many. */
  maxCalls?: number;
  /**
   * Time left in the invocation (Lambda: `context.getRemainingTimeInMillis`). Each call's timeout is
   * capped to it (minus a margin), and no call starts when too little is left, so a slow Salesforce
   * fails the call cleanly instead of timing out the function.
   */
  remainingTimeMs?: () => number;
}

/** Time kept back for the handler to report outcomes after the last call. */
const INVOCATION_MARGIN_MS = 2_000;
/** No call starts with less than this left. */
const MIN_CALL_TIME_MS = 1_000;

/**
 * Sends one REST call through the session's Connection: counts it, applies the timeout, turns every
 * failure into a SyncError and reads `Sforce-Limit-Info`. jsforce's transport retries are switched
 * off (they cover GET only and sleep up to 15.5 s); retries are this client's, uniform and bounded.
 */
export class SalesforceHttp {
  readonly retryPolicy: RetryPolicy;
  private readonly session: SalesforceSession;
  private readonly timeoutMs: number;
  private readonly usage: ApiUsageTracker;
  private readonly remainingTimeMs: (() => number) | undefined;
  private calls = 0;

  constructor(session: SalesforceSession, options: SalesforceHttpOptions = {}) {
    this.session = session;
    this.timeoutMs = options.httpTimeoutMs ?? DEFAULT_HTTP_TIMEOUT_MS;
    this.retryPolicy = options.retry ?? DEFAULT_RETRY_POLICY;
    this.remainingTimeMs = options.remainingTimeMs;
    this.usage = new ApiUsageTracker({
      ...(options.apiBudgetShare === undefined ? {} : { budgetShare: options.apiBudgetShare }),
      ...(options.maxCalls === undefined ? {} : { maxCalls: options.maxCalls }),
    });
  }

  /** REST calls this client sent (retries and post-refresh replays included; token requests not). */
  get callCount(): number {
    return this.calls;
  }

  apiUsage(): ApiUsage | undefined {
    return this.usage.latest();
  }

  /** One attempt; throws a SyncError. */
  async send<T>(request: SalesforceRequest, context: ErrorContext): Promise<T> {
    const conn = await this.session.connection();
    this.usage.assertWithinBudget(this.calls);
    const timeout = this.callTimeoutMs(context);
    return runInCallScope(async (scope) => {
      this.calls += 1;
      try {
        return await conn.request<T>(
          {
            method: request.method,
            url: request.path,
            ...(request.body === undefined ? {} : { body: JSON.stringify(request.body) }),
            headers: {
              ...(request.body === undefined ? {} : { "content-type": "application/json" }),
              ...request.headers,
            },
          },
          { timeout, retry: { methods: [] } },
        );
      } catch (error) {
        const cause = isRefreshFailure(error) && scope.refreshError !== undefined ? scope.refreshError : error;
        throw classifySalesforceError(cause, context);
      } finally {
        // jsforce replays the request after each refresh: that replay is one more API call.
        this.calls += scope.replays;
        this.usage.record(conn.limitInfo?.apiUsage);
      }
    });
  }

  private callTimeoutMs(context: ErrorContext): number {
    const remaining = this.remainingTimeMs?.();
    if (remaining === undefined) return this.timeoutMs;
    const available = remaining - INVOCATION_MARGIN_MS;
    if (available < MIN_CALL_TIME_MS) {
      throw salesforceError("INVOCATION_TIME_LOW", context, {
        detail: "too little invocation time left to call Salesforce",
      });
    }
    return Math.min(this.timeoutMs, available);
  }

  /** `send` retried on transient errors (for idempotent calls: reads, upserts, updates, deletes). */
  sendWithRetry<T>(request: SalesforceRequest, context: ErrorContext): Promise<T> {
    return withRetry(
      () => this.send<T>(request, context),
      this.retryPolicy,
      (error, attempt) => {
        const retry = isRetryable(error as SyncError);
        if (retry)
          logger.warn("Salesforce call retried", { code: (error as SyncError).code, attempt, method: request.method });
        return retry;
      },
    );
  }
}

/** Whole-call errors worth another attempt. */
export function isRetryable(error: SyncError): boolean {
  return error.errorClass === "transient" && policyFor(error.code, "call").retry !== "never";
}
