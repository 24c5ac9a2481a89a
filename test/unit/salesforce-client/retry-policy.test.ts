import { backoffDelayMs, withRetry } from "../../../shared/adapters/salesforce/retry-policy";

describe("backoffDelayMs", () => {
  const policy = { maxAttempts: 5, baseDelayMs: 100, maxDelayMs: 1_000 };
  it("doubles per attempt with jitter in [half, full] and is capped", () => {
    expect(backoffDelayMs(1, { ...policy, random: () => 0 })).toBe(50);
    expect(backoffDelayMs(1, { ...policy, random: () => 1 })).toBe(100);
    expect(backoffDelayMs(3, { ...policy, random: () => 1 })).toBe(400);
    expect(backoffDelayMs(10, { ...policy, random: () => 1 })).toBe(1_000);
    expect(backoffDelayMs(10, { ...policy, random: () => 0 })).toBe(500);
  });
});

describe("withRetry", () => {
  const fast = { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 1 };
  it("retries while allowed and bounded", async () => {
    let attempts = 0;
    await expect(
      withRetry(
        async () => {
          attempts += 1;
          throw new Error("nope");
        },
        fast,
        () => true,
      ),
    ).rejects.toThrow("nope");
    expect(attempts).toBe(3);
  });
  it("stops at once when the error is not retryable, and returns a success", async () => {
    let attempts = 0;
    await expect(
      withRetry(
        async () => {
          attempts += 1;
          throw new Error("fatal");
        },
        fast,
        () => false,
      ),
    ).rejects.toThrow("fatal");
    expect(attempts).toBe(1);
    await expect(
      withRetry(
        async (attempt) => (attempt < 2 ? Promise.reject(new Error("x")) : "ok"),
        fast,
        () => true,
      ),
    ).resolves.toBe("ok");
  });
});
