import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import type { Connection } from "jsforce";
import { type SalesforceSandbox, startSalesforceSandbox } from "../../../sim/salesforce";
import { connectWithClientCredentials } from "./sandbox-connection";

const PROJECT = resolve(__dirname, "../../../salesforce");
const OBJECTS = join(PROJECT, "force-app/main/default/objects");

/** Read independently of the sandbox's own reader: one tag at a time. */
function tag(xml: string, name: string): string | undefined {
  return new RegExp(`<${name}>([^<]*)</${name}>`).exec(xml)?.[1];
}

interface XmlField {
  object: string;
  name: string;
  type: string;
  length?: number;
  precision?: number;
  scale?: number;
  externalId: boolean;
  unique: boolean;
}

function xmlFields(): XmlField[] {
  return readdirSync(OBJECTS).flatMap((object) =>
    readdirSync(join(OBJECTS, object, "fields")).map((file) => {
      const xml = readFileSync(join(OBJECTS, object, "fields", file), "utf8");
      const number = (name: string) => (tag(xml, name) === undefined ? undefined : Number(tag(xml, name)));
      return {
        object,
        name: tag(xml, "fullName") ?? "",
        type: tag(xml, "type") ?? "",
        length: number("length"),
        precision: number("precision"),
        scale: number("scale"),
        externalId: tag(xml, "externalId") === "true",
        unique: tag(xml, "unique") === "true",
      };
    }),
  );
}

const DESCRIBE_TYPE: Record<string, string> = {
  Text: "string",
  Checkbox: "boolean",
  Date: "date",
  Currency: "currency",
  Percent: "percent",
};

/** The org metadata contract of ARCHITECTURE.md. */
const CONTRACT = [
  "Account.Jortt_Customer_Id__c Text 255 ext",
  "Contact.Jortt_Customer_Id__c Text 255 ext",
  "Order.Jortt_Invoice_Id__c Text 255 ext",
  "Order.Jortt_Invoice_Number__c Text 40",
  "Order.Jortt_Status__c Text 20",
  "Order.Jortt_Paid__c Checkbox",
  "Order.Jortt_Due_Date__c Date",
  "Order.Jortt_Total_Excl_VAT__c Currency 16,2",
  "Order.Jortt_Total_Incl_VAT__c Currency 16,2",
  "Order.Jortt_Due_Amount__c Currency 16,2",
  "Order.Jortt_Credited_Invoice_Id__c Text 255",
  "Order.Jortt_Send__c Checkbox",
  "Order.Jortt_Sync_Error__c Text 255",
  "OrderItem.Jortt_Line_Id__c Text 255 ext",
  "OrderItem.Jortt_VAT_Rate__c Percent 5,2",
  "Product2.Jortt_Product_Key__c Text 255 ext",
];

function contractLine(field: XmlField): string {
  const size =
    field.type === "Text"
      ? ` ${field.length}`
      : field.precision !== undefined
        ? ` ${field.precision},${field.scale}`
        : "";
  return `${field.object}.${field.name} ${field.type}${size}${field.externalId && field.unique ? " ext" : ""}`;
}

describe("Salesforce metadata project and sandbox agree", () => {
  let sandbox: SalesforceSandbox;
  let conn: Connection;

  beforeAll(async () => {
    sandbox = await startSalesforceSandbox();
    conn = await connectWithClientCredentials(sandbox);
  });

  afterAll(async () => {
    await sandbox.close();
  });

  it("defines exactly the fields of the org metadata contract", () => {
    expect(xmlFields().map(contractLine).sort()).toEqual([...CONTRACT].sort());
  });

  it("serves, through describe, exactly the custom fields the metadata XML defines", async () => {
    const fields = xmlFields();
    for (const object of [...new Set(fields.map((field) => field.object))]) {
      const describe = await conn.sobject(object).describe();
      const custom = describe.fields.filter((field) => field.custom && field.name.endsWith("__c"));
      const expected = fields.filter((field) => field.object === object);
      expect(custom.map((field) => field.name).sort()).toEqual(expected.map((field) => field.name).sort());
      for (const field of expected) {
        const described = custom.find((candidate) => candidate.name === field.name);
        expect(described).toMatchObject({
          type: DESCRIBE_TYPE[field.type],
          externalId: field.externalId,
          unique: field.unique,
          ...(field.type === "Text" ? { length: field.length } : {}),
          ...(field.precision !== undefined ? { precision: field.precision, scale: field.scale } : {}),
        });
      }
    }
  });

  it("grants the permission set edit access to every contract field and CRUD on the written objects", () => {
    const xml = readFileSync(
      join(PROJECT, "force-app/main/default/permissionsets/Jortt_Sync_Integration.permissionset-meta.xml"),
      "utf8",
    );
    const editable = [
      ...xml.matchAll(/<fieldPermissions>\s*<editable>true<\/editable>\s*<field>([^<]+)<\/field>/g),
    ].map((match) => match[1]);
    expect(editable.sort()).toEqual(
      xmlFields()
        .map((field) => `${field.object}.${field.name}`)
        .sort(),
    );
    for (const object of ["Account", "Contact", "Product2", "Order"]) {
      expect(xml).toMatch(
        new RegExp(
          `<allowCreate>true</allowCreate>\\s*<allowDelete>true</allowDelete>\\s*<allowEdit>true</allowEdit>\\s*<allowRead>true</allowRead>\\s*<modifyAllRecords>false</modifyAllRecords>\\s*<object>${object}</object>`,
        ),
      );
    }
  });

  it("is a valid sf CLI project", () => {
    const project = JSON.parse(readFileSync(join(PROJECT, "sfdx-project.json"), "utf8"));
    expect(project.packageDirectories).toEqual([{ path: "force-app", default: true }]);
    expect(project.sourceApiVersion).toMatch(/^\d+\.0$/);
  });
});
