import { createSalesforceClient, type SalesforceClient } from "../../../shared/adapters/salesforce/salesforce-client";
import type { RecordOutcome } from "../../../shared/adapters/salesforce/write-result";
import { type SalesforceSandbox, startSalesforceSandbox } from "../../../sim/salesforce";
import { clientCredentialsFor, FAST_RETRY } from "./sandbox-fixtures";

const EXT = "Jortt_Customer_Id__c";

let sandbox: SalesforceSandbox;
let client: SalesforceClient;

beforeAll(async () => {
  sandbox = await startSalesforceSandbox();
});
afterAll(async () => {
  await sandbox.close();
});
beforeEach(async () => {
  sandbox.reset();
  client = createSalesforceClient(clientCredentialsFor(sandbox), { retry: FAST_RETRY });
  await client.connect();
  sandbox.resetApiCalls();
});

function accounts(count: number, prefix = "C"): Record<string, unknown>[] {
  return Array.from({ length: count }, (_, i) => ({ [EXT]: `${prefix}-${i}`, Name: `Company ${i}` }));
}

function failure(outcome: RecordOutcome | undefined) {
  if (!outcome || outcome.ok) throw new Error(`expected a failed outcome, got ${JSON.stringify(outcome)}`);
  return outcome;
}

describe("upsertRecords", () => {
  it("450 records → 3 Collections calls (200/200/50), per-record outcomes in input order", async () => {
    const result = await client.upsertRecords("Account", EXT, accounts(450));
    expect(sandbox.apiCalls().byKind.upsert).toBe(3);
    expect(client.callCount).toBe(3);
    expect(result.stopped).toBeUndefined();
    expect(result.outcomes).toHaveLength(450);
    expect(result.outcomes.every((o) => o.ok && o.created && /^001/.test(o.id))).toBe(true);
    expect(result.outcomes.map((o) => o.key)).toEqual(accounts(450).map((r) => r[EXT]));
    const stored = sandbox.records("Account");
    expect(stored.filter((r) => typeof r[EXT] === "string" && String(r[EXT]).startsWith("C-"))).toHaveLength(450);
    // ids returned are the stored ids
    const byKey = new Map(stored.map((r) => [r[EXT], r.Id]));
    expect(result.outcomes[123]?.ok && result.outcomes[123].id).toBe(byKey.get("C-123"));
  });

  it("a second run updates (created=false), never duplicates", async () => {
    await client.upsertRecords("Account", EXT, accounts(5));
    const again = await client.upsertRecords(
      "Account",
      EXT,
      accounts(5).map((r) => ({ ...r, Name: "Renamed" })),
    );
    expect(again.outcomes.every((o) => o.ok && !o.created)).toBe(true);
    expect(sandbox.records("Account").filter((r) => r.Name === "Renamed")).toHaveLength(5);
  });

  it("empty keys are rejected individually, duplicates merged (last wins) and reported; the rest is written", async () => {
    const records = [
      { [EXT]: "D-1", Name: "first" },
      { [EXT]: "", Name: "no key" },
      { Name: "missing key" },
      { [EXT]: "d-1", Name: "last" },
      { [EXT]: "D-2", Name: "other" },
    ];
    const result = await client.upsertRecords("Account", EXT, records);
    expect(sandbox.apiCalls().byKind.upsert).toBe(1);
    expect(result.outcomes.map((o) => o.ok)).toEqual([true, false, false, true, true]);
    expect(failure(result.outcomes[1]).error).toMatchObject({ code: "UPSERT_KEY_MISSING", errorClass: "data" });
    expect(result.outcomes[0]).toMatchObject({ ok: true, supersededBy: 3 });
    expect(result.duplicates).toEqual([{ key: "d-1", indexes: [0, 3], keptIndex: 3 }]);
    const stored = sandbox.records("Account").filter((r) => String(r[EXT] ?? "").toLowerCase() === "d-1");
    expect(stored.map((r) => r.Name)).toEqual(["last"]);
  });

  it("a per-record data error does not fail the others (the promise resolving is not trusted)", async () => {
    const result = await client.upsertRecords("Account", EXT, [
      { [EXT]: "E-1", Name: "ok" },
      { [EXT]: "E-2" },
      { [EXT]: "E-3", Name: "x".repeat(300) },
      { [EXT]: "E-4", Name: "ok too" },
    ]);
    expect(result.outcomes.map((o) => o.ok)).toEqual([true, false, false, true]);
    expect(failure(result.outcomes[1]).error).toMatchObject({
      code: "REQUIRED_FIELD_MISSING",
      errorClass: "data",
      recordKey: "E-2",
    });
    expect(failure(result.outcomes[2]).error).toMatchObject({
      code: "STRING_TOO_LONG",
      errorClass: "data",
      field: "Name",
    });
    expect(failure(result.outcomes[2]).error.message).not.toContain("xxxx");
  });

  it("UNABLE_TO_LOCK_ROW is retried with backoff, re-sending only the locked records, to success", async () => {
    sandbox.setFaults({ lockRow: { next: 3, kinds: ["upsert"] } });
    const result = await client.upsertRecords("Account", EXT, accounts(10, "L"));
    expect(result.outcomes.every((o) => o.ok)).toBe(true);
    expect(sandbox.faultsFired().lockRow).toBe(3);
    // first call: 10 records, 3 locked; then only locked ones again (at most 3 more calls)
    const calls = sandbox.apiCalls().byKind.upsert;
    expect(calls).toBeGreaterThanOrEqual(2);
    expect(calls).toBeLessThanOrEqual(4);
    expect(result.outcomes.filter((o) => o.attempts > 1).length).toBeGreaterThan(0);
    expect(result.outcomes.filter((o) => o.attempts === 1)).toHaveLength(7);
    expect(sandbox.records("Account").filter((r) => String(r[EXT] ?? "").startsWith("L-"))).toHaveLength(10);
  });

  it("a lock that never clears ends as a transient per-record failure after maxAttempts", async () => {
    sandbox.setFaults({ lockRow: { rate: 1, kinds: ["upsert"] } });
    const result = await client.upsertRecords("Account", EXT, accounts(2, "P"));
    expect(sandbox.apiCalls().byKind.upsert).toBe(FAST_RETRY.maxAttempts);
    for (const outcome of result.outcomes) {
      expect(failure(outcome)).toMatchObject({
        attempts: FAST_RETRY.maxAttempts,
        error: { code: "UNABLE_TO_LOCK_ROW", errorClass: "transient" },
      });
    }
  });

  it("a 503 on the whole call is retried (jsforce never retries PATCH)", async () => {
    sandbox.setFaults({ serverUnavailable: { next: 2, kinds: ["upsert"] } });
    const result = await client.upsertRecords("Account", EXT, accounts(3, "S"));
    expect(result.outcomes.every((o) => o.ok && o.attempts === 3)).toBe(true);
    expect(client.callCount).toBe(3);
  });

  it("REQUEST_LIMIT_EXCEEDED stops the write: rate-limit, no retry, unsent chunks carry it", async () => {
    sandbox.setFaults({ requestLimit: { next: 1, kinds: ["upsert"] } });
    const result = await client.upsertRecords("Account", EXT, accounts(250, "R"));
    expect(result.stopped).toMatchObject({ code: "REQUEST_LIMIT_EXCEEDED", errorClass: "rate-limit" });
    expect(client.callCount).toBe(1);
    expect(result.outcomes.every((o) => !o.ok)).toBe(true);
    expect(result.outcomes[249]?.attempts).toBe(0);
  });

  it("an unknown external id field is a configuration error naming the field", async () => {
    const result = await client.upsertRecords("Account", "Missing_Field__c", [{ Missing_Field__c: "k", Name: "n" }]);
    const error = result.stopped ?? failure(result.outcomes[0]).error;
    expect(error.errorClass).toBe("configuration");
    expect(`${error.message} ${error.hint}`).toContain("Missing_Field__c");
  });

  it("a record carrying an Id is refused before sending", async () => {
    const result = await client.upsertRecords("Account", EXT, [{ [EXT]: "I-1", Id: "001000000000001AAA", Name: "x" }]);
    expect(failure(result.outcomes[0]).error.code).toBe("UPSERT_RECORD_HAS_ID");
    expect(client.callCount).toBe(0);
  });
});

