import { salesforceError } from "../../../shared/adapters/salesforce/classify-salesforce-error";
import { type WriteItem, writeCollection } from "../../../shared/adapters/salesforce/collection-write";
import type { RetryPolicy } from "../../../shared/adapters/salesforce/retry-policy";

const fast: RetryPolicy = { maxAttempts: 4, baseDelayMs: 1, maxDelayMs: 2 };

type Payload = { Ext__c: string };

function items(count: number): WriteItem<Payload>[] {
  return Array.from({ length: count }, (_, i) => ({ key: `K${i}`, payload: { Ext__c: `K${i}` } }));
}

const ok = (p: Payload) => ({ id: `001${p.Ext__c}`, success: true, created: true, errors: [] });
const fail = (statusCode: string, fields: string[] = []) => ({
  success: false,
  errors: [{ statusCode, message: `${statusCode} message`, fields }],
});

describe("writeCollection", () => {
  it("sends ≤200 per call: 450 items → 3 calls of 200, 200, 50; outcomes aligned", async () => {
    const sizes: number[] = [];
    const result = await writeCollection(
      items(450),
      {
        idempotent: true,
        sendChunk: async (payloads) => {
          sizes.push(payloads.length);
          return payloads.map(ok);
        },
      },
      fast,
    );
    expect(sizes).toEqual([200, 200, 50]);
    expect(result.stopped).toBeUndefined();
    expect(result.outcomes).toHaveLength(450);
    expect(result.outcomes[449]).toEqual({ ok: true, id: "001K449", created: true, attempts: 1 });
  });

  it("never trusts the resolved call: per-record failures become data errors with the field", async () => {
    const result = await writeCollection(
      items(3),
      {
        object: "Account",
        idempotent: true,
        sendChunk: async (payloads) => payloads.map((p, i) => (i === 1 ? fail("STRING_TOO_LONG", ["Name"]) : ok(p))),
      },
      fast,
    );
    expect(result.outcomes.map((o) => o.ok)).toEqual([true, false, true]);
    const failed = result.outcomes[1];
    if (failed?.ok !== false) throw new Error("expected a failure");
    expect(failed.error).toMatchObject({ code: "STRING_TOO_LONG", errorClass: "data", field: "Name", recordKey: "K1" });
    expect(failed.attempts).toBe(1);
  });

  it("re-sends only the locked records, with backoff, until they succeed", async () => {
    const sent: string[][] = [];
    const result = await writeCollection(
      items(4),
      {
        idempotent: true,
        sendChunk: async (payloads) => {
          sent.push(payloads.map((p) => p.Ext__c));
          return payloads.map((p) => (sent.length < 3 && p.Ext__c === "K2" ? fail("UNABLE_TO_LOCK_ROW") : ok(p)));
        },
      },
      fast,
    );
    expect(sent).toEqual([["K0", "K1", "K2", "K3"], ["K2"], ["K2"]]);
    expect(result.outcomes.every((o) => o.ok)).toBe(true);
    expect(result.outcomes[2]?.attempts).toBe(3);
  });

  it("gives up on a lock after maxAttempts and reports it as transient", async () => {
    let calls = 0;
    const result = await writeCollection(
      items(1),
      {
        idempotent: true,
        sendChunk: async () => {
          calls += 1;
          return [fail("UNABLE_TO_LOCK_ROW")];
        },
      },
      fast,
    );
    expect(calls).toBe(4);
    expect(result.outcomes[0]).toMatchObject({
      ok: false,
      attempts: 4,
      error: { code: "UNABLE_TO_LOCK_ROW", errorClass: "transient" },
    });
  });

  it("retries DUPLICATE_VALUE exactly once (a concurrent create resolves as an update)", async () => {
    let calls = 0;
    const result = await writeCollection(
      items(1),
      {
        idempotent: true,
        sendChunk: async () => {
          calls += 1;
          return [fail("DUPLICATE_VALUE")];
        },
      },
      fast,
    );
    expect(calls).toBe(2);
    expect(result.outcomes[0]).toMatchObject({ ok: false, error: { code: "DUPLICATE_VALUE", errorClass: "data" } });
  });

  it("re-sends a whole call that failed transiently (idempotent writes)", async () => {
    let calls = 0;
    const result = await writeCollection(
      items(2),
      {
        idempotent: true,
        sendChunk: async (payloads) => {
          calls += 1;
          if (calls === 1) throw salesforceError("ECONNRESET", { scope: "call" }, { detail: "reset" });
          return payloads.map(ok);
        },
      },
      fast,
    );
    expect(calls).toBe(2);
    expect(result.outcomes.map((o) => o.attempts)).toEqual([2, 2]);
  });

  it("a non-idempotent create is not re-sent after an ambiguous failure (reset), but is after a refused connection", async () => {
    let calls = 0;
    const ambiguous = await writeCollection(
      items(1),
      {
        idempotent: false,
        sendChunk: async () => {
          calls += 1;
          throw salesforceError("ECONNRESET", { scope: "call" }, { detail: "reset" });
        },
      },
      fast,
    );
    expect(calls).toBe(1);
    expect(ambiguous.stopped?.code).toBe("ECONNRESET");
    calls = 0;
    const refused = await writeCollection(
      items(1),
      {
        idempotent: false,
        sendChunk: async (payloads) => {
          calls += 1;
          if (calls === 1) throw salesforceError("ECONNREFUSED", { scope: "call" }, { detail: "refused" });
          return payloads.map(ok);
        },
      },
      fast,
    );
    expect(refused.outcomes[0]?.ok).toBe(true);
  });

  it("stops at a rate-limit error: later chunks are not sent and carry that error", async () => {
    let calls = 0;
    const result = await writeCollection(
      items(450),
      {
        idempotent: true,
        sendChunk: async (payloads) => {
          calls += 1;
          if (calls === 2) throw salesforceError("REQUEST_LIMIT_EXCEEDED", { scope: "call" }, { detail: "limit" });
          return payloads.map(ok);
        },
      },
      fast,
    );
    expect(calls).toBe(2);
    expect(result.stopped).toMatchObject({ code: "REQUEST_LIMIT_EXCEEDED", errorClass: "rate-limit" });
    expect(result.outcomes.slice(0, 200).every((o) => o.ok)).toBe(true);
    expect(result.outcomes[200]).toMatchObject({ ok: false, attempts: 1 });
    expect(result.outcomes[449]).toMatchObject({ ok: false, attempts: 0, error: { code: "REQUEST_LIMIT_EXCEEDED" } });
  });

  it("a body that is not one result per record is retried as an unexpected response, then reported", async () => {
    let calls = 0;
    const result = await writeCollection(
      items(2),
      {
        idempotent: true,
        sendChunk: async () => {
          calls += 1;
          return calls < 3 ? [{ success: true, id: "001x", errors: [] }] : "<html>maintenance</html>";
        },
      },
      { ...fast, maxAttempts: 3 },
    );
    expect(calls).toBe(3);
    expect(result.stopped).toMatchObject({ code: "UNEXPECTED_RESPONSE", errorClass: "transient" });
  });

  it("acceptFailure turns an 'already done' error into success", async () => {
    const result = await writeCollection(
      items(1),
      { idempotent: true, acceptFailure: () => true, sendChunk: async () => [fail("ENTITY_IS_DELETED")] },
      fast,
    );
    expect(result.outcomes[0]).toMatchObject({ ok: true, id: "K0" });
  });
});
