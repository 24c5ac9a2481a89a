/**
 * When and how long to wait before trying a Jortt call again: exponential backoff with full jitter
 * (delay = random(0, min(max, base·2^attempt))), or the server's Retry-After when it sends one
 * (Jortt documents none, but a gateway might).
 */
export interface RetryPolicy {
  /** Total attempts including the first (default 5). */
  maxAttempts: number;
  /** Base of the exponential backoff in ms (default 500). */
  backoffBaseMs: number;
  /** Cap of one backoff delay in ms (default 20 000). */
  backoffMaxMs: number;
  /** Cap for a Retry-After value in ms (default 60 000). */
  retryAfterMaxMs: number;
  random: () => number;
  sleep: (ms: number) => Promise<void>;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 5,
  backoffBaseMs: 500,
  backoffMaxMs: 20_000,
  retryAfterMaxMs: 60_000,
  random: Math.random,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/** Statuses worth another attempt: throttled, timeouts, conflicts and server/gateway errors. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 409 || status === 429 || status >= 500;
}

/**
 * Statuses after which a non-idempotent request (a create) is known not to have been applied, so
 * repeating it cannot make a duplicate: throttled and maintenance/outage are rejected up front.
 */
export function isSafeToRepeatStatus(status: number): boolean {
  return status === 429 || status === 503;
}

/** Retry-After as delta-seconds or an HTTP date, in ms; undefined when absent or unreadable. */
export function parseRetryAfterMs(header: string | null, nowMs = Date.now()): number | undefined {
  if (header === null || header.trim() === "") return undefined;
  const value = header.trim();
  if (/^\d+(\.\d+)?$/.test(value)) return Math.round(Number(value) * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - nowMs);
}

/** Delay before attempt `attempt + 1` (attempt counts from 1). */
export function backoffDelayMs(policy: RetryPolicy, attempt: number, retryAfterMs?: number): number {
  if (retryAfterMs !== undefined) return Math.min(retryAfterMs, policy.retryAfterMaxMs);
  const ceiling = Math.min(policy.backoffMaxMs, policy.backoffBaseMs * 2 ** (attempt - 1));
  return Math.floor(policy.random() * ceiling);
}
