import { parseSettings } from "../../../shared/config/parse-settings";
import { mapInvoice } from "../../../shared/domain/mapping/map-invoice";
import type { MappingContext } from "../../../shared/domain/mapping/mapping-types";
import { invoiceFixture } from "../../fixtures/mapping/load-mapping-fixture";
import { mappingError } from "../../support/mapping-error";

const STANDARD_BOOK = "01s000000000001AAA";
const ctx: MappingContext = {
  settings: parseSettings({}),
  accountModel: "account-contact",
  standardPricebookId: STANDARD_BOOK,
};

function withSettings(raw: unknown): MappingContext {
  return { ...ctx, settings: parseSettings(raw) };
}

describe("mapInvoice: Order", () => {
  it("maps a sent, partly paid invoice to a Draft Order with Jortt's own totals", () => {
    const invoice = invoiceFixture("invoice-multi-line");
    const { records, recordKey, customerId, warnings } = mapInvoice(invoice, ctx);
    expect(recordKey).toBe(`invoice:${invoice.id}`);
    expect(customerId).toBe(invoice.customer_id);
    expect(records.order).toEqual({
      object: "Order",
      sobject: "Order",
      externalIdField: "Jortt_Invoice_Id__c",
      externalId: invoice.id,
      fields: {
        Jortt_Invoice_Id__c: invoice.id,
        Account: { Jortt_Customer_Id__c: invoice.customer_id },
        EffectiveDate: "2024-09-30",
        Status: "Draft",
        Pricebook2Id: STANDARD_BOOK,
        BillingStreet: "Hoofdstraat 12",
        BillingPostalCode: "3512 AB",
        BillingCity: "Utrecht",
        BillingCountry: "NL",
        Jortt_Invoice_Number__c: "202409-014",
        Jortt_Status__c: "sent",
        Jortt_Paid__c: false,
        Jortt_Due_Date__c: "2024-10-30",
        Jortt_Total_Excl_VAT__c: 240.97,
        Jortt_Total_Incl_VAT__c: 256.35,
        Jortt_Due_Amount__c: 100,
        Jortt_Credited_Invoice_Id__c: null,
      },
    });
    expect(warnings).toEqual([]);
  });

  it("writes amounts whose JSON text is exactly Jortt's decimal", () => {
    const { records } = mapInvoice(invoiceFixture("invoice-multi-line"), ctx);
    const json = JSON.stringify(records.order.fields);
    expect(json).toContain('"Jortt_Total_Excl_VAT__c":240.97');
    expect(json).toContain('"Jortt_Total_Incl_VAT__c":256.35');
    expect(JSON.stringify(records.orderItems.map((item) => item.fields.UnitPrice))).toBe("[19.99,12.4,150]");
  });

  it("keeps dates at a year boundary exactly as Jortt gives them and marks a settled invoice paid", () => {
    const invoice = invoiceFixture("invoice-year-boundary");
    const { records } = mapInvoice(invoice, ctx);
    expect(records.order.fields).toMatchObject({
      EffectiveDate: "2024-12-31",
      Jortt_Due_Date__c: "2025-01-01",
      Jortt_Paid__c: true,
      Jortt_Due_Amount__c: 0,
    });
  });

  it("maps a credit note with negative amounts and the credited invoice id", () => {
    const invoice = invoiceFixture("invoice-credit-note");
    const { records } = mapInvoice(invoice, ctx);
    expect(records.order.fields).toMatchObject({
      Jortt_Credited_Invoice_Id__c: "a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c10",
      Jortt_Total_Excl_VAT__c: -59.97,
      Jortt_Total_Incl_VAT__c: -72.56,
      Jortt_Due_Amount__c: -72.56,
      Jortt_Paid__c: false,
    });
    expect(records.orderItems[0]?.fields).toMatchObject({ Quantity: 3, UnitPrice: -19.99, Jortt_VAT_Rate__c: 21 });
  });

  it("maps a draft: no invoice number, Jortt status draft, Order status from the map", () => {
    const invoice = invoiceFixture("invoice-draft");
    const { records } = mapInvoice(invoice, withSettings({ orderStatus: { draft: "Concept" } }));
    expect(records.order.fields).toMatchObject({
      Status: "Concept",
      Jortt_Status__c: "draft",
      Jortt_Invoice_Number__c: null,
      Jortt_Paid__c: false,
    });
  });

  it("takes the Order status from settings: sent, and paid falling back to sent", () => {
    const paid = invoiceFixture("invoice-year-boundary");
    const open = invoiceFixture("invoice-multi-line");
    const custom = withSettings({ orderStatus: { sent: "Sent", paid: "Paid" } });
    expect(mapInvoice(open, custom).records.order.fields.Status).toBe("Sent");
    expect(mapInvoice(paid, custom).records.order.fields.Status).toBe("Paid");
    expect(mapInvoice(paid, withSettings({ orderStatus: { sent: "Sent" } })).records.order.fields.Status).toBe("Sent");
  });

  it("leaves Pricebook2Id out when the context has no standard book id", () => {
    const { records } = mapInvoice(invoiceFixture("invoice-multi-line"), { ...ctx, standardPricebookId: undefined });
    expect(records.order.fields).not.toHaveProperty("Pricebook2Id");
    expect(records.pricebookEntries[0]?.fields).not.toHaveProperty("Pricebook2Id");
  });

  it("rejects an invoice without customer or invoice date as a data error", () => {
    const invoice = invoiceFixture("invoice-multi-line", { customer_id: null, invoice_date: null });
    const error = mappingError(() => mapInvoice(invoice, ctx));
    expect(error.errorClass).toBe("data");
    expect(error.recordKey).toBe(`invoice:${invoice.id}`);
    expect(error.field).toBe("Order.AccountId");
    expect(error.message).toContain("Order.EffectiveDate");
  });
});

