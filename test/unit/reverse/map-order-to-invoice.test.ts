import { parseSettings } from "../../../shared/config/parse-settings";
import type { SettingsInput } from "../../../shared/config/settings-schema";
import { JorttCreateInvoiceV3BodySchema } from "../../../shared/domain/jortt/create-invoice-schema";
import { mapOrderToInvoice } from "../../../shared/domain/reverse/map-order-to-invoice";
import { resolvePaymentMethod, resolvePaymentTermDays } from "../../../shared/domain/reverse/payment-terms";
import {
  type OrderItemRow,
  OrderItemRowSchema,
  type OrderRow,
  OrderRowSchema,
} from "../../../shared/domain/reverse/salesforce-order-rows";
import { mappingError } from "../../support/mapping-error";

const ORDER_ID = "801000000000001AAA";
const CUSTOMER_ID = "11111111-2222-4333-8444-555555555555";

function order(fields: Record<string, unknown> = {}): OrderRow {
  return OrderRowSchema.parse({
    Id: ORDER_ID,
    SystemModstamp: "2026-11-28T10:00:00.000+0000",
    AccountId: "001000000000001AAA",
    EffectiveDate: "2026-11-20",
    Account: { Name: "Acme" },
    ...fields,
  });
}

function line(fields: Record<string, unknown> = {}): OrderItemRow {
  return OrderItemRowSchema.parse({
    Id: "802000000000001AAA",
    OrderId: ORDER_ID,
    Quantity: 1,
    UnitPrice: 10,
    Description: "Work",
    Jortt_VAT_Rate__c: 21,
    Product2: { Name: "Product" },
    ...fields,
  });
}

function settings(input: SettingsInput = {}) {
  return parseSettings(input);
}

describe("mapOrderToInvoice: Order + OrderItems → POST /v3/invoices", () => {
  it("builds v3 lines: quantity as an exact string, unit price {amount, EUR}, VAT as an exact fraction", () => {
    const lines = [
      line({ Quantity: 2.5, UnitPrice: 0.1, Jortt_VAT_Rate__c: 21 }),
      line({ Quantity: 3, UnitPrice: 99.99, Jortt_VAT_Rate__c: 9 }),
      line({ Quantity: 1, UnitPrice: 12.34, Jortt_VAT_Rate__c: 5.5 }),
      line({ Quantity: -1, UnitPrice: 1234567.89, Jortt_VAT_Rate__c: 0 }),
      line({ Quantity: 0.25, UnitPrice: 0.3, Jortt_VAT_Rate__c: null }),
    ];
    const { body } = mapOrderToInvoice(order(), lines, CUSTOMER_ID, settings());
    const amount = (item: { amount?: unknown }) => item.amount as { amount: string; currency: string };
    expect(body.line_items?.map((item) => [item.quantity, amount(item).amount, item.vat.value])).toEqual([
      ["2.5", "0.10", "0.21"],
      ["3", "99.99", "0.09"],
      ["1", "12.34", "0.055"],
      ["-1", "1234567.89", "0.00"],
      ["0.25", "0.30", "0.21"], // empty VAT → reverse.defaultVatPercent (21)
    ]);
    expect(body.line_items?.every((item) => amount(item).currency === "EUR" && item.vat.category === null)).toBe(true);
    expect(JorttCreateInvoiceV3BodySchema.safeParse(body).success).toBe(true);
  });

  it("carries the Order Id as reference, the customer, net prices, and no send method or date by default (a draft dated by Jortt)", () => {
    const { body, notices } = mapOrderToInvoice(order(), [line()], CUSTOMER_ID, settings());
    expect(body).toEqual({
      customer_id: CUSTOMER_ID,
      reference: ORDER_ID,
      net_amounts: false,
      line_items: [
        {
          description: "Work",
          quantity: "1",
          amount: { amount: "10.00", currency: "EUR" },
          vat: { value: "0.21", category: null },
        },
      ],
    });
    expect(notices).toEqual([]);
  });

  it("honours sendMethod, the default VAT percent and invoiceDate = order-effective-date", () => {
    const { body } = mapOrderToInvoice(
      order(),
      [line({ Jortt_VAT_Rate__c: null })],
      CUSTOMER_ID,
      settings({ reverse: { sendMethod: "email", defaultVatPercent: 9, invoiceDate: "order-effective-date" } }),
    );
    expect(body).toMatchObject({ send_method: "email", invoice_date: "2026-11-20" });
    expect(body.line_items?.[0]?.vat.value).toBe("0.09");
  });

  it("uses the product name when a line has no description", () => {
    const { body } = mapOrderToInvoice(order(), [line({ Description: "  " })], CUSTOMER_ID, settings());
    expect(body.line_items?.[0]?.description).toBe("Product");
  });

  it("lists every unusable value in one data error, naming fields, never values", () => {
    const error = mappingError(() =>
      mapOrderToInvoice(
        order({ EffectiveDate: null }),
        [
          line({ Description: null, Product2: null }),
          line({ UnitPrice: 12.345, Quantity: null }),
          line({ Jortt_VAT_Rate__c: 150 }),
        ],
        CUSTOMER_ID,
        settings({ reverse: { invoiceDate: "order-effective-date" } }),
      ),
    );
    expect(error).toMatchObject({ code: "mapping.invalid-record", errorClass: "data", recordKey: `order:${ORDER_ID}` });
    expect(error.message).toContain("OrderItem[0].Description: empty, and the product has no name");
    expect(error.message).toContain("OrderItem[1].Quantity: empty");
    expect(error.message).toContain("OrderItem[1].UnitPrice: amount: more than 2 decimals");
    expect(error.message).toContain("OrderItem[2].Jortt_VAT_Rate__c: VAT percentage: outside 0–100 %");
    expect(error.message).toContain("Order.EffectiveDate: missing or not a date");
    expect(mappingError(() => mapOrderToInvoice(order(), [], CUSTOMER_ID, settings())).message).toContain(
      "OrderItem: the Order has no products",
    );
  });
});

