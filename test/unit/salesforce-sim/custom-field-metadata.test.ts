import { parseCustomFieldXml, readCustomFieldMetadata } from "../../../sim/salesforce/model/read-custom-field-metadata";

describe("custom field metadata reader", () => {
  it("reads the repo's salesforce/ project", () => {
    const fields = readCustomFieldMetadata();
    const line = fields.find(
      (entry) => entry.objectName === "OrderItem" && entry.definition.name === "Jortt_Line_Id__c",
    );
    expect(line?.definition).toMatchObject({
      type: "string",
      length: 255,
      externalId: true,
      unique: true,
      custom: true,
    });
    const rate = fields.find((entry) => entry.definition.name === "Jortt_VAT_Rate__c");
    expect(rate?.definition).toMatchObject({ type: "percent", precision: 5, scale: 2 });
  });

  it("decodes entities and rejects an unknown type", () => {
    const xml = (type: string) =>
      `<?xml version="1.0"?><CustomField xmlns="http://soap.sforce.com/2006/04/metadata"><fullName>X__c</fullName><label>A &amp; B</label><type>${type}</type><length>10</length></CustomField>`;
    expect(parseCustomFieldXml(xml("Text"), "x").label).toBe("A & B");
    expect(() => parseCustomFieldXml(xml("Lookup"), "x")).toThrow(/invalid custom field metadata/);
  });
});
