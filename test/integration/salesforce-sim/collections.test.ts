import type { Connection } from "jsforce";
import { type SalesforceSandbox, startSalesforceSandbox } from "../../../sim/salesforce";
import { caught, connectWithClientCredentials } from "./sandbox-connection";

type UpsertResult = {
  id?: string;
  success: boolean;
  created?: boolean;
  errors: Array<{ statusCode: string; message: string; fields: string[] }>;
};

describe("Salesforce sandbox: sObject Collections and single-record upsert", () => {
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

  const upsertAccounts = (records: Array<Record<string, unknown>>, allOrNone = false) =>
    conn.sobject("Account").upsert(records, "Jortt_Customer_Id__c", { allOrNone }) as unknown as Promise<
      UpsertResult[]
    >;

  it("creates then updates by external id, results in input order, with real key prefixes", async () => {
    const created = await upsertAccounts([
      { Name: "Acme", Jortt_Customer_Id__c: "C-1", BillingCity: "Utrecht" },
      { Name: "Beta", Jortt_Customer_Id__c: "C-2" },
    ]);
    expect(created.map((result) => result.created)).toEqual([true, true]);
    expect(created[0]?.id).toMatch(/^001[A-Za-z0-9]{15}$/);
    const updated = await upsertAccounts([
      { Name: "Beta BV", Jortt_Customer_Id__c: "C-2" },
      { Name: "Gamma", Jortt_Customer_Id__c: "C-3" },
    ]);
    expect(updated.map((result) => [result.success, result.created])).toEqual([
      [true, false],
      [true, true],
    ]);
    expect(updated[0]?.id).toBe(created[1]?.id);
    const beta = sandbox.records("Account").find((record) => record.Id === created[1]?.id);
    expect(beta?.Name).toBe("Beta BV");
    expect(sandbox.records("Account")).toHaveLength(3);
  });

  it("matches external ids case-insensitively", async () => {
    const [first] = await upsertAccounts([{ Name: "Acme", Jortt_Customer_Id__c: "abc-1" }]);
    const [second] = await upsertAccounts([{ Name: "Acme 2", Jortt_Customer_Id__c: "ABC-1" }]);
    expect(second).toMatchObject({ id: first?.id, created: false });
  });

  it("fails every record that repeats an external id in one call with DUPLICATE_VALUE", async () => {
    const results = await upsertAccounts([
      { Name: "A", Jortt_Customer_Id__c: "D-1" },
      { Name: "B", Jortt_Customer_Id__c: "D-2" },
      { Name: "C", Jortt_Customer_Id__c: "d-1" },
    ]);
    expect(results.map((result) => result.success)).toEqual([false, true, false]);
    expect(results[0]?.errors[0]).toMatchObject({
      statusCode: "DUPLICATE_VALUE",
      message: "Duplicate external id specified: D-1",
    });
    expect(sandbox.records("Account").map((record) => record.Jortt_Customer_Id__c)).toEqual(["D-2"]);
  });

  it("rolls everything back with allOrNone and marks the innocent records ALL_OR_NONE_OPERATION_ROLLED_BACK", async () => {
    const results = await upsertAccounts(
      [
        { Name: "Good", Jortt_Customer_Id__c: "G-1" },
        { Name: "x".repeat(256), Jortt_Customer_Id__c: "G-2" },
        { Name: "Also good", Jortt_Customer_Id__c: "G-3" },
      ],
      true,
    );
    expect(results.map((result) => result.errors[0]?.statusCode)).toEqual([
      "ALL_OR_NONE_OPERATION_ROLLED_BACK",
      "STRING_TOO_LONG",
      "ALL_OR_NONE_OPERATION_ROLLED_BACK",
    ]);
    expect(results[1]?.errors[0]?.fields).toEqual(["Name"]);
    expect(sandbox.records("Account")).toHaveLength(0);
  });

  it("keeps the good records without allOrNone and reports per-record errors with statusCode", async () => {
    const results = await upsertAccounts([
      { Name: "Good", Jortt_Customer_Id__c: "P-1", BillingPostalCode: "3511AB" },
      { Name: "Bad", Jortt_Customer_Id__c: "P-2", BillingPostalCode: "x".repeat(21) },
      { Jortt_Customer_Id__c: "P-3" },
    ]);
    expect(results.map((result) => result.success)).toEqual([true, false, false]);
    expect(results[1]?.errors[0]).toMatchObject({ statusCode: "STRING_TOO_LONG", fields: ["BillingPostalCode"] });
    expect(results[2]?.errors[0]).toMatchObject({ statusCode: "REQUIRED_FIELD_MISSING", fields: ["Name"] });
    expect(sandbox.records("Account")).toHaveLength(1);
  });

  it("rejects more than 200 records with EXCEEDED_ID_LIMIT and accepts them in chunks with allowRecursive", async () => {
    const records = Array.from({ length: 201 }, (_, index) => ({
      Name: `N${index}`,
      Jortt_Customer_Id__c: `L-${index}`,
    }));
    const error = await caught(conn.sobject("Account").upsert(records, "Jortt_Customer_Id__c"));
    expect(error.errorCode).toBe("EXCEEDED_ID_LIMIT");
    expect(sandbox.records("Account")).toHaveLength(0);
    const results = (await conn.sobject("Account").upsert(records, "Jortt_Customer_Id__c", {
      allowRecursive: true,
    })) as unknown as UpsertResult[];
    expect(results.filter((result) => result.success)).toHaveLength(201);
    expect(sandbox.apiCalls().byKind.upsert).toBe(3);
  });

  it("fails the whole request with INVALID_FIELD for an unknown field", async () => {
    const error = await caught(upsertAccounts([{ Name: "A", Jortt_Customer_Id__c: "U-1", Nope__c: "x" }]));
    expect(error.errorCode).toBe("INVALID_FIELD");
    expect(error.message).toBe("No such column 'Nope__c' on sobject of type Account");
    expect(sandbox.records("Account")).toHaveLength(0);
  });

  it("reports a record without its external id and a wrong attributes.type per record", async () => {
    const results = await conn.requestPatch<UpsertResult[]>("/composite/sobjects/Account/Jortt_Customer_Id__c", {
      allOrNone: false,
      records: [
        { attributes: { type: "Account" }, Name: "No key" },
        { attributes: { type: "Contact" }, LastName: "Wrong type", Jortt_Customer_Id__c: "T-1" },
        { attributes: { type: "Account" }, Name: "Fine", Jortt_Customer_Id__c: "T-2" },
      ],
    });
    expect(results.map((result) => result.errors[0]?.statusCode ?? "ok")).toEqual([
      "MISSING_ARGUMENT",
      "INVALID_TYPE",
      "ok",
    ]);
  });

  it("resolves relationship references by external id, and fails the record when the key is unknown", async () => {
    await upsertAccounts([{ Name: "Acme", Jortt_Customer_Id__c: "C-1" }]);
    const results = (await conn.sobject("Contact").upsert(
      [
        {
          LastName: "Jansen",
          Email: "j@acme.nl",
          Jortt_Customer_Id__c: "C-1",
          Account: { Jortt_Customer_Id__c: "C-1" },
        },
        { LastName: "Ghost", Jortt_Customer_Id__c: "C-9", Account: { Jortt_Customer_Id__c: "C-404" } },
      ],
      "Jortt_Customer_Id__c",
    )) as unknown as UpsertResult[];
    expect(results[0]?.success).toBe(true);
    expect(results[1]?.errors[0]).toMatchObject({
      statusCode: "INVALID_FIELD",
      message: "Foreign key external ID: C-404 not found for field Jortt_Customer_Id__c in entity Account",
    });
    const [account] = sandbox.records("Account");
    expect(sandbox.records("Contact")).toEqual([expect.objectContaining({ AccountId: account?.Id, Name: "Jansen" })]);
  });

  it("single upsert answers 201 created, then 200 with created:false, and 300 on several matches", async () => {
    const created = await conn
      .sobject("Account")
      .upsert({ Name: "One", Jortt_Customer_Id__c: "S-1" }, "Jortt_Customer_Id__c");
    expect(created).toMatchObject({ success: true, created: true });
    const updated = await conn
      .sobject("Account")
      .upsert({ Name: "One!", Jortt_Customer_Id__c: "S-1" }, "Jortt_Customer_Id__c");
    expect(updated).toMatchObject({ success: true, created: false });
    // Only a non-unique external id can match several rows (Product2.StockKeepingUnit is one).
    sandbox.insertRecords("Product2", [
      { Name: "Twin 1", StockKeepingUnit: "SKU-1" },
      { Name: "Twin 2", StockKeepingUnit: "SKU-1" },
    ]);
    const several = await caught(
      conn.request({
        method: "PATCH",
        url: "/sobjects/Product2/StockKeepingUnit/SKU-1",
        body: JSON.stringify({ IsActive: true }),
        headers: { "content-type": "application/json" },
      }),
    );
    expect(several.errorCode).toBe("MULTIPLE_CHOICES");
    expect(several.data).toEqual([
      expect.stringMatching(/^\/services\/data\/v62\.0\/sobjects\/Product2\/01t/),
      expect.any(String),
    ]);
    const collection = (await conn
      .sobject("Product2")
      .upsert([{ Name: "Twin", StockKeepingUnit: "SKU-1" }], "StockKeepingUnit")) as unknown as UpsertResult[];
    expect(collection[0]?.errors[0]?.statusCode).toBe("DUPLICATE_EXTERNAL_ID");
  });

  it("percent-decodes the external id value in the URL and 404s an unknown field", async () => {
    const value = "a b/c?d";
    await conn.request({
      method: "PATCH",
      url: `/sobjects/Account/Jortt_Customer_Id__c/${encodeURIComponent(value)}`,
      body: JSON.stringify({ Name: "Encoded" }),
      headers: { "content-type": "application/json" },
    });
    expect(sandbox.records("Account")[0]?.Jortt_Customer_Id__c).toBe(value);
    const unknown = await caught(
      conn.request({
        method: "PATCH",
        url: "/sobjects/Account/Nope__c/x",
        body: "{}",
        headers: { "content-type": "application/json" },
      }),
    );
    expect(unknown.errorCode).toBe("NOT_FOUND");
    expect(unknown.message).toBe("Provided external ID field does not exist or is not accessible: Nope__c");
  });

  it("does not create on a single upsert with updateOnly=true", async () => {
    const request = (value: string) =>
      conn.request({
        method: "PATCH",
        url: `/sobjects/Account/Jortt_Customer_Id__c/${value}?updateOnly=true`,
        body: JSON.stringify({ Name: "Only update" }),
        headers: { "content-type": "application/json" },
      });
    expect((await caught(request("X-1"))).errorCode).toBe("NOT_FOUND");
    sandbox.insertRecords("Account", [{ Name: "Exists", Jortt_Customer_Id__c: "X-2" }]);
    await expect(request("X-2")).resolves.toMatchObject({ success: true, created: false });
    expect(sandbox.records("Account").map((record) => record.Name)).toEqual(["Only update"]);
  });

  it("creates, updates (lower-case id), retrieves and deletes through Collections", async () => {
    const created = (await conn
      .sobject("Account")
      .create([{ Name: "A" }, { Name: "B" }], { allOrNone: true })) as unknown as UpsertResult[];
    const ids = created.map((result) => result.id ?? "");
    expect(ids.every((id) => id.startsWith("001"))).toBe(true);
    const updated = (await conn
      .sobject("Account")
      .update(ids.map((Id, index) => ({ Id, Website: `https://${index}.example` })))) as unknown as UpsertResult[];
    expect(updated.every((result) => result.success)).toBe(true);
    const retrieved = (await conn
      .sobject("Account")
      .retrieve(ids, { fields: ["Name", "Website"] })) as unknown as Array<Record<string, unknown>>;
    expect(retrieved.map((record) => record.Website)).toEqual(["https://0.example", "https://1.example"]);
    const deleted = (await conn.sobject("Account").destroy(ids)) as unknown as UpsertResult[];
    expect(deleted.map((result) => result.success)).toEqual([true, true]);
    expect(sandbox.records("Account")).toHaveLength(0);
    const deletedRows = await conn.query("SELECT Id, IsDeleted FROM Account", { scanAll: true });
    expect(deletedRows.records.map((record) => record.IsDeleted)).toEqual([true, true]);
  });

  it("single-record create, read, update and delete", async () => {
    const created = await conn.sobject("Product2").create({ Name: "Consultancy", IsActive: true });
    expect(created.id).toMatch(/^01t/);
    const read = await conn.sobject("Product2").retrieve(created.id ?? "");
    expect(read).toMatchObject({ Name: "Consultancy", IsActive: true, attributes: { type: "Product2" } });
    await conn.sobject("Product2").update({ Id: created.id ?? "", Description: "Hours" });
    expect(sandbox.records("Product2")[0]?.Description).toBe("Hours");
    await conn.sobject("Product2").destroy(created.id ?? "");
    expect(sandbox.records("Product2")).toHaveLength(0);
    const missing = await caught(conn.sobject("Product2").retrieve("01t000000000000AAA"));
    expect(missing.errorCode).toBe("NOT_FOUND");
  });
});
