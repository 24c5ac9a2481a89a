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
  it("lets the first 8 through at once, then holds the rest to 8 per second", async () => {
    const clock = manualClock();
    const limiter = new SlidingWindowRateLimiter({ limit: 8, windowMs: 1000, ...clock });
    const grants: number[] = [];
    await Promise.all(
      Array.from({ length: 25 }, () => limiter.acquire().then(() => grants.push(clock.now()))),
    );
    expect(grants).toHaveLength(25);
    expect(grants.slice(0, 8).every((t) => t === 0)).toBe(true);
    expect(grants[8]).toBeGreaterThanOrEqual(1000);
    expect(maxInAnyWindow(grants, 1000)).toBe(8);
    expect(grants[24]).toBeGreaterThanOrEqual(3000);
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
