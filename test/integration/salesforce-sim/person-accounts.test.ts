import type { Connection } from "jsforce";
import { type SalesforceSandbox, startSalesforceSandbox } from "../../../sim/salesforce";
import { caught, connectWithClientCredentials } from "./sandbox-connection";

type SaveResult = { id?: string; success: boolean; errors: Array<{ statusCode: string; message: string }> };

describe("Salesforce sandbox: Person Accounts vs business accounts", () => {
  let sandbox: SalesforceSandbox;
  let conn: Connection;

  beforeAll(async () => {
    sandbox = await startSalesforceSandbox({ personAccounts: false });
    conn = await connectWithClientCredentials(sandbox);
  });

  afterAll(async () => {
    await sandbox.close();
  });

  describe("business-account org", () => {
    beforeAll(() => sandbox.setPersonAccounts(false));

    it("describes Account without Person Account fields", async () => {
      const describe = await conn.sobject("Account").describe();
      const names = describe.fields.map((field) => field.name);
      expect(names).toContain("Name");
      expect(names).not.toContain("PersonEmail");
      expect(names).not.toContain("IsPersonAccount");
    });

    it("fails the whole upsert with INVALID_FIELD when a record names PersonEmail", async () => {
      const error = await caught(
        conn.sobject("Account").upsert(
          [
            { Name: "Fine BV", Jortt_Customer_Id__c: "C-1" },
            { LastName: "Jansen", PersonEmail: "j@example.com", Jortt_Customer_Id__c: "C-2" },
          ],
          "Jortt_Customer_Id__c",
        ),
      );
      expect(error.errorCode).toBe("INVALID_FIELD");
      expect(sandbox.records("Account")).toHaveLength(0);
    });

    it("fails a query that names a Person Account field", async () => {
      expect((await caught(conn.query("SELECT Id FROM Account WHERE PersonEmail = 'x@y.nl'"))).errorCode).toBe(
        "INVALID_FIELD",
      );
      expect((await caught(conn.query("SELECT Id FROM RecordType WHERE IsPersonType = true"))).errorCode).toBe(
        "INVALID_FIELD",
      );
    });
  });

  describe("Person Account org", () => {
    let personRecordTypeId: string;

    beforeAll(async () => {
      sandbox.setPersonAccounts(true);
      const result = await conn.query<{ Id: string }>(
        "SELECT Id FROM RecordType WHERE SobjectType = 'Account' AND IsPersonType = true",
      );
      personRecordTypeId = result.records[0]?.Id ?? "";
    });

    it("has a person record type and Person* fields in describe", async () => {
      expect(personRecordTypeId).toMatch(/^012/);
      const names = (await conn.sobject("Account").describe()).fields.map((field) => field.name);
      expect(names).toEqual(
        expect.arrayContaining([
          "PersonEmail",
          "FirstName",
          "LastName",
          "PersonMailingCity",
          "IsPersonAccount",
          "PersonContactId",
        ]),
      );
      expect(names).toContain("Jortt_Customer_Id__pc");
    });

    it("creates a person account with a composed Name and a hidden person contact", async () => {
      const [result] = (await conn.sobject("Account").upsert(
        [
          {
            RecordTypeId: personRecordTypeId,
            FirstName: "Anna",
            LastName: "de Boer",
            PersonEmail: "Anna@Example.nl",
            PersonMailingCity: "Delft",
            Jortt_Customer_Id__c: "P-1",
          },
        ],
        "Jortt_Customer_Id__c",
      )) as unknown as SaveResult[];
      expect(result?.success).toBe(true);
      const account = await conn.query<Record<string, unknown>>(
        "SELECT Name, IsPersonAccount, PersonContactId, PersonEmail FROM Account WHERE PersonEmail = 'anna@example.nl'",
      );
      expect(account.records[0]).toMatchObject({ Name: "Anna de Boer", IsPersonAccount: true });
      const contacts = await conn.query<Record<string, unknown>>(
        "SELECT Id, Email, AccountId, IsPersonAccount, MailingCity FROM Contact WHERE Email = 'anna@example.nl'",
      );
      expect(contacts.records[0]).toMatchObject({
        Id: account.records[0]?.PersonContactId,
        AccountId: result?.id,
        IsPersonAccount: true,
        MailingCity: "Delft",
      });
    });

    it("requires LastName on a person account and Name on a business account", async () => {
      const results = (await conn.sobject("Account").upsert(
        [
          { RecordTypeId: personRecordTypeId, FirstName: "No", Jortt_Customer_Id__c: "P-2" },
          { Jortt_Customer_Id__c: "B-1", BillingCity: "Gouda" },
          { Name: "Biz BV", PersonEmail: "x@biz.nl", Jortt_Customer_Id__c: "B-2" },
          { Name: "Biz 2 BV", Jortt_Customer_Id__c: "B-3" },
        ],
        "Jortt_Customer_Id__c",
      )) as unknown as SaveResult[];
      expect(results.map((result) => result.errors[0]?.statusCode ?? "ok")).toEqual([
        "REQUIRED_FIELD_MISSING",
        "REQUIRED_FIELD_MISSING",
        "INVALID_FIELD_FOR_INSERT_UPDATE",
        "ok",
      ]);
    });

    it("does not let a Contact join a person account", async () => {
      const [person] = sandbox.records("Account").filter((record) => record.IsPersonAccount === true);
      const result = (await conn
        .sobject("Contact")
        .create({ LastName: "Extra", AccountId: String(person?.Id) })
        .catch((e) => e)) as {
        errorCode?: string;
      };
      expect(result.errorCode).toBe("FIELD_INTEGRITY_EXCEPTION");
    });
  });
});
