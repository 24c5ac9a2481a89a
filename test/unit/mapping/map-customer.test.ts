import { parseSettings } from "../../../shared/config/parse-settings";
import { mapCustomer } from "../../../shared/domain/mapping/map-customer";
import type { MappingContext } from "../../../shared/domain/mapping/mapping-types";
import { customerFixture } from "../../fixtures/mapping/load-mapping-fixture";
import { mappingError } from "../../support/mapping-error";

const businessOrg: MappingContext = { settings: parseSettings({}), accountModel: "account-contact" };
const personOrg: MappingContext = {
  settings: parseSettings({}),
  accountModel: "person-accounts",
  personAccountRecordTypeId: "012000000000001AAA",
};

describe("mapCustomer: company", () => {
  it("maps a company with attn to an Account and a Contact named after attn", () => {
    const customer = customerFixture("customer-company-attn");
    const result = mapCustomer(customer, businessOrg);

    expect(result.recordKey).toBe(`customer:${customer.id}`);
    expect(result.isPersonAccount).toBe(false);
    expect(result.records.account).toEqual({
      object: "Account",
      sobject: "Account",
      externalIdField: "Jortt_Customer_Id__c",
      externalId: customer.id,
      fields: {
        Jortt_Customer_Id__c: customer.id,
        Name: "Bakkerij De Gouden Korst B.V.",
        BillingStreet: "Hoofdstraat 12",
        BillingPostalCode: "3512 AB",
        BillingCity: "Utrecht",
        BillingCountry: "NL",
        ShippingStreet: "Hoofdstraat 12",
        ShippingPostalCode: "3512 AB",
        ShippingCity: "Utrecht",
        ShippingCountry: "NL",
        Phone: "+31 30 123 4567",
        Website: "https://goudenkorst.nl",
      },
    });
    expect(result.records.contact?.fields).toEqual({
      Jortt_Customer_Id__c: customer.id,
      Account: { Jortt_Customer_Id__c: customer.id },
      FirstName: "Marieke",
      LastName: "van den Berg",
      // Trimmed; case kept as Jortt has it.
      Email: "Administratie@GoudenKorst.nl",
    });
    expect(result.matchEmail).toBe("administratie@goudenkorst.nl");
    expect(result.warnings).toEqual([]);
  });

  it("names the Contact of a company without attn after the whole company name", () => {
    const result = mapCustomer(customerFixture("customer-company-no-attn"), businessOrg);
    expect(result.records.contact?.fields).toMatchObject({
      FirstName: null,
      LastName: "Installatiebedrijf Jansen",
      Email: null,
    });
    expect(result.records.account.fields).toMatchObject({ Phone: null, Website: null });
    expect(result.matchEmail).toBeNull();
  });

  it("keeps unicode intact", () => {
    const result = mapCustomer(customerFixture("customer-unicode"), businessOrg);
    expect(result.records.account.fields).toMatchObject({
      Name: "Café Ærø & Søn — Zürich 🍰",
      BillingStreet: "Bahnhofstraße 7",
      BillingCity: "Zürich",
      BillingCountry: "CH",
    });
    expect(result.records.contact?.fields).toMatchObject({ FirstName: "Zoë", LastName: "Ångström-Müller" });
  });

  it("truncates a name longer than Account.Name (255) and warns without the value", () => {
    const customer = customerFixture("customer-long-name");
    const result = mapCustomer(customer, businessOrg);
    const name = result.records.account.fields.Name as string;
    expect(name).toHaveLength(255);
    expect(customer.customer_name.startsWith(name)).toBe(true);
    // The Contact's LastName (80) is cut from the same name.
    expect(result.records.contact?.fields.LastName).toHaveLength(80);
    expect(result.warnings).toEqual([
      {
        code: "field.truncated",
        recordKey: `customer:${customer.id}`,
        object: "Account",
        field: "Name",
        originalLength: customer.customer_name.length,
        maxLength: 255,
      },
      {
        code: "field.truncated",
        recordKey: `customer:${customer.id}`,
        object: "Contact",
        field: "LastName",
        originalLength: customer.customer_name.length,
        maxLength: 80,
      },
    ]);
    expect(JSON.stringify(result.warnings)).not.toContain("Stichting");
  });

  it("never cuts a surrogate pair in half when truncating", () => {
    const customer = customerFixture("customer-unicode", { customer_name: `${"a".repeat(254)}🍰tail` });
    const name = mapCustomer(customer, businessOrg).records.account.fields.Name as string;
    expect(name).toBe("a".repeat(254));
  });

  it("clears an e-mail that is not one address, with a warning, and still maps the record", () => {
    const customer = customerFixture("customer-invalid-email");
    const result = mapCustomer(customer, businessOrg);
    expect(result.records.contact?.fields.Email).toBeNull();
    expect(result.matchEmail).toBeNull();
    expect(result.warnings).toEqual([
      {
        code: "field.invalid-dropped",
        recordKey: `customer:${customer.id}`,
        object: "Contact",
        field: "Email",
        reason: "not an e-mail address",
      },
    ]);
    expect(JSON.stringify(result.warnings)).not.toContain("dubbelmail");
  });

  it("rejects a customer without a usable name as a data error naming the fields", () => {
    const customer = customerFixture("customer-company-no-attn", { customer_name: "   " });
    const error = mappingError(() => mapCustomer(customer, businessOrg));
    expect(error.errorClass).toBe("data");
    expect(error.source).toBe("mapping");
    expect(error.recordKey).toBe(`customer:${customer.id}`);
    expect(error.field).toBe("Account.Name");
    expect(error.message).toContain("Contact.LastName");
  });
});

