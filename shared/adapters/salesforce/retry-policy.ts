/** Bounded exponential backoff with jitter for the client's own retries (jsforce never retries writes). */
export interface RetryPolicy {
  /** Attempts in total, the first one included. */
  maxAttempts: number;
  /** Delay before the second attempt; doubles each time. Tests set it to a few ms. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** Injected for tests; defaults to Math.random. */
  random?: () => number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 4, baseDelayMs: 500, maxDelayMs: 8_000 };

/**
 * Delay after the `attempt`-th failed attempt (1-based): base·2^(attempt-1), capped, with "equal
 * jitter" (half fixed, half random) so parallel Lambdas that hit the same row lock spread out.
 */
export function backoffDelayMs(attempt: number, policy: RetryPolicy): number {
  const exponential = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  const random = (policy.random ?? Math.random)();
  return Math.round(exponential / 2 + (exponential / 2) * random);
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Runs `operation` until it succeeds, `shouldRetry` says no, or the attempts are used up. */
export async function withRetry<T>(
  operation: (attempt: number) => Promise<T>,
  policy: RetryPolicy,
  shouldRetry: (error: unknown, attempt: number) => boolean,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await operation(attempt);
    } catch (error) {
      if (attempt >= policy.maxAttempts || !shouldRetry(error, attempt)) throw error;
      await sleep(backoffDelayMs(attempt, policy));
    }
  }
}