describe("mapInvoice: OrderItems", () => {
  it("maps each line with a 0-based line id, exact quantity and price, VAT as a percent", () => {
    const invoice = invoiceFixture("invoice-multi-line");
    const { records } = mapInvoice(invoice, ctx);
    expect(records.orderItems.map((item) => item.externalId)).toEqual([
      `${invoice.id}:0`,
      `${invoice.id}:1`,
      `${invoice.id}:2`,
    ]);
    expect(records.orderItems.map((item) => item.fields)).toEqual([
      {
        Jortt_Line_Id__c: `${invoice.id}:0`,
        Order: { Jortt_Invoice_Id__c: invoice.id },
        Quantity: 3,
        UnitPrice: 19.99,
        Description: "Appeltaart groot [SKU: APT-001]",
        Jortt_VAT_Rate__c: 21,
      },
      {
        Jortt_Line_Id__c: `${invoice.id}:1`,
        Order: { Jortt_Invoice_Id__c: invoice.id },
        Quantity: 2.5,
        UnitPrice: 12.4,
        Description: "Broodjes   assorti  (per kg)",
        Jortt_VAT_Rate__c: 9,
      },
      {
        Jortt_Line_Id__c: `${invoice.id}:2`,
        Order: { Jortt_Invoice_Id__c: invoice.id },
        Quantity: 1,
        UnitPrice: 150,
        Description: "Bezorgkosten buiten de regio",
        Jortt_VAT_Rate__c: 0,
      },
    ]);
    expect(records.orderItems.every((item) => item.object === "OrderItem" && item.sobject === "OrderItem")).toBe(true);
  });

  it("reads a 2020-shaped line (deprecated units and vat only) and ignores its wrong line total", () => {
    const { records } = mapInvoice(invoiceFixture("invoice-legacy-2020"), ctx);
    expect(records.orderItems[0]?.fields).toMatchObject({ Quantity: 4, UnitPrice: 499, Jortt_VAT_Rate__c: 21 });
    expect(records.order.fields.Jortt_Total_Excl_VAT__c).toBe(1996);
  });

  it("reads a fractional VAT rate exactly (5.5 % stays 5.5, no float error)", () => {
    const raw = invoiceFixture("invoice-multi-line");
    const invoice = { ...raw, line_items: raw.line_items.map((line) => ({ ...line, vat_basis_points: 550 })) };
    const { records } = mapInvoice(invoice, ctx);
    expect(JSON.stringify(records.orderItems.map((item) => item.fields.Jortt_VAT_Rate__c))).toBe("[5.5,5.5,5.5]");
  });

  it("truncates a line description to OrderItem.Description (255) with a warning", () => {
    const raw = invoiceFixture("invoice-multi-line");
    const long = "Zeer uitgebreide omschrijving ".repeat(12);
    const invoice = {
      ...raw,
      line_items: [{ ...(raw.line_items[0] as (typeof raw.line_items)[number]), description: long }],
    };
    const { records, warnings } = mapInvoice(invoice, ctx);
    expect(records.orderItems[0]?.fields.Description).toHaveLength(255);
    expect(warnings).toContainEqual({
      code: "field.truncated",
      recordKey: `invoice:${raw.id}`,
      object: "OrderItem",
      field: "Description",
      originalLength: long.trim().length,
      maxLength: 255,
    });
  });
});

