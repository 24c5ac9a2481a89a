import { isJorttApiError } from "../../../shared/adapters/jortt/jortt-errors";
import { generateJorttDemoData, type JorttSandbox, startJorttSandbox } from "../../../sim/jortt";
import { caught, clientFor } from "./sandbox-client";

describe("JorttClient ↔ sandbox: retries and typed errors", () => {
  let sandbox: JorttSandbox;
  const data = generateJorttDemoData({ seed: 21, customers: 3, invoices: 250 });
  const invoiceId = data.invoices[0]?.id as string;

  beforeAll(async () => {
    sandbox = await startJorttSandbox({ data, rateLimitPerSecond: null });
  });
  afterAll(() => sandbox.close());
  beforeEach(() => sandbox.reset());

  it.each([
    ["429 request.throttled", { status: 429 as const }],
    ["503 server.maintenance", { status: 503 as const }],
    ["HTML 502 from the gateway", { status: 502 as const, html: true }],
    ["500 server.internal_error", { status: 500 as const }],
  ])("retries a %s and succeeds", async (_name, fault) => {
    sandbox.setFaults({ failNext: [fault, fault] });
    const client = clientFor(sandbox);
    const invoice = await client.getInvoice(invoiceId);
    expect(invoice.id).toBe(invoiceId);
    expect(client.requestCount).toBe(3);
    expect(sandbox.stats().faultsInjected).toBe(2);
  });

  it("gives up after the configured attempts with a typed transient error", async () => {
    sandbox.setFaults({ rate503: 1 });
    const client = clientFor(sandbox, { maxAttempts: 3 });
    const error = await caught(() => client.getInvoice(invoiceId));
    expect(isJorttApiError(error)).toBe(true);
    if (!isJorttApiError(error)) return;
    expect(error.errorClass).toBe("transient");
    expect(error.retryable).toBe(true);
    expect(error.status).toBe(503);
    expect(error.jorttKey).toBe("server.maintenance");
    expect(error.recordKey).toBe(`invoice:${invoiceId}`);
    expect(client.requestCount).toBe(3);
  });

  it("gives up on repeated HTML 502s without choking on the body", async () => {
    sandbox.setFaults({ rateHtml502: 1 });
    const client = clientFor(sandbox, { maxAttempts: 2 });
    const error = await caught(() => client.getInvoice(invoiceId));
    expect(isJorttApiError(error) && error.code).toBe("http.502");
    expect(client.requestCount).toBe(2);
  });

  it("survives random faults during a whole scan (seeded)", async () => {
    sandbox.setFaults({ rate429: 0.15, rate503: 0.1, rateHtml502: 0.1, seed: 99 });
    const client = clientFor(sandbox, { maxAttempts: 8 });
    let count = 0;
    for await (const page of client.invoicePages()) count += page.records.length;
    expect(count).toBe(250);
    expect(sandbox.stats().faultsInjected).toBeGreaterThan(0);
    expect(client.requestCount).toBe(3 + sandbox.stats().faultsInjected);
  });

  it("honours Retry-After when a gateway sends one", async () => {
    sandbox.setFaults({ failNext: [{ status: 429, retryAfterSeconds: 1 }] });
    const slept: number[] = [];
    const client = clientFor(sandbox, {
      sleep: async (ms) => {
        slept.push(ms);
      },
    });
    await client.getInvoice(invoiceId);
    expect(slept).toEqual([1_000]);
  });

  it("backs off exponentially with full jitter between attempts", async () => {
    sandbox.setFaults({ rate503: 1 });
    const slept: number[] = [];
    const client = clientFor(sandbox, {
      maxAttempts: 4,
      backoffBaseMs: 100,
      backoffMaxMs: 10_000,
      random: () => 0.5,
      sleep: async (ms) => {
        slept.push(ms);
      },
    });
    await caught(() => client.getInvoice(invoiceId));
    expect(slept).toEqual([50, 100, 200]);
  });

  it("does not repeat a create after an ambiguous 502, but does after 429", async () => {
    const client = clientFor(sandbox);
    sandbox.setFaults({ failNext: [{ status: 502, html: true }] });
    const error = await caught(() => client.createInvoice({ reference: "no-dup" }));
    expect(isJorttApiError(error) && error.errorClass).toBe("transient");
    expect(client.requestCount).toBe(1);

    sandbox.setFaults({ failNext: [{ status: 429 }] });
    const { id } = await client.createInvoice({ reference: "after-429" });
    expect(client.requestCount).toBe(3);
    expect(sandbox.store.invoices.get(id)?.reference).toBe("after-429");
    sandbox.store.deleteInvoice(id);
  });

  it("does not retry 422 or 404, and types them as data errors", async () => {
    const client = clientFor(sandbox);
    const invalid = await caught(() => client.getCustomer("999"));
    expect(isJorttApiError(invalid)).toBe(true);
    if (!isJorttApiError(invalid)) return;
    expect(invalid.status).toBe(422);
    expect(invalid.jorttKey).toBe("params.invalid");
    expect(invalid.errorClass).toBe("data");
    expect(invalid.details).toEqual([{ key: "is_invalid", param: "customer_id", message: "is invalid" }]);
    expect(invalid.recordKey).toBe("customer:999");

    const missing = await caught(() => client.getInvoice("00000000-0000-4000-8000-000000000000"));
    expect(isJorttApiError(missing) && missing.jorttKey).toBe("resource.not_found");
    expect(isJorttApiError(missing) && missing.errorClass).toBe("data");
    expect(client.requestCount).toBe(2);
  });

  it("treats a refused connection as transient and retries it", async () => {
    const closed = await startJorttSandbox();
    const { url, tokenUrl } = closed;
    await closed.close();
    const client = clientFor(sandbox, { baseUrl: url, tokenUrl, maxAttempts: 2 });
    const error = await caught(() => client.getInvoice(invoiceId));
    expect(isJorttApiError(error) && error.code).toBe("network.error");
    expect(isJorttApiError(error) && error.errorClass).toBe("transient");
    expect(client.tokenRequestCount).toBe(2);
  });

  it("times out a hanging request as transient", async () => {
    sandbox.setFaults({ latencyMs: 400 });
    const client = clientFor(sandbox, { timeoutMs: 100, maxAttempts: 1 });
    // Token first (the token endpoint has no injected latency), then the slow call.
    const error = await caught(() => client.getInvoice(invoiceId));
    expect(isJorttApiError(error) && error.code).toBe("network.timeout");
  });
});
