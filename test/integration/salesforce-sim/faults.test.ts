import type { Connection } from "jsforce";
import { type SalesforceSandbox, startSalesforceSandbox } from "../../../sim/salesforce";
import { caught, connectWithClientCredentials } from "./sandbox-connection";

type SaveResult = { id?: string; success: boolean; errors: Array<{ statusCode: string; message: string }> };

describe("Salesforce sandbox: fault injection", () => {
  let sandbox: SalesforceSandbox;
  let conn: Connection;

  beforeAll(async () => {
    sandbox = await startSalesforceSandbox();
    conn = await connectWithClientCredentials(sandbox);
  });

  afterAll(async () => {
    await sandbox.close();
  });

  beforeEach(() => sandbox.reset());

  const accounts = (count: number, prefix = "C") =>
    Array.from({ length: count }, (_, index) => ({ Name: `N${index}`, Jortt_Customer_Id__c: `${prefix}-${index}` }));

  it("fails the next N records with UNABLE_TO_LOCK_ROW inside a Collections result", async () => {
    sandbox.setFaults({ lockRow: { next: 2 } });
    const results = (await conn
      .sobject("Account")
      .upsert(accounts(4), "Jortt_Customer_Id__c")) as unknown as SaveResult[];
    expect(results.map((result) => result.errors[0]?.statusCode ?? "ok")).toEqual([
      "UNABLE_TO_LOCK_ROW",
      "UNABLE_TO_LOCK_ROW",
      "ok",
      "ok",
    ]);
    expect(sandbox.records("Account")).toHaveLength(2);
    expect(sandbox.faultsFired()).toEqual({ lockRow: 2 });
  });

  it("answers a locked single-record write with 400 UNABLE_TO_LOCK_ROW", async () => {
    sandbox.setFaults({ lockRow: { next: 1 } });
    const error = await caught(conn.sobject("Account").create({ Name: "Locked" }));
    expect(error.errorCode).toBe("UNABLE_TO_LOCK_ROW");
    await expect(conn.sobject("Account").create({ Name: "Free" })).resolves.toMatchObject({ success: true });
  });

  it("draws lock faults from a seeded rate, reproducibly", async () => {
    const failures = async () => {
      sandbox.reset();
      sandbox.setFaults({ seed: 42, lockRow: { rate: 0.3 } });
      const results = (await conn
        .sobject("Account")
        .upsert(accounts(100), "Jortt_Customer_Id__c")) as unknown as SaveResult[];
      return results.map((result, index) => (result.success ? -1 : index)).filter((index) => index >= 0);
    };
    const first = await failures();
    const second = await failures();
    expect(first).toEqual(second);
    expect(first.length).toBeGreaterThan(10);
    expect(first.length).toBeLessThan(50);
  });

  it("answers 503 to a write, which jsforce does not retry", async () => {
    sandbox.setFaults({ serverUnavailable: { next: 1, kinds: ["upsert"] } });
    const error = await caught(conn.sobject("Account").upsert(accounts(1), "Jortt_Customer_Id__c"));
    expect(error.errorCode).toBe("SERVER_UNAVAILABLE");
    expect(sandbox.records("Account")).toHaveLength(0);
    expect(sandbox.apiCalls().total).toBe(0);
  });

  it("answers 403 REQUEST_LIMIT_EXCEEDED on demand", async () => {
    sandbox.setFaults({ requestLimit: { next: 1 } });
    expect((await caught(conn.query("SELECT Id FROM Account"))).errorCode).toBe("REQUEST_LIMIT_EXCEEDED");
    await expect(conn.query("SELECT Id FROM Account")).resolves.toMatchObject({ totalSize: 0 });
  });

  it("adds latency to every call", async () => {
    sandbox.setLatency(80);
    const started = Date.now();
    await conn.query("SELECT Id FROM Account");
    await conn.query("SELECT Id FROM Account");
    expect(Date.now() - started).toBeGreaterThanOrEqual(160);
    sandbox.setLatency(0);
  });

  it("is driven over the control API as well", async () => {
    const put = await fetch(`${sandbox.url}/__control/faults`, {
      method: "PUT",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ lockRow: { next: 1 } }),
    });
    expect(put.status).toBe(200);
    const results = (await conn
      .sobject("Account")
      .upsert(accounts(2), "Jortt_Customer_Id__c")) as unknown as SaveResult[];
    expect(results.map((result) => result.success)).toEqual([false, true]);
    const invalid = await fetch(`${sandbox.url}/__control/faults`, {
      method: "PUT",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ lockRow: { rate: 2 } }),
    });
    expect(invalid.status).toBe(400);
    const dump = await fetch(`${sandbox.url}/__control/records/account`);
    expect(await dump.json()).toEqual([expect.objectContaining({ Jortt_Customer_Id__c: "C-1" })]);
  });
});