describe("payment term and method mappings", () => {
  const reverse = settings({
    reverse: {
      paymentTermDays: { field: "Payment_Terms__c", default: 30, map: { "Net 14": 14, "Net 60": 60 } },
      paymentMethodField: "Payment_Method__c",
      paymentMethodMap: { "Direct Debit": "direct_debit", Prepaid: "already_paid" },
      defaultPaymentMethod: "pay_later",
    },
  }).reverse;

  it.each([
    ["Net 14", 14, false],
    ["  net 60 ", 60, false], // picklist labels differ in case and blanks
    ["45", 45, false], // a Number field's value is used as days
    [21, 21, false],
    [null, 30, false],
    ["", 30, false],
    ["Someday", 30, true],
    ["99999", 30, true], // beyond 3650 days
  ])("term %p → %p days (unmapped: %p)", (value, days, unmapped) => {
    expect(resolvePaymentTermDays({ Payment_Terms__c: value }, reverse)).toEqual({ value: days, unmapped });
  });

  it.each([
    ["Direct Debit", "direct_debit", false],
    ["prepaid", "already_paid", false],
    ["already_paid", "already_paid", false], // already a Jortt method
    [null, "pay_later", false],
    ["Card", "pay_later", true],
  ])("method %p → %p (unmapped: %p)", (value, method, unmapped) => {
    expect(resolvePaymentMethod({ Payment_Method__c: value }, reverse)).toEqual({ value: method, unmapped });
  });

  it("leaves both to Jortt when nothing is configured, and reports unmapped values as notices", () => {
    const plain = settings().reverse;
    expect(resolvePaymentTermDays({ Payment_Terms__c: "Net 14" }, plain)).toEqual({ value: null, unmapped: false });
    expect(resolvePaymentMethod({}, plain)).toEqual({ value: null, unmapped: false });
    const mapped = mapOrderToInvoice(
      order({ Payment_Terms__c: "Someday", Payment_Method__c: "Direct Debit" }),
      [line()],
      CUSTOMER_ID,
      settings({ reverse }),
    );
    expect(mapped.body).toMatchObject({ payment_term: 30, payment_method: "direct_debit" });
    expect(mapped.notices.map((notice) => notice.code)).toEqual(["payment-term.unmapped"]);
  });
});
