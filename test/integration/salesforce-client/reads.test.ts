import { z } from "zod";
import { createSalesforceClient, type SalesforceClient } from "../../../shared/adapters/salesforce/salesforce-client";
import { soqlString } from "../../../shared/adapters/salesforce/soql-literal";
import { type SalesforceSandbox, startSalesforceSandbox } from "../../../sim/salesforce";
import { clientCredentialsFor, FAST_RETRY } from "./sandbox-fixtures";

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
  sandbox.setQueryPageSize(2000);
  client = createSalesforceClient(clientCredentialsFor(sandbox), { retry: FAST_RETRY });
  await client.connect();
});

function seedContacts(count: number): void {
  sandbox.insertRecords(
    "Contact",
    Array.from({ length: count }, (_, i) => ({ LastName: `Person ${i}`, Email: `person.${i}@example.nl` })),
  );
}

const ContactRow = z.object({ Id: z.string(), Email: z.string().nullable(), LastName: z.string() });

describe("query", () => {
  it("follows nextRecordsUrl across every page (no 2 000 / 10 000 cut-off)", async () => {
    sandbox.setQueryPageSize(50);
    seedContacts(120);
    sandbox.resetApiCalls();
    const rows = await client.query("SELECT Id, Email, LastName FROM Contact", { schema: ContactRow });
    expect(rows).toHaveLength(120);
    expect(new Set(rows.map((r) => r.Id)).size).toBe(120);
    expect(sandbox.apiCalls().byKind.query).toBe(3);
    expect(client.callCount).toBe(3);
  });

  it("a literal with a quote and a backslash matches exactly (escaped, not injected)", async () => {
    sandbox.insertRecords("Contact", [
      { LastName: "O'Brien", Email: "o'brien@example.nl" },
      { LastName: "Back\\slash", Email: "b@example.nl" },
      { LastName: "Other", Email: "other@example.nl" },
    ]);
    const obrien = await client.query<{ LastName: string }>(
      `SELECT LastName FROM Contact WHERE LastName = ${soqlString("O'Brien")}`,
    );
    expect(obrien.map((r) => r.LastName)).toEqual(["O'Brien"]);
    const slash = await client.query<{ LastName: string }>(
      `SELECT LastName FROM Contact WHERE LastName = ${soqlString("Back\\slash")}`,
    );
    expect(slash.map((r) => r.LastName)).toEqual(["Back\\slash"]);
    const injection = await client.query(
      `SELECT Id FROM Contact WHERE LastName = ${soqlString("x' OR LastName != '")}`,
    );
    expect(injection).toEqual([]);
  });

  it("queryIn matches many e-mails in a few URL-safe queries", async () => {
    seedContacts(300);
    sandbox.resetApiCalls();
    const wanted = Array.from({ length: 250 }, (_, i) => `PERSON.${i * 2}@example.nl`); // 0..498, half exist; case differs
    const rows = await client.queryIn(
      wanted,
      (inList) => `SELECT Id, Email, LastName FROM Contact WHERE Email IN ${inList}`,
      { schema: ContactRow, budget: { maxValues: 100, maxEncodedLength: 8_000 } },
    );
    expect(sandbox.apiCalls().byKind.query).toBe(3);
    expect(rows).toHaveLength(150);
    expect(rows.every((r) => Number(/person\.(\d+)@/.exec(r.Email ?? "")?.[1]) % 2 === 0)).toBe(true);
  });

  it("a missing field fails fast as configuration, naming the field and the metadata to deploy", async () => {
    await expect(client.query("SELECT Id, Not_A_Field__c FROM Account")).rejects.toMatchObject({
      code: "INVALID_FIELD",
      errorClass: "configuration",
      hint: expect.stringContaining("Deploy the salesforce/ metadata"),
    });
  });

  it("a 503 on a page is retried", async () => {
    sandbox.setFaults({ serverUnavailable: { next: 1, kinds: ["query"] } });
    await expect(client.query("SELECT Id FROM Account")).resolves.toEqual(expect.any(Array));
    expect(sandbox.faultsFired().serverUnavailable).toBe(1);
  });
});