describe("create, update and delete through Collections", () => {
  it("creates, updates by Id and deletes (already-deleted counts as deleted)", async () => {
    const created = await client.createRecords("Contact", [
      { LastName: "Doe" },
      { LastName: "Roe" },
      { FirstName: "no last" },
    ]);
    expect(created.outcomes.map((o) => o.ok)).toEqual([true, true, false]);
    expect(failure(created.outcomes[2]).error.code).toBe("REQUIRED_FIELD_MISSING");
    const ids = created.outcomes.flatMap((o) => (o.ok ? [o.id] : []));

    const updated = await client.updateRecords("Contact", [
      { Id: ids[0], LastName: "Doe-Updated" },
      { Id: "not-an-id", LastName: "x" },
      { LastName: "no id" },
    ]);
    expect(updated.outcomes.map((o) => o.ok)).toEqual([true, false, false]);
    expect(failure(updated.outcomes[1]).error.code).toBe("MALFORMED_ID");
    expect(failure(updated.outcomes[2]).error.code).toBe("RECORD_ID_MISSING");
    expect(sandbox.records("Contact").find((r) => r.Id === ids[0])?.LastName).toBe("Doe-Updated");

    const deleted = await client.deleteRecords(ids);
    expect(deleted.outcomes.every((o) => o.ok)).toBe(true);
    expect(sandbox.records("Contact").filter((r) => ids.includes(String(r.Id)))).toHaveLength(0);
    const again = await client.deleteRecords([ids[0] as string]);
    expect(again.outcomes[0]?.ok).toBe(true);
    expect(sandbox.apiCalls().byKind).toMatchObject({ create: 1, update: 1, delete: 2 });
  });

  it("update chunks at 200 per call", async () => {
    const created = await client.createRecords(
      "Contact",
      Array.from({ length: 210 }, (_, i) => ({ LastName: `L${i}` })),
    );
    expect(sandbox.apiCalls().byKind.create).toBe(2);
    const ids = created.outcomes.flatMap((o) => (o.ok ? [o.id] : []));
    const updated = await client.updateRecords(
      "Contact",
      ids.map((Id) => ({ Id, Title: "Customer" })),
    );
    expect(updated.outcomes.every((o) => o.ok)).toBe(true);
    expect(sandbox.apiCalls().byKind.update).toBe(2);
  });
});
