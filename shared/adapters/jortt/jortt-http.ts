import { logger } from "../../observability/logger";
import {
  type JorttApiError,
  jorttHttpError,
  jorttInvalidResponseError,
  jorttNetworkError,
  networkErrorCode,
  REAUTH_ERROR_KEYS,
} from "./jortt-errors";
import type { JorttRateLimiter } from "./jortt-rate-limiter";
import {
  backoffDelayMs,
  isRetryableStatus,
  isSafeToRepeatStatus,
  parseRetryAfterMs,
  type RetryPolicy,
} from "./jortt-retry-policy";
import type { JorttTokenProvider } from "./jortt-token-provider";

export type JorttHttpMethod = "GET" | "POST" | "PUT" | "DELETE";

export interface JorttHttpRequest {
  method: JorttHttpMethod;
  /** Path below the base URL, e.g. `/customers` or `/v3/invoices`. */
  path: string;
  query?: Record<string, string | number | undefined>;
  /** Sent as JSON. */
  body?: unknown;
  /**
   * Whether repeating the call is harmless. Defaults to true for GET/PUT/DELETE, false for POST:
   * a create is repeated only after a status that proves it was not applied (429, 503) or when
   * the connection was refused, never after a timeout or a 500/502.
   */
  idempotent?: boolean;
  /** Attached to errors so a failure can be dead-lettered against its record. */
  recordKey?: string;
}

export interface JorttHttpResponse {
  status: number;
  /** Parsed JSON, or undefined for an empty body (204, or 200 "No Content"). */
  body: unknown;
}

export interface JorttHttpOptions {
  baseUrl: string;
  tokens: JorttTokenProvider;
  rateLimiter: JorttRateLimiter;
  retry: RetryPolicy;
  timeoutMs: number;
  fetch: typeof fetch;
}

type AttemptOutcome =
  | { kind: "done"; response: JorttHttpResponse }
  | { kind: "reauth"; error: JorttApiError }
  | { kind: "failed"; error: JorttApiError; retryable: boolean; retryAfterMs?: number };

/**
 * One Jortt API call with the cross-cutting behaviour: bearer token (re-requested once when Jortt
 * says it expired or is invalid), the shared rate limiter, a timeout per attempt, and bounded
 * retries with exponential backoff + full jitter on 429, 5xx and network errors. Error bodies are
 * read as text and parsed only when they are JSON (gateways answer with HTML).
 */
export class JorttHttp {
  private requests = 0;

  constructor(private readonly options: JorttHttpOptions) {}

  /** API requests sent so far, every attempt counted (token requests are counted separately). */
  get requestCount(): number {
    return this.requests;
  }

  async request(request: JorttHttpRequest): Promise<JorttHttpResponse> {
    const { retry } = this.options;
    const label = `${request.method} ${request.path}`;
    let reauthenticated = false;
    let attempt = 1;
    for (;;) {
      const token = await this.options.tokens.getToken();
      const outcome = await this.attempt(request, label, token);
      if (outcome.kind === "done") return outcome.response;
      if (outcome.kind === "reauth") {
        if (reauthenticated) throw outcome.error;
        reauthenticated = true;
        this.options.tokens.invalidate(token);
        continue;
      }
      if (!outcome.retryable || attempt >= retry.maxAttempts) throw outcome.error;
      const delayMs = backoffDelayMs(retry, attempt, outcome.retryAfterMs);
      logger.debug("Jortt request failed; retrying", { request: label, attempt, delayMs, code: outcome.error.code });
      await retry.sleep(delayMs);
      attempt += 1;
    }
  }

  private buildUrl(request: JorttHttpRequest): string {
    const url = new URL(this.options.baseUrl.replace(/\/+$/, "") + request.path);
    for (const [name, value] of Object.entries(request.query ?? {})) {
      if (value !== undefined) url.searchParams.set(name, String(value));
    }
    return url.toString();
  }

  private async attempt(request: JorttHttpRequest, label: string, token: string): Promise<AttemptOutcome> {
    const idempotent = request.idempotent ?? request.method !== "POST";
    await this.options.rateLimiter.acquire();
    this.requests += 1;
    let response: Response;
    let text: string;
    try {
      response = await this.options.fetch(this.buildUrl(request), {
        method: request.method,
        headers: {
          authorization: `Bearer ${token}`,
          accept: "application/json",
          ...(request.body === undefined ? {} : { "content-type": "application/json" }),
        },
        body: request.body === undefined ? undefined : JSON.stringify(request.body),
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
      text = await response.text();
    } catch (cause) {
      const refused = networkErrorCode(cause) === "ECONNREFUSED";
      return { kind: "failed", error: jorttNetworkError(label, cause), retryable: idempotent || refused };
    }

    if (response.ok) return this.readSuccess(label, response.status, text, idempotent);

    const error = jorttHttpError(label, response.status, text, { recordKey: request.recordKey });
    if (response.status === 401 && error.jorttKey !== undefined && REAUTH_ERROR_KEYS.has(error.jorttKey)) {
      return { kind: "reauth", error };
    }
    const retryable = idempotent ? isRetryableStatus(response.status) : isSafeToRepeatStatus(response.status);
    return { kind: "failed", error, retryable, retryAfterMs: parseRetryAfterMs(response.headers.get("retry-after")) };
  }

  private readSuccess(label: string, status: number, text: string, idempotent: boolean): AttemptOutcome {
    if (text.trim() === "") return { kind: "done", response: { status, body: undefined } };
    try {
      return { kind: "done", response: { status, body: JSON.parse(text) as unknown } };
    } catch {
      const error = jorttInvalidResponseError(label, status, "not JSON");
      return { kind: "failed", error, retryable: idempotent };
    }
  }
}
