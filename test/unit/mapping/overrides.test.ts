import { parseSettings } from "../../../shared/config/parse-settings";
import { mapCustomer } from "../../../shared/domain/mapping/map-customer";
import { mapInvoice } from "../../../shared/domain/mapping/map-invoice";
import type { MappingContext } from "../../../shared/domain/mapping/mapping-types";
import { isSyncError } from "../../../shared/errors/sync-error";
import { customerFixture, invoiceFixture } from "../../fixtures/mapping/load-mapping-fixture";

function ctxWith(overrides: Record<string, unknown>, accountModel: MappingContext["accountModel"] = "account-contact") {
  return { settings: parseSettings({ mapping: { overrides } }), accountModel } satisfies MappingContext;
}

describe("mapping overrides: each transform", () => {
  const company = customerFixture("customer-company-attn");
  const invoice = invoiceFixture("invoice-multi-line");

  it("source: copies a Jortt field into a custom field", () => {
    const ctx = ctxWith({ Account: { VAT_Number__c: { source: "customer.vat_number" } } });
    expect(mapCustomer(company, ctx).records.account.fields.VAT_Number__c).toBe("NL123456789B01");
  });

  it("source of an amount writes the exact decimal", () => {
    const ctx = ctxWith({ OrderItem: { Line_Total__c: { source: "line.total_amount_excl_vat" } } });
    const items = mapInvoice(invoice, ctx).records.orderItems;
    expect(items.map((item) => item.fields.Line_Total__c)).toEqual([59.97, 31, 150]);
  });

  it("trim, upper, lower", () => {
    const ctx = ctxWith({
      Account: {
        AccountNumber: { transform: "upper", source: "customer.coc_number" },
        Description: { transform: "lower", source: "customer.customer_name" },
        Padded__c: { transform: "trim", source: "customer.email" },
      },
    });
    const fields = mapCustomer(company, ctx).records.account.fields;
    expect(fields.AccountNumber).toBe("12345678");
    expect(fields.Description).toBe("bakkerij de gouden korst b.v.");
    expect(fields.Padded__c).toBe("Administratie@GoudenKorst.nl");
  });

  it("split-name: first or last part", () => {
    const ctx = ctxWith({
      Contact: {
        FirstName: { transform: "split-name", source: "customer.customer_name", part: "first" },
        LastName: { transform: "split-name", source: "customer.customer_name", part: "last" },
      },
    });
    expect(mapCustomer(company, ctx).records.contact?.fields).toMatchObject({
      FirstName: "Bakkerij",
      LastName: "De Gouden Korst B.V.",
    });
  });

  it("date: a date-time keeps its own local date (never shifted to UTC)", () => {
    const ctx = ctxWith({ Order: { Jortt_Created__c: { transform: "date", source: "invoice.created_at" } } });
    const atMidnight = invoiceFixture("invoice-year-boundary");
    // created_at 2025-01-01T00:30:00+01:00 is 2024-12-31 in UTC: the local date must win.
    expect(mapInvoice(atMidnight, ctx).records.order.fields.Jortt_Created__c).toBe("2025-01-01");
  });

  it("date: text that is no date clears the field with a warning", () => {
    const ctx = ctxWith({ Order: { EndDate: { transform: "date", source: "invoice.reference" } } });
    const result = mapInvoice(invoiceFixture("invoice-multi-line", { reference: "PO 2024/17" }), ctx);
    expect(result.records.order.fields.EndDate).toBeNull();
    expect(result.warnings).toEqual([
      expect.objectContaining({ code: "field.invalid-dropped", object: "Order", field: "EndDate" }),
    ]);
  });

  it("money: a Jortt amount or a decimal string becomes an exact number", () => {
    const ctx = ctxWith({
      Order: {
        Due__c: { transform: "money", source: "invoice.invoice_due_amount" },
        Reference_Amount__c: { transform: "money", source: "invoice.reference" },
      },
    });
    const fields = mapInvoice(invoiceFixture("invoice-multi-line", { reference: "1234.50" }), ctx).records.order.fields;
    expect(fields.Due__c).toBe(100);
    expect(fields.Reference_Amount__c).toBe(1234.5);
  });

  it("constant: a fixed value, also for a standard field", () => {
    const ctx = ctxWith({
      Order: { Type: { transform: "constant", value: "Jortt" } },
      Product2: { Family: { transform: "constant", value: "Bakery" } },
    });
    const records = mapInvoice(invoice, ctx).records;
    expect(records.order.fields.Type).toBe("Jortt");
    expect(records.products[0]?.fields.Family).toBe("Bakery");
  });

  it("regex-extract: a capture group of a line description (SKU-style), null when no match", () => {
    const ctx = ctxWith({
      OrderItem: {
        SKU__c: {
          transform: "regex-extract",
          source: "line.description",
          pattern: "\\[sku:\\s*([\\w-]+)\\]",
          flags: "i",
        },
      },
    });
    const items = mapInvoice(invoice, ctx).records.orderItems;
    expect(items.map((item) => item.fields.SKU__c)).toEqual(["APT-001", null, null]);
  });

  it("omit: removes a default field", () => {
    const ctx = ctxWith({ Account: { BillingCountry: { omit: true }, ShippingCountry: { omit: true } } });
    const fields = mapCustomer(company, ctx).records.account.fields;
    expect(fields).not.toHaveProperty("BillingCountry");
    expect(fields).not.toHaveProperty("ShippingCountry");
    expect(fields.BillingCity).toBe("Utrecht");
  });

  it("overrides are truncated to the catalog length like defaults", () => {
    const ctx = ctxWith({ Order: { Name: { source: "invoice.remarks" } } });
    const result = mapInvoice(invoiceFixture("invoice-multi-line", { remarks: "r".repeat(100) }), ctx);
    expect(result.records.order.fields.Name).toHaveLength(80);
    expect(result.warnings).toEqual([
      expect.objectContaining({ code: "field.truncated", field: "Name", maxLength: 80 }),
    ]);
  });

  it("person accounts take Account rules, then PersonAccount rules, but never an Account Name rule", () => {
    const ctx = ctxWith(
      {
        Account: {
          Name: { transform: "upper", source: "customer.customer_name" },
          Description: { transform: "constant", value: "Jortt" },
        },
        PersonAccount: { PersonBirthdate: { source: "customer.date_of_birth" } },
      },
      "person-accounts",
    );
    const person = customerFixture("customer-private", { date_of_birth: "1980-02-29" });
    const fields = mapCustomer(person, ctx).records.account.fields;
    expect(fields).not.toHaveProperty("Name");
    expect(fields.Description).toBe("Jortt");
    expect(fields.PersonBirthdate).toBe("1980-02-29");
  });

  it("an override that empties a required field makes the record a data error", () => {
    const ctx = ctxWith({ Account: { Name: { source: "customer.vat_number" } } });
    const noVat = customerFixture("customer-company-no-attn");
    try {
      mapCustomer(noVat, ctx);
      throw new Error("expected a data error");
    } catch (error) {
      expect(isSyncError(error) && error.errorClass === "data" && error.field === "Account.Name").toBe(true);
    }
  });
});