describe("API usage", () => {
  it("reads Sforce-Limit-Info and counts this client's calls", async () => {
    sandbox.setDailyApiLimit(15_000, 1_000);
    expect(client.apiUsage()).toBeUndefined();
    await client.query("SELECT Id FROM Account");
    await client.describe("Account");
    expect(client.apiUsage()).toEqual({ used: 1_002, limit: 15_000 });
    expect(client.callCount).toBe(2);
  });

  it("stops at the budget share with a rate-limit error, before sending", async () => {
    const budgeted = createSalesforceClient(clientCredentialsFor(sandbox), { retry: FAST_RETRY, apiBudgetShare: 0.5 });
    sandbox.setDailyApiLimit(100, 49);
    await budgeted.query("SELECT Id FROM Account"); // usage now 50/100
    const callsBefore = sandbox.apiCalls().total;
    await expect(budgeted.query("SELECT Id FROM Account")).rejects.toMatchObject({
      code: "API_BUDGET_REACHED",
      errorClass: "rate-limit",
    });
    expect(sandbox.apiCalls().total).toBe(callsBefore);
  });

  it("an exhausted org allocation is REQUEST_LIMIT_EXCEEDED (rate-limit), not retried", async () => {
    sandbox.setDailyApiLimit(10, 10);
    await expect(client.query("SELECT Id FROM Account")).rejects.toMatchObject({
      code: "REQUEST_LIMIT_EXCEEDED",
      errorClass: "rate-limit",
    });
    expect(client.callCount).toBe(1);
  });
});

describe("describe and the account model", () => {
  it("describe is cached per client (one call for many asks)", async () => {
    sandbox.resetApiCalls();
    const [a, b] = await Promise.all([client.describe("Account"), client.describe("account")]);
    await client.describe("Account");
    expect(a).toBe(b);
    expect(sandbox.apiCalls().byKind.describe).toBe(1);
    expect(a.fields.find((f) => f.name === "Jortt_Customer_Id__c")).toMatchObject({ externalId: true });
  });

  it("business-account org: no person accounts", async () => {
    await expect(client.hasPersonAccounts()).resolves.toBe(false);
  });

  it("person-account org: detected from IsPersonAccount / PersonEmail", async () => {
    sandbox.setPersonAccounts(true);
    const fresh = createSalesforceClient(clientCredentialsFor(sandbox), { retry: FAST_RETRY });
    await expect(fresh.hasPersonAccounts()).resolves.toBe(true);
  });

  it("an unknown object is a configuration error", async () => {
    await expect(client.describe("NoSuchObject__c")).rejects.toMatchObject({ errorClass: "configuration" });
  });
});

describe("composite", () => {
  it("one call; every subrequest's status checked; failures typed", async () => {
    sandbox.resetApiCalls();
    const results = await client.composite(
      [
        {
          method: "PATCH",
          url: "/sobjects/Account/Jortt_Customer_Id__c/K-1",
          referenceId: "acct",
          body: { Name: "Acme" },
        },
        {
          method: "POST",
          url: "/sobjects/Contact",
          referenceId: "contact",
          body: { LastName: "Doe", AccountId: "@{acct.id}" },
        },
        { method: "POST", url: "/sobjects/Contact", referenceId: "bad", body: { FirstName: "no last name" } },
      ],
      { allOrNone: false },
    );
    expect(sandbox.apiCalls().total).toBe(1);
    expect(results.map((r) => [r.referenceId, r.ok])).toEqual([
      ["acct", true],
      ["contact", true],
      ["bad", false],
    ]);
    const bad = results[2];
    if (bad?.ok !== false) throw new Error("expected failure");
    expect(bad.httpStatusCode).toBe(400);
    expect(bad.error).toMatchObject({ code: "REQUIRED_FIELD_MISSING", errorClass: "data", recordKey: "bad" });
    const contact = sandbox.records("Contact").find((r) => r.LastName === "Doe");
    expect(contact?.AccountId).toBe(sandbox.records("Account").find((r) => r.Name === "Acme")?.Id);
  });

  it("allOrNone: the real cause is reported, the rest are PROCESSING_HALTED / rolled back", async () => {
    const results = await client.composite(
      [
        {
          method: "PATCH",
          url: "/sobjects/Account/Jortt_Customer_Id__c/K-2",
          referenceId: "acct",
          body: { Name: "Acme 2" },
        },
        { method: "POST", url: "/sobjects/Contact", referenceId: "bad", body: { FirstName: "no last name" } },
      ],
      { allOrNone: true },
    );
    expect(results.every((r) => !r.ok)).toBe(true);
    const codes = results.map((r) => (r.ok ? "" : r.error.code));
    expect(codes).toContain("REQUIRED_FIELD_MISSING");
    expect(sandbox.records("Account").filter((r) => r.Name === "Acme 2")).toHaveLength(0);
  });

  it("refuses 26 subrequests before sending", async () => {
    sandbox.resetApiCalls();
    const many = Array.from({ length: 26 }, (_, i) => ({
      method: "GET" as const,
      url: "/sobjects/Account/describe",
      referenceId: `r${i}`,
    }));
    await expect(client.composite(many, { allOrNone: false })).rejects.toMatchObject({ code: "SUBREQUEST_LIMIT" });
    expect(sandbox.apiCalls().total).toBe(0);
  });
});
