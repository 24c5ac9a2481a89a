import type { Connection } from "jsforce";
import { type SalesforceSandbox, startSalesforceSandbox } from "../../../sim/salesforce";
import { caught, connectWithClientCredentials } from "./sandbox-connection";

describe("Salesforce sandbox: API usage and limits", () => {
  let sandbox: SalesforceSandbox;
  let conn: Connection;

  beforeAll(async () => {
    sandbox = await startSalesforceSandbox({ dailyApiLimit: 1000 });
    conn = await connectWithClientCredentials(sandbox);
  });

  afterAll(async () => {
    await sandbox.close();
  });

  beforeEach(() => {
    sandbox.reset();
    sandbox.setDailyApiLimit(1000);
  });

  it("sends Sforce-Limit-Info on every data response, which jsforce parses into limitInfo", async () => {
    await conn.query("SELECT Id FROM Account");
    expect(conn.limitInfo).toEqual({ apiUsage: { used: 1, limit: 1000 } });
    await conn.sobject("Account").upsert([{ Name: "A", Jortt_Customer_Id__c: "C1" }], "Jortt_Customer_Id__c");
    await conn.sobject("Account").describe();
    expect(conn.limitInfo).toEqual({ apiUsage: { used: 3, limit: 1000 } });
  });

  it("counts calls by kind, a collection of many records as one call", async () => {
    const records = Array.from({ length: 150 }, (_, index) => ({
      Name: `N${index}`,
      Jortt_Customer_Id__c: `C${index}`,
    }));
    await conn.sobject("Account").upsert(records, "Jortt_Customer_Id__c");
    await conn.query("SELECT Id FROM Account LIMIT 1");
    await conn.requestPost("/composite", {
      compositeRequest: [
        { method: "GET", url: "/services/data/v62.0/query?q=SELECT+Id+FROM+Account+LIMIT+1", referenceId: "q1" },
        { method: "GET", url: "/services/data/v62.0/sobjects/Account/describe", referenceId: "d1" },
      ],
    });
    const calls = sandbox.apiCalls();
    expect(calls.total).toBe(3);
    expect(calls.byKind).toMatchObject({ upsert: 1, query: 1, composite: 1, describe: 0 });
    expect(calls.writes).toBe(2);
  });

  it("answers 403 REQUEST_LIMIT_EXCEEDED once the daily allocation is used up, without counting it", async () => {
    sandbox.setDailyApiLimit(2, 0);
    await conn.query("SELECT Id FROM Account");
    await conn.query("SELECT Id FROM Account");
    const error = await caught(
      conn.sobject("Account").upsert([{ Name: "A", Jortt_Customer_Id__c: "C1" }], "Jortt_Customer_Id__c"),
    );
    expect(error.errorCode).toBe("REQUEST_LIMIT_EXCEEDED");
    expect(conn.limitInfo).toEqual({ apiUsage: { used: 2, limit: 2 } });
    expect(sandbox.records("Account")).toHaveLength(0);
  });

  it("reports DailyApiRequests at /limits", async () => {
    sandbox.setDailyApiLimit(500, 100);
    const limits = await conn.request<{ DailyApiRequests: { Max: number; Remaining: number } }>("/limits");
    expect(limits.DailyApiRequests).toEqual({ Max: 500, Remaining: 399 });
  });

  it("exposes the same counters on the control API", async () => {
    await conn.query("SELECT Id FROM Account");
    const response = await fetch(`${sandbox.url}/__control/api-calls`);
    expect(response.headers.get("content-type")).toBe("application/json;charset=UTF-8");
    expect(await response.json()).toMatchObject({ total: 1, byKind: { query: 1 } });
  });
});
