/**
 * Client-side throttle for Jortt (10 requests/s documented, no rate-limit headers, so we stay at
 * 8/s by default; reference/jortt-api.md §9). A sliding-window limiter: at most `limit` requests
 * start within any `windowMs`, at least `minIntervalMs` apart. One instance is shared by every concurrent caller of a client (and
 * may be shared by several clients), so parallel scans still respect the budget together.
 */
export interface JorttRateLimiter {
  /** Resolves when the caller may send one request. */
  acquire(): Promise<void>;
}

export interface SlidingWindowRateLimiterOptions {
  /** Requests allowed per window (default 8). */
  limit?: number;
  /** Window length in ms (default 1000). */
  windowMs?: number;
  /**
   * Minimum gap between two grants (default half the even spacing: 62 ms at 8/s). Spreading a
   * burst keeps network jitter from squeezing more than Jortt's 10 into one of its seconds.
   */
  minIntervalMs?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

export const DEFAULT_JORTT_REQUESTS_PER_SECOND = 8;

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class SlidingWindowRateLimiter implements JorttRateLimiter {
  private readonly limit: number;
  private readonly windowMs: number;
  private readonly minIntervalMs: number;
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  /** Start times of the most recent grants, oldest first (at most `limit`). */
  private readonly grants: number[] = [];
  /** Callers queue here so grants are handed out in arrival order. */
  private tail: Promise<void> = Promise.resolve();

  constructor(options: SlidingWindowRateLimiterOptions = {}) {
    this.limit = Math.max(1, Math.floor(options.limit ?? DEFAULT_JORTT_REQUESTS_PER_SECOND));
    this.windowMs = Math.max(1, options.windowMs ?? 1000);
    this.minIntervalMs = Math.max(0, options.minIntervalMs ?? Math.floor(this.windowMs / this.limit / 2));
    this.now = options.now ?? (() => performance.now());
    this.sleep = options.sleep ?? defaultSleep;
  }

  acquire(): Promise<void> {
    const turn = this.tail.then(() => this.waitForSlot());
    this.tail = turn.catch(() => undefined);
    return turn;
  }

  private async waitForSlot(): Promise<void> {
    for (;;) {
      const now = this.now();
      while (this.grants.length > 0 && (this.grants[0] as number) <= now - this.windowMs) this.grants.shift();
      const last = this.grants[this.grants.length - 1];
      const spacingWait = last === undefined ? 0 : last + this.minIntervalMs - now;
      if (this.grants.length < this.limit && spacingWait <= 0) {
        this.grants.push(now);
        return;
      }
      const windowWait = this.grants.length < this.limit ? 0 : (this.grants[0] as number) + this.windowMs - now;
      // +1 ms: timers may fire a hair early; the loop re-checks either way.
      await this.sleep(Math.max(windowWait, spacingWait) + 1);
    }
  }
}

/** A limiter allowing `requestsPerSecond` (default 8) requests in any one second. */
export function createJorttRateLimiter(requestsPerSecond = DEFAULT_JORTT_REQUESTS_PER_SECOND): JorttRateLimiter {
  return new SlidingWindowRateLimiter({ limit: requestsPerSecond, windowMs: 1000 });
}