describe("mapping overrides: rejected when settings are parsed", () => {
  const cases: [string, Record<string, unknown>, string][] = [
    [
      "unknown source field",
      { Account: { X__c: { source: "customer.vat_nummer" } } },
      "mapping.overrides.Account.X__c.source",
    ],
    ["wrong source root", { Account: { X__c: { source: "invoice.id" } } }, "mapping.overrides.Account.X__c.source"],
    [
      "Product2 reading the invoice",
      { Product2: { X__c: { source: "invoice.id" } } },
      "mapping.overrides.Product2.X__c.source",
    ],
    [
      "external id target",
      { Order: { Jortt_Invoice_Id__c: { source: "invoice.id" } } },
      "mapping.overrides.Order.Jortt_Invoice_Id__c",
    ],
    [
      "parent link target",
      { OrderItem: { OrderId: { transform: "constant", value: "x" } } },
      "mapping.overrides.OrderItem.OrderId",
    ],
    ["bad field name", { Account: { "Bad Name": { source: "customer.id" } } }, "mapping.overrides.Account.Bad Name"],
    [
      "uncompilable pattern",
      { OrderItem: { S__c: { transform: "regex-extract", source: "line.description", pattern: "([" } } },
      "mapping.overrides.OrderItem.S__c.pattern",
    ],
    [
      "missing capture group",
      { OrderItem: { S__c: { transform: "regex-extract", source: "line.description", pattern: "abc", group: 1 } } },
      "mapping.overrides.OrderItem.S__c.group",
    ],
    [
      "unknown transform",
      { Account: { X__c: { transform: "reverse", source: "customer.id" } } },
      "mapping.overrides.Account.X__c.transform",
    ],
    [
      "split-name without part",
      { Contact: { FirstName: { transform: "split-name", source: "customer.attn" } } },
      "mapping.overrides.Contact.FirstName.part",
    ],
    ["empty rule", { Account: { X__c: {} } }, "mapping.overrides.Account.X__c.transform"],
    [
      "constant of the wrong type",
      { Order: { Jortt_Paid__c: { transform: "constant", value: "yes" } } },
      "mapping.overrides.Order.Jortt_Paid__c.value",
    ],
    ["omitting a required field", { Contact: { LastName: { omit: true } } }, "mapping.overrides.Contact.LastName.omit"],
    ["unknown object", { Lead: {} }, "mapping.overrides.Lead"],
  ];

  it.each(cases)("%s", (_name, overrides, path) => {
    try {
      parseSettings({ mapping: { overrides } });
      throw new Error("expected a configuration error");
    } catch (error) {
      if (!isSyncError(error)) throw error;
      expect(error.errorClass).toBe("configuration");
      expect(error.field).toBe(path);
    }
  });
});