describe("mapCustomer: private person", () => {
  it("becomes a person account in an org with Person Accounts", () => {
    const customer = customerFixture("customer-private");
    const result = mapCustomer(customer, personOrg);
    expect(result.isPersonAccount).toBe(true);
    expect(result.records.contact).toBeNull();
    expect(result.records.account.object).toBe("PersonAccount");
    expect(result.records.account.sobject).toBe("Account");
    expect(result.records.account.fields).toEqual({
      Jortt_Customer_Id__c: customer.id,
      RecordTypeId: "012000000000001AAA",
      FirstName: "Jan",
      LastName: "de Vries",
      PersonEmail: "jan.devries@example.nl",
      PersonMailingStreet: "Kerkstraat 1",
      PersonMailingPostalCode: "1017 GC",
      PersonMailingCity: "Amsterdam",
      PersonMailingCountry: "NL",
      Phone: "06-12345678",
      Website: null,
    });
    expect(result.records.account.fields).not.toHaveProperty("Name");
    expect(result.matchEmail).toBe("jan.devries@example.nl");
  });

  it("splits the customer name when first/last name are empty", () => {
    const result = mapCustomer(customerFixture("customer-private-name-only"), personOrg);
    expect(result.records.account.fields).toMatchObject({ FirstName: "Sophie", LastName: "van der Linden-Bakker" });
  });

  it("becomes Account (Name) + Contact in an org without Person Accounts", () => {
    const customer = customerFixture("customer-private");
    const result = mapCustomer(customer, businessOrg);
    expect(result.isPersonAccount).toBe(false);
    expect(result.records.account.fields.Name).toBe("Jan de Vries");
    expect(result.records.contact?.fields).toMatchObject({
      FirstName: "Jan",
      LastName: "de Vries",
      Email: "jan.devries@example.nl",
    });
  });

  it("prefers attn, then first/last name, then the split customer name for the Contact", () => {
    const withAttn = customerFixture("customer-private", { attn: "Els de Vries" });
    expect(mapCustomer(withAttn, businessOrg).records.contact?.fields).toMatchObject({
      FirstName: "Els",
      LastName: "de Vries",
    });
    const initialsOnly = customerFixture("customer-private", { first_name: null, initials: "J.P." });
    expect(mapCustomer(initialsOnly, businessOrg).records.contact?.fields).toMatchObject({
      FirstName: "J.P.",
      LastName: "de Vries",
    });
    const nameOnly = customerFixture("customer-private-name-only");
    expect(mapCustomer(nameOnly, businessOrg).records.contact?.fields).toMatchObject({
      FirstName: "Sophie",
      LastName: "van der Linden-Bakker",
    });
  });

  it("leaves RecordTypeId out when the context has none (the caller adds it for writes)", () => {
    const result = mapCustomer(customerFixture("customer-private"), {
      ...personOrg,
      personAccountRecordTypeId: undefined,
    });
    expect(result.records.account.fields).not.toHaveProperty("RecordTypeId");
  });

  it("is pure: the same input maps to equal output and the input is not changed", () => {
    const customer = customerFixture("customer-company-attn");
    const before = JSON.stringify(customer);
    expect(mapCustomer(customer, businessOrg)).toEqual(mapCustomer(customer, businessOrg));
    expect(JSON.stringify(customer)).toBe(before);
  });
});
