import { readAhead } from "../../../shared/use-cases/fetch/read-ahead";

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** A paged source that takes `fetchMs` per page and logs when each fetch starts. */
async function* slowPages(count: number, fetchMs: number, started: number[]): AsyncGenerator<number> {
  for (let page = 1; page <= count; page += 1) {
    started.push(page);
    await delay(fetchMs);
    yield page;
  }
}

describe("readAhead", () => {
  it("yields every item in order", async () => {
    const seen: number[] = [];
    for await (const page of readAhead(slowPages(5, 1, []))) seen.push(page);
    expect(seen).toEqual([1, 2, 3, 4, 5]);
  });

  it("fetches the next page while the current one is processed", async () => {
    const started: number[] = [];
    const begin = Date.now();
    for await (const page of readAhead(slowPages(4, 100, started))) {
      // While page N is processed, page N+1 is already being fetched.
      if (page < 4) expect(started).toContain(page + 1);
      await delay(100);
    }
    // Sequential would be 4 × (100 + 100) = 800 ms; overlapped ≈ 100 + 4 × 100 = 500 ms.
    expect(Date.now() - begin).toBeLessThan(750);
  });

  it("propagates a failing page to the consumer and closes the source when the consumer stops", async () => {
    async function* failing(): AsyncGenerator<number> {
      yield 1;
      throw new Error("page 2 failed");
    }
    const seen: number[] = [];
    await expect(
      (async () => {
        for await (const page of readAhead(failing())) seen.push(page);
      })(),
    ).rejects.toThrow("page 2 failed");
    expect(seen).toEqual([1]);

    let closed = false;
    async function* endless(): AsyncGenerator<number> {
      try {
        for (let page = 1; ; page += 1) yield page;
      } finally {
        closed = true;
      }
    }
    for await (const page of readAhead(endless())) if (page === 3) break;
    expect(closed).toBe(true);
  });
});
