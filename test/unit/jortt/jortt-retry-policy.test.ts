import {
  backoffDelayMs,
  DEFAULT_RETRY_POLICY,
  isRetryableStatus,
  isSafeToRepeatStatus,
  parseRetryAfterMs,
} from "../../../shared/adapters/jortt/jortt-retry-policy";

describe("retry policy", () => {
  it("retries throttling, conflicts and server errors only", () => {
    expect([429, 500, 502, 503, 504, 409, 408].every(isRetryableStatus)).toBe(true);
    expect([400, 401, 403, 404, 405, 422].some(isRetryableStatus)).toBe(false);
    expect(isSafeToRepeatStatus(429)).toBe(true);
    expect(isSafeToRepeatStatus(503)).toBe(true);
    expect(isSafeToRepeatStatus(502)).toBe(false);
    expect(isSafeToRepeatStatus(500)).toBe(false);
  });

  it("uses full jitter under an exponential ceiling, capped", () => {
    const policy = { ...DEFAULT_RETRY_POLICY, backoffBaseMs: 100, backoffMaxMs: 1_000 };
    expect(backoffDelayMs({ ...policy, random: () => 0.999 }, 1)).toBe(99);
    expect(backoffDelayMs({ ...policy, random: () => 0.999 }, 3)).toBe(399);
    expect(backoffDelayMs({ ...policy, random: () => 0.999 }, 10)).toBe(999);
    expect(backoffDelayMs({ ...policy, random: () => 0 }, 10)).toBe(0);
  });

  it("prefers Retry-After when present, capped", () => {
    const policy = { ...DEFAULT_RETRY_POLICY, retryAfterMaxMs: 5_000 };
    expect(backoffDelayMs(policy, 1, 2_000)).toBe(2_000);
    expect(backoffDelayMs(policy, 1, 60_000)).toBe(5_000);
  });

  it("reads Retry-After as seconds or an HTTP date", () => {
    expect(parseRetryAfterMs("2")).toBe(2_000);
    expect(parseRetryAfterMs("0.5")).toBe(500);
    const now = Date.parse("2024-01-01T00:00:00Z");
    expect(parseRetryAfterMs("Mon, 01 Jan 2024 00:00:03 GMT", now)).toBe(3_000);
    expect(parseRetryAfterMs(null)).toBeUndefined();
    expect(parseRetryAfterMs("soon")).toBeUndefined();
  });
});
