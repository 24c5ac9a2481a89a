import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import {
  contractCustomFields,
  FIELD_CATALOG,
  type FieldSpec,
  findField,
  withoutCreateOnlyFields,
} from "../../../shared/domain/salesforce/field-catalog";

const OBJECTS_DIR = join(__dirname, "../../../salesforce/force-app/main/default/objects");

/** The contract of ARCHITECTURE.md, written out independently of the catalog. */
const CONTRACT: Record<string, Record<string, string>> = {
  Account: { Jortt_Customer_Id__c: "Text(255) ExternalId Unique" },
  Contact: { Jortt_Customer_Id__c: "Text(255) ExternalId Unique" },
  Order: {
    Jortt_Invoice_Id__c: "Text(255) ExternalId Unique",
    Jortt_Invoice_Number__c: "Text(40)",
    Jortt_Status__c: "Text(20)",
    Jortt_Paid__c: "Checkbox",
    Jortt_Due_Date__c: "Date",
    Jortt_Total_Excl_VAT__c: "Currency(16,2)",
    Jortt_Total_Incl_VAT__c: "Currency(16,2)",
    Jortt_Due_Amount__c: "Currency(16,2)",
    Jortt_Credited_Invoice_Id__c: "Text(255)",
    Jortt_Send__c: "Checkbox",
    Jortt_Sync_Error__c: "Text(255)",
  },
  OrderItem: { Jortt_Line_Id__c: "Text(255) ExternalId Unique", Jortt_VAT_Rate__c: "Percent(5,2)" },
  Product2: { Jortt_Product_Key__c: "Text(255) ExternalId Unique" },
};

const METADATA_TYPE: Record<FieldSpec["type"], string> = {
  string: "Text",
  email: "Email",
  phone: "Phone",
  url: "Url",
  date: "Date",
  currency: "Currency",
  percent: "Percent",
  double: "Number",
  boolean: "Checkbox",
  reference: "Lookup",
  picklist: "Picklist",
};

function describeSpec(spec: FieldSpec): string {
  const type = METADATA_TYPE[spec.type];
  const size =
    spec.maxLength !== undefined && type === "Text"
      ? `(${spec.maxLength})`
      : spec.precision !== undefined
        ? `(${spec.precision},${spec.scale ?? 0})`
        : "";
  return [`${type}${size}`, spec.externalId ? "ExternalId" : "", spec.unique ? "Unique" : ""].filter(Boolean).join(" ");
}

function xmlTag(xml: string, tag: string): string | undefined {
  return new RegExp(`<${tag}>([^<]*)</${tag}>`).exec(xml)?.[1]?.trim();
}

function describeXml(xml: string): string {
  const type = xmlTag(xml, "type") ?? "?";
  const length = xmlTag(xml, "length");
  const precision = xmlTag(xml, "precision");
  const size =
    type === "Text" && length ? `(${length})` : precision ? `(${precision},${xmlTag(xml, "scale") ?? 0})` : "";
  const flags = [
    xmlTag(xml, "externalId") === "true" ? "ExternalId" : "",
    xmlTag(xml, "unique") === "true" ? "Unique" : "",
  ];
  return [`${type}${size}`, ...flags].filter(Boolean).join(" ");
}

function catalogContract(): Record<string, Record<string, string>> {
  const result: Record<string, Record<string, string>> = {};
  for (const [sobject, fields] of contractCustomFields()) {
    result[sobject] = Object.fromEntries(fields.map((field) => [field.name, describeSpec(field)]));
  }
  return result;
}

describe("field catalog", () => {
  it("holds exactly the custom fields of the org metadata contract", () => {
    expect(catalogContract()).toEqual(CONTRACT);
  });

  it("uses Salesforce's standard field lengths", () => {
    const lengths: [Parameters<typeof findField>[0], string, number][] = [
      ["Account", "Name", 255],
      ["Account", "BillingStreet", 255],
      ["Account", "BillingCity", 40],
      ["Account", "BillingState", 80],
      ["Account", "BillingPostalCode", 20],
      ["Account", "BillingCountry", 80],
      ["Account", "Phone", 40],
      ["Account", "Website", 255],
      ["Contact", "FirstName", 40],
      ["Contact", "LastName", 80],
      ["Contact", "Email", 80],
      ["Contact", "MailingCity", 40],
      ["PersonAccount", "FirstName", 40],
      ["PersonAccount", "LastName", 80],
      ["PersonAccount", "PersonEmail", 80],
      ["PersonAccount", "PersonMailingPostalCode", 20],
      ["OrderItem", "Description", 255],
      ["Product2", "Name", 255],
      ["Product2", "ProductCode", 255],
      ["Order", "Description", 32000],
    ];
    for (const [object, field, maxLength] of lengths) {
      expect([object, field, findField(object, field)?.maxLength]).toEqual([object, field, maxLength]);
    }
  });

  it("finds fields case-insensitively and knows person accounts have no Name", () => {
    expect(findField("Account", "billingcity")?.name).toBe("BillingCity");
    expect(findField("PersonAccount", "Name")).toBeUndefined();
    expect(FIELD_CATALOG.PersonAccount.some((field) => field.name === "Jortt_Customer_Id__c")).toBe(true);
  });

  it("strips create-only fields (and their relationship form) for updates", () => {
    const item = { Jortt_Line_Id__c: "x:0", Order: { Jortt_Invoice_Id__c: "x" }, PricebookEntryId: "01u", Quantity: 1 };
    expect(withoutCreateOnlyFields("OrderItem", item)).toEqual({ Jortt_Line_Id__c: "x:0", Quantity: 1 });
  });

  const metadataPresent = existsSync(OBJECTS_DIR);
  (metadataPresent ? it : it.skip)("matches the custom fields defined in salesforce/force-app (sf metadata)", () => {
    const fromXml: Record<string, Record<string, string>> = {};
    for (const sobject of readdirSync(OBJECTS_DIR)) {
      const fieldsDir = join(OBJECTS_DIR, sobject, "fields");
      if (!existsSync(fieldsDir)) continue;
      for (const file of readdirSync(fieldsDir).filter((name) => name.endsWith(".field-meta.xml"))) {
        const xml = readFileSync(join(fieldsDir, file), "utf8");
        const name = xmlTag(xml, "fullName") ?? file.replace(".field-meta.xml", "");
        fromXml[sobject] = { ...fromXml[sobject], [name]: describeXml(xml) };
      }
    }
    expect(fromXml).toEqual(catalogContract());
  });
});
