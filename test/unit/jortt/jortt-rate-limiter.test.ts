import { SlidingWindowRateLimiter } from "../../../shared/adapters/jortt/jortt-rate-limiter";

/** A manual clock: sleeping advances time, so the limiter's schedule is observable exactly. */
function manualClock() {
  let now = 0;
  return {
    now: () => now,
    sleep: async (ms: number) => {
      now += ms;
    },
  };
}

function maxInAnyWindow(times: number[], windowMs: number): number {
  let max = 0;
  for (let i = 0; i < times.length; i += 1) {
    const start = times[i] as number;
    const count = times.filter((t) => t >= start && t < start + windowMs).length;
    max = Math.max(max, count);
  }
  return max;
}

describe("SlidingWindowRateLimiter", () => {
  it("lets a burst of 8 through (no spacing), then holds the rest to 8 per second", async () => {
    const clock = manualClock();
    const limiter = new SlidingWindowRateLimiter({ limit: 8, windowMs: 1000, minIntervalMs: 0, ...clock });
    const grants: number[] = [];
    await Promise.all(Array.from({ length: 25 }, () => limiter.acquire().then(() => grants.push(clock.now()))));
    expect(grants).toHaveLength(25);
    expect(grants.slice(0, 8).every((t) => t === 0)).toBe(true);
    expect(grants[8]).toBeGreaterThanOrEqual(1000);
    expect(maxInAnyWindow(grants, 1000)).toBe(8);
    expect(grants[24]).toBeGreaterThanOrEqual(3000);
  });

  it("spaces grants by default so a burst cannot bunch up downstream", async () => {
    const clock = manualClock();
    const limiter = new SlidingWindowRateLimiter({ limit: 8, windowMs: 1000, ...clock });
    const grants: number[] = [];
    await Promise.all(Array.from({ length: 17 }, () => limiter.acquire().then(() => grants.push(clock.now()))));
    for (let i = 1; i < grants.length; i += 1)
      expect((grants[i] as number) - (grants[i - 1] as number)).toBeGreaterThanOrEqual(62);
    expect(maxInAnyWindow(grants, 1000)).toBeLessThanOrEqual(8);
    expect(grants[16]).toBeLessThan(2_600); // still 8 per second overall
  });

  it("grants in arrival order for concurrent callers", async () => {
    const clock = manualClock();
    const limiter = new SlidingWindowRateLimiter({ limit: 2, windowMs: 100, ...clock });
    const order: number[] = [];
    await Promise.all([0, 1, 2, 3, 4].map((i) => limiter.acquire().then(() => order.push(i))));
    expect(order).toEqual([0, 1, 2, 3, 4]);
  });

  it("does not wait when requests are already spaced out", async () => {
    const clock = manualClock();
    const limiter = new SlidingWindowRateLimiter({ limit: 1, windowMs: 100, ...clock });
    await limiter.acquire();
    await clock.sleep(150);
    const before = clock.now();
    await limiter.acquire();
    expect(clock.now()).toBe(before);
  });
});
