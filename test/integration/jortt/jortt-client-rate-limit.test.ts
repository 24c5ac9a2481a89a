import { generateJorttDemoData, type JorttSandbox, startJorttSandbox } from "../../../sim/jortt";
import { clientFor } from "./sandbox-client";

/** The most timestamps within any window of `windowMs` starting at one of them. */
function maxInAnyWindow(times: readonly number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let max = 0;
  let start = 0;
  for (let end = 0; end < sorted.length; end += 1) {
    while ((sorted[end] as number) - (sorted[start] as number) >= windowMs) start += 1;
    max = Math.max(max, end - start + 1);
  }
  return max;
}

describe("JorttClient ↔ sandbox: client-side rate limit", () => {
  let sandbox: JorttSandbox;
  const data = generateJorttDemoData({ seed: 31, customers: 30, invoices: 0 });

  beforeAll(async () => {
    // Jortt's own limit (10/s per token) is on: the client must never trip it.
    sandbox = await startJorttSandbox({ data });
  });
  afterAll(() => sandbox.close());

  it("holds the default to at most 8 requests per second across concurrent callers", async () => {
    const started: number[] = [];
    const timingFetch: typeof fetch = (input, init) => {
      started.push(performance.now());
      return fetch(input, init);
    };
    // Default limiter (8/s); backoff kept short in case the shared CI box delays anything.
    const client = clientFor(sandbox, { maxRequestsPerSecond: undefined, fetch: timingFetch });
    const ids = data.customers.slice(0, 20).map((customer) => customer.id);
    const begin = performance.now();
    // 20 concurrent callers sharing one client: 1 token request + 20 API requests.
    await Promise.all(ids.map((id) => client.getCustomer(id)));
    const elapsed = performance.now() - begin;

    expect(started).toHaveLength(21);
    expect(maxInAnyWindow(started, 1_000)).toBeLessThanOrEqual(8);
    // 21 requests at 8/s need at least two full windows after the first burst.
    expect(elapsed).toBeGreaterThanOrEqual(1_990);
    expect(sandbox.stats().byStatus["429"] ?? 0).toBe(0);
  });

  it("shares one limiter between clients when given one", async () => {
    const { createJorttRateLimiter } = await import("../../../shared/adapters/jortt/jortt-rate-limiter");
    const limiter = createJorttRateLimiter(4);
    const started: number[] = [];
    const timingFetch: typeof fetch = (input, init) => {
      started.push(performance.now());
      return fetch(input, init);
    };
    const a = clientFor(sandbox, { rateLimiter: limiter, fetch: timingFetch });
    const b = clientFor(sandbox, { rateLimiter: limiter, fetch: timingFetch });
    const ids = data.customers.slice(0, 4).map((customer) => customer.id);
    await Promise.all([...ids.map((id) => a.getCustomer(id)), ...ids.map((id) => b.getCustomer(id))]);
    expect(started).toHaveLength(10);
    expect(maxInAnyWindow(started, 1_000)).toBeLessThanOrEqual(4);
  });

  it("the sandbox enforces Jortt's 10/s per token with request.throttled", async () => {
    const token = await fetch(sandbox.tokenUrl, {
      method: "POST",
      headers: {
        authorization: `Basic ${Buffer.from(`${sandbox.clientId}:${sandbox.clientSecret}`).toString("base64")}`,
        "content-type": "application/x-www-form-urlencoded",
      },
      body: "grant_type=client_credentials",
    }).then(async (response) => ((await response.json()) as { access_token: string }).access_token);
    const responses = await Promise.all(
      Array.from({ length: 14 }, () =>
        fetch(`${sandbox.url}/customers`, { headers: { authorization: `Bearer ${token}` } }).then(async (response) => ({
          status: response.status,
          body: (await response.json()) as { error?: { key: string; code: number } },
        })),
      ),
    );
    const throttled = responses.filter((response) => response.status === 429);
    expect(throttled.length).toBeGreaterThanOrEqual(4);
    expect(throttled[0]?.body.error).toMatchObject({ code: 429, key: "request.throttled" });
  });
});
