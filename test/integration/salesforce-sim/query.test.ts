import type { Connection } from "jsforce";
import { type SalesforceSandbox, startSalesforceSandbox } from "../../../sim/salesforce";
import { caught, connectWithClientCredentials } from "./sandbox-connection";

/** Escapes a SOQL string literal the way a client must (jsforce's conn.query does not). */
function soqlString(value: string): string {
  return `'${value.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}'`;
}

describe("Salesforce sandbox: SOQL queries and paging", () => {
  let sandbox: SalesforceSandbox;
  let conn: Connection;

  beforeAll(async () => {
    sandbox = await startSalesforceSandbox({ queryPageSize: 3 });
    conn = await connectWithClientCredentials(sandbox);
    const accounts = sandbox.insertRecords("Account", [
      { Name: "Acme", Jortt_Customer_Id__c: "C-1", BillingCity: "Utrecht", NumberOfEmployees: 10 },
      { Name: "Beta", Jortt_Customer_Id__c: "C-2", BillingCity: "Amsterdam", NumberOfEmployees: 200 },
      { Name: "Gamma", Jortt_Customer_Id__c: "C-3" },
    ]);
    const accountId = accounts[0]?.id;
    sandbox.insertRecords("Contact", [
      { LastName: "O'Brien", FirstName: "Pat", Email: "Pat.OBrien@Example.com", AccountId: accountId },
      { LastName: "Back\\slash", Email: "slash@example.com", AccountId: accountId },
      { LastName: "Jansen", Email: "jansen@example.com" },
      { LastName: "de Vries", Email: "devries@example.com" },
      { LastName: "100% Zeker", Email: "zeker@example.com" },
      { LastName: "Bakker", Email: "PAT.obrien@example.com" },
      { LastName: "Visser" },
    ]);
  });

  afterAll(async () => {
    await sandbox.close();
  });

  it("matches a name with a quote only when it is escaped", async () => {
    const result = await conn.query(`SELECT Id, LastName FROM Contact WHERE LastName = ${soqlString("O'Brien")}`);
    expect(result.records.map((record) => record.LastName)).toEqual(["O'Brien"]);
    const unescaped = await caught(conn.query("SELECT Id FROM Contact WHERE LastName = 'O'Brien'"));
    expect(unescaped.errorCode).toBe("MALFORMED_QUERY");
  });

  it("handles backslashes and escape sequences in string literals", async () => {
    const result = await conn.query(`SELECT LastName FROM Contact WHERE LastName = ${soqlString("Back\\slash")}`);
    expect(result.records.map((record) => record.LastName)).toEqual(["Back\\slash"]);
    const bad = await caught(conn.query("SELECT Id FROM Contact WHERE LastName = 'a\\qb'"));
    expect(bad.errorCode).toBe("MALFORMED_QUERY");
  });

  it("compares e-mail case-insensitively and can return several matches", async () => {
    const result = await conn.query(
      "SELECT LastName FROM Contact WHERE Email = 'pat.obrien@example.com' ORDER BY LastName",
    );
    expect(result.records.map((record) => record.LastName)).toEqual(["Bakker", "O'Brien"]);
  });

  it("supports LIKE with wildcards and escaped %, IN, NOT IN, NOT, null and parentheses", async () => {
    const like = await conn.query("SELECT LastName FROM Contact WHERE LastName LIKE 'ja%'");
    expect(like.records.map((record) => record.LastName)).toEqual(["Jansen"]);
    const literalPercent = await conn.query("SELECT LastName FROM Contact WHERE LastName LIKE '100\\% %'");
    expect(literalPercent.records.map((record) => record.LastName)).toEqual(["100% Zeker"]);
    const inList = await conn.query(
      "SELECT Name FROM Account WHERE Jortt_Customer_Id__c IN ('c-1', 'C-3') ORDER BY Name",
    );
    expect(inList.records.map((record) => record.Name)).toEqual(["Acme", "Gamma"]);
    const notIn = await conn.query("SELECT Name FROM Account WHERE Jortt_Customer_Id__c NOT IN ('C-1', 'C-3')");
    expect(notIn.records.map((record) => record.Name)).toEqual(["Beta"]);
    const nulls = await conn.query("SELECT LastName FROM Contact WHERE Email = null");
    expect(nulls.records.map((record) => record.LastName)).toEqual(["Visser"]);
    const grouped = await conn.query(
      "SELECT Name FROM Account WHERE (BillingCity = 'Utrecht' OR BillingCity = 'Amsterdam') AND NOT Name = 'Beta'",
    );
    expect(grouped.records.map((record) => record.Name)).toEqual(["Acme"]);
  });

  it("refuses AND and OR mixed without parentheses, like Salesforce", async () => {
    const error = await caught(conn.query("SELECT Id FROM Account WHERE Name = 'A' AND Name = 'B' OR Name = 'C'"));
    expect(error.errorCode).toBe("MALFORMED_QUERY");
  });

  it("compares numbers and orders with ASC/DESC, NULLS LAST, LIMIT and OFFSET", async () => {
    const result = await conn.query(
      "SELECT Name FROM Account WHERE NumberOfEmployees >= 10 ORDER BY NumberOfEmployees DESC",
    );
    expect(result.records.map((record) => record.Name)).toEqual(["Beta", "Acme"]);
    const window = await conn.query("SELECT Name FROM Account ORDER BY BillingCity ASC NULLS LAST LIMIT 2 OFFSET 1");
    expect(window.records.map((record) => record.Name)).toEqual(["Acme", "Gamma"]);
  });

  it("returns relationship fields as nested records, null when the lookup is empty", async () => {
    const result = await conn.query(
      "SELECT LastName, Account.Name, Account.BillingCity FROM Contact WHERE LastName IN ('O\\'Brien', 'Jansen') ORDER BY LastName",
    );
    expect(result.records).toEqual([
      expect.objectContaining({ LastName: "Jansen", Account: null }),
      expect.objectContaining({
        LastName: "O'Brien",
        Account: { attributes: expect.objectContaining({ type: "Account" }), Name: "Acme", BillingCity: "Utrecht" },
      }),
    ]);
    const filtered = await conn.query(
      "SELECT LastName FROM Contact WHERE Account.Jortt_Customer_Id__c = 'C-1' ORDER BY LastName",
    );
    expect(filtered.totalSize).toBe(2);
  });

  it("counts with count() and jsforce's count()", async () => {
    const result = await conn.query("SELECT count() FROM Contact WHERE Email != null");
    expect(result).toMatchObject({ totalSize: 6, done: true, records: [] });
    await expect(conn.sobject("Account").count({ BillingCity: "Utrecht" })).resolves.toBe(1);
  });

  it("pages with nextRecordsUrl served at /query/{cursor}; autoFetch follows it", async () => {
    const first = await conn.query("SELECT LastName FROM Contact ORDER BY LastName");
    expect(first).toMatchObject({ totalSize: 7, done: false });
    expect(first.records).toHaveLength(3);
    expect(first.nextRecordsUrl).toMatch(/\/services\/data\/v62\.0\/query\/01g[\w]+-3$/);
    const second = await conn.queryMore(first.nextRecordsUrl ?? "");
    expect(second.records).toHaveLength(3);
    const all = await conn.query("SELECT LastName FROM Contact ORDER BY LastName", { autoFetch: true, maxFetch: 100 });
    expect(all.records.map((record) => record.LastName)).toEqual([
      "100% Zeker",
      "Back\\slash",
      "Bakker",
      "de Vries",
      "Jansen",
      "O'Brien",
      "Visser",
    ]);
  });

  it("rejects unknown fields, unknown objects and wrongly typed literals", async () => {
    expect((await caught(conn.query("SELECT Nope__c FROM Account"))).errorCode).toBe("INVALID_FIELD");
    expect((await caught(conn.query("SELECT Id FROM Nope__c"))).errorCode).toBe("INVALID_TYPE");
    expect((await caught(conn.query("SELECT Id FROM Account WHERE NumberOfEmployees = '10'"))).errorCode).toBe(
      "INVALID_QUERY_FILTER_OPERATOR",
    );
    expect((await caught(conn.query("SELECT Id FROM Account WHERE Name = 10"))).errorCode).toBe(
      "INVALID_QUERY_FILTER_OPERATOR",
    );
    expect((await caught(conn.query("SELECT Id FROM Account WHERE Id = 'abc'"))).errorCode).toBe(
      "INVALID_QUERY_FILTER_OPERATOR",
    );
  });

  it("filters dates with date literals, not quoted strings", async () => {
    const today = new Date().toISOString().slice(0, 10);
    const created = await conn.query(`SELECT count() FROM Account WHERE CreatedDate = TODAY`);
    expect(created.totalSize).toBe(3);
    const since = await conn.query(`SELECT count() FROM Account WHERE CreatedDate >= ${today}T00:00:00Z`);
    expect(since.totalSize).toBe(3);
    expect((await caught(conn.query(`SELECT Id FROM Account WHERE CreatedDate > '${today}'`))).errorCode).toBe(
      "INVALID_QUERY_FILTER_OPERATOR",
    );
  });

  it("finds through jsforce's find(), which escapes quotes and asks describe for the fields", async () => {
    const found = await conn.sobject("Contact").find({ LastName: "O'Brien" });
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ LastName: "O'Brien", FirstName: "Pat" });
  });
});
