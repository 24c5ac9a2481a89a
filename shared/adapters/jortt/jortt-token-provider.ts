import { z } from "zod";
import { SyncError } from "../../errors/sync-error";
import { logger } from "../../observability/logger";
import { jorttNetworkError } from "./jortt-errors";
import type { JorttRateLimiter } from "./jortt-rate-limiter";
import { backoffDelayMs, isRetryableStatus, parseRetryAfterMs, type RetryPolicy } from "./jortt-retry-policy";

/**
 * OAuth2 client-credentials tokens for Jortt (reference/jortt-api.md §2): id and secret as HTTP
 * Basic, form body `grant_type=client_credentials&scope=…`, 7200 s lifetime, no refresh token.
 * The token is cached until shortly before it expires; concurrent callers share one request.
 */
const TokenResponseSchema = z.looseObject({
  access_token: z.string().min(1),
  token_type: z.string().optional(),
  expires_in: z.number().positive().optional(),
  scope: z.string().optional(),
});

/** OAuth2 error body (RFC 6749 §5.2), e.g. `{"error":"invalid_client"}`. */
const OAuthErrorSchema = z.looseObject({ error: z.string(), error_description: z.string().optional() });

export interface JorttTokenProviderOptions {
  clientId: string;
  clientSecret: string;
  tokenUrl: string;
  scopes: readonly string[];
  timeoutMs: number;
  retry: RetryPolicy;
  rateLimiter: JorttRateLimiter;
  fetch: typeof fetch;
  now?: () => number;
}

/** Assumed lifetime when the response omits `expires_in`. */
const DEFAULT_LIFETIME_SECONDS = 7200;

interface CachedToken {
  value: string;
  refreshAtMs: number;
}

export class JorttTokenProvider {
  private cached: CachedToken | undefined;
  private pending: Promise<string> | undefined;
  private requests = 0;
  private readonly now: () => number;

  constructor(private readonly options: JorttTokenProviderOptions) {
    this.now = options.now ?? Date.now;
  }

  /** How many token requests were sent (each attempt counts). */
  get requestCount(): number {
    return this.requests;
  }

  /** A valid access token, from cache when it has enough life left. */
  async getToken(): Promise<string> {
    if (this.cached && this.now() < this.cached.refreshAtMs) return this.cached.value;
    this.pending ??= this.fetchToken().finally(() => {
      this.pending = undefined;
    });
    return this.pending;
  }

  /** Drops `token` after Jortt called it expired/invalid; a newer token is kept. */
  invalidate(token: string): void {
    if (this.cached?.value === token) this.cached = undefined;
  }

  private async fetchToken(): Promise<string> {
    const { retry } = this.options;
    for (let attempt = 1; ; attempt += 1) {
      const outcome = await this.requestOnce();
      if (outcome.kind === "token") {
        this.cached = outcome.token;
        return outcome.token.value;
      }
      if (!outcome.retryable || attempt >= retry.maxAttempts) throw outcome.error;
      const delay = backoffDelayMs(retry, attempt, outcome.retryAfterMs);
      logger.debug("Jortt token request failed; retrying", { attempt, delayMs: delay, code: outcome.error.code });
      await retry.sleep(delay);
    }
  }

  private async requestOnce(): Promise<
    | { kind: "token"; token: CachedToken }
    | { kind: "error"; error: SyncError; retryable: boolean; retryAfterMs?: number }
  > {
    const { clientId, clientSecret, tokenUrl, scopes, timeoutMs } = this.options;
    const body = new URLSearchParams({ grant_type: "client_credentials" });
    if (scopes.length > 0) body.set("scope", scopes.join(" "));
    // Plain `id:secret` like Jortt's own gem (oauth2 gem); not form-encoded first.
    const basic = Buffer.from(`${clientId}:${clientSecret}`).toString("base64");
    await this.options.rateLimiter.acquire();
    this.requests += 1;
    const startedAt = this.now();
    let response: Response;
    let text: string;
    try {
      response = await this.options.fetch(tokenUrl, {
        method: "POST",
        headers: {
          authorization: `Basic ${basic}`,
          "content-type": "application/x-www-form-urlencoded",
          accept: "application/json",
        },
        body: body.toString(),
        signal: AbortSignal.timeout(timeoutMs),
      });
      text = await response.text();
    } catch (cause) {
      const error = jorttNetworkError("POST token", cause);
      return { kind: "error", error, retryable: true };
    }
    if (response.ok) return this.readToken(text, startedAt, response.status);
    return {
      kind: "error",
      error: tokenHttpError(response.status, text),
      retryable: isRetryableStatus(response.status),
      retryAfterMs: parseRetryAfterMs(response.headers.get("retry-after")),
    };
  }

  private readToken(
    text: string,
    startedAt: number,
    status: number,
  ): { kind: "token"; token: CachedToken } | { kind: "error"; error: SyncError; retryable: boolean } {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    const parsed = TokenResponseSchema.safeParse(json);
    if (!parsed.success) {
      const error = new SyncError(`Jortt token endpoint returned HTTP ${status} without an access token`, {
        code: "token.response_invalid",
        errorClass: "transient",
        source: "jortt",
        status,
        hint: "Check JORTT_TOKEN_URL (default https://app.jortt.nl/oauth-provider/oauth/token).",
      });
      return { kind: "error", error, retryable: true };
    }
    const lifetimeMs = (parsed.data.expires_in ?? DEFAULT_LIFETIME_SECONDS) * 1000;
    // Renew early (10 % of the lifetime, at most 5 min) so a token never expires mid-request.
    const marginMs = Math.min(300_000, lifetimeMs / 10);
    return {
      kind: "token",
      token: { value: parsed.data.access_token, refreshAtMs: startedAt + lifetimeMs - marginMs },
    };
  }
}

function tokenHttpError(status: number, text: string): SyncError {
  let oauthError: string | undefined;
  try {
    const parsed = OAuthErrorSchema.safeParse(JSON.parse(text));
    if (parsed.success) oauthError = parsed.data.error;
  } catch {
    oauthError = undefined;
  }
  if (isRetryableStatus(status)) {
    return new SyncError(`Jortt token endpoint failed with HTTP ${status}`, {
      code: status === 429 ? "request.throttled" : `http.${status}`,
      errorClass: "transient",
      source: "jortt",
      status,
    });
  }
  const hint =
    oauthError === "invalid_scope"
      ? "The requested scopes exceed what the Jortt app is registered for: register them or request fewer."
      : "Jortt rejected the client credentials: check JORTT_CLIENT_ID and JORTT_CLIENT_SECRET (sent as HTTP Basic).";
  return new SyncError(`Jortt token request refused with HTTP ${status}${oauthError ? ` (${oauthError})` : ""}`, {
    code: oauthError ? `oauth.${oauthError}` : `http.${status}`,
    errorClass: "configuration",
    source: "jortt",
    status,
    hint,
  });
}