describe("mapInvoice: products", () => {
  it("single (default): one default product for every line, with a standard-book entry at price 0", () => {
    const { records } = mapInvoice(invoiceFixture("invoice-multi-line"), ctx);
    expect(records.orderItems.map((item) => item.productKey)).toEqual(["default", "default", "default"]);
    expect(records.products).toEqual([
      {
        object: "Product2",
        sobject: "Product2",
        externalIdField: "Jortt_Product_Key__c",
        externalId: "default",
        fields: { Jortt_Product_Key__c: "default", Name: "Jortt invoice line", IsActive: true },
      },
    ]);
    expect(records.pricebookEntries).toEqual([
      {
        productKey: "default",
        fields: {
          Pricebook2Id: STANDARD_BOOK,
          Product2: { Jortt_Product_Key__c: "default" },
          UnitPrice: 0,
          IsActive: true,
        },
      },
    ]);
  });

  it("by-description: one product per normalized description", () => {
    const settings = { products: { strategy: "by-description" } };
    const { records } = mapInvoice(invoiceFixture("invoice-multi-line"), withSettings(settings));
    expect(records.orderItems.map((item) => item.productKey)).toEqual([
      "desc:appeltaart groot [sku: apt-001]",
      "desc:broodjes assorti (per kg)",
      "desc:bezorgkosten buiten de regio",
    ]);
    expect(records.products.map((product) => product.fields.Name)).toEqual([
      "Appeltaart groot [SKU: APT-001]",
      "Broodjes assorti (per kg)",
      "Bezorgkosten buiten de regio",
    ]);
    expect(records.pricebookEntries).toHaveLength(3);
  });

  it("by-description: a description longer than the key keeps a readable head and a hash", () => {
    const raw = invoiceFixture("invoice-multi-line");
    const line = raw.line_items[0] as (typeof raw.line_items)[number];
    const a = { ...line, description: `${"x".repeat(300)} a` };
    const b = { ...line, description: `${"x".repeat(300)} b` };
    const { records } = mapInvoice(
      { ...raw, line_items: [a, b] },
      withSettings({ products: { strategy: "by-description" } }),
    );
    const [keyA, keyB] = records.orderItems.map((item) => item.productKey);
    expect(keyA).toHaveLength(255);
    expect(keyA).not.toBe(keyB);
    expect(records.products).toHaveLength(2);
  });

  it("by-sku-pattern: the capture group is the key, unmatched lines use the default product", () => {
    const settings = { products: { strategy: "by-sku-pattern", skuPattern: "\\[SKU:\\s*([A-Za-z0-9-]+)\\]" } };
    const { records } = mapInvoice(invoiceFixture("invoice-multi-line"), withSettings(settings));
    expect(records.orderItems.map((item) => item.productKey)).toEqual(["sku:APT-001", "default", "default"]);
    expect(records.products.map((product) => product.fields)).toEqual([
      { Jortt_Product_Key__c: "sku:APT-001", Name: "APT-001", ProductCode: "APT-001", IsActive: true },
      { Jortt_Product_Key__c: "default", Name: "Jortt invoice line", IsActive: true },
    ]);
    expect(records.pricebookEntries.map((entry) => entry.productKey)).toEqual(["sku:APT-001", "default"]);
  });
});
