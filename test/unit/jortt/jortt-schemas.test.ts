import { readFileSync } from "node:fs";
import { join } from "node:path";
import { JorttCreateCustomerBodySchema } from "../../../shared/domain/jortt/create-customer-schema";
import {
  buildV3LineItem,
  JorttCreateInvoiceV3BodySchema,
  JorttSendInvoiceBodySchema,
} from "../../../shared/domain/jortt/create-invoice-schema";
import { parseJorttCustomer } from "../../../shared/domain/jortt/customer-schema";
import { JorttErrorEnvelopeSchema } from "../../../shared/domain/jortt/error-envelope-schema";
import { isCreditNote, isInvoicePaid, parseJorttInvoice } from "../../../shared/domain/jortt/invoice-schema";
import { isCalendarDate, jorttDateTimeToUtcIso } from "../../../shared/domain/jortt/jortt-primitives";
import { JorttListEnvelopeSchema } from "../../../shared/domain/jortt/list-envelope-schema";

const fixtureDir = join(__dirname, "../../fixtures/jortt");
function fixture<T = Record<string, unknown>>(name: string): T {
  return JSON.parse(readFileSync(join(fixtureDir, name), "utf8")) as T;
}
const broken = fixture<Record<string, unknown>>("broken-records.json");

function expectInvalid(result: ReturnType<typeof parseJorttInvoice> | ReturnType<typeof parseJorttCustomer>) {
  if (result.ok) throw new Error("expected the record to be rejected");
  return result;
}

describe("customer schema", () => {
  it("accepts the 2020 recorded list (nulls, cc_emails null and [], missing newer fields)", () => {
    const page = JorttListEnvelopeSchema.parse(fixture("customers-page-2020.json"));
    expect(page._links.next).toBeNull();
    const results = page.data.map(parseJorttCustomer);
    expect(results.every((result) => result.ok)).toBe(true);
    const [jane, , target] = results;
    if (!jane?.ok || !target?.ok) throw new Error("unreachable");
    expect(jane.value.cc_emails).toEqual([]);
    expect(jane.value.email).toBeNull();
    expect(jane.value.archived).toBeNull(); // newer field: absent → null
    expect(target.value.additional_information).toBe("");
    expect(target.id).toBe("21a81a13-312f-4914-886b-75746c300a92");
  });

  it("accepts a current company record, keeps unknown keys and normalises Peppol ids to text", () => {
    const { data } = fixture<{ data: unknown }>("customer-2024-company.json");
    const result = parseJorttCustomer(data);
    if (!result.ok) throw result.error;
    expect(result.value.customer_name).toBe("Bäckerei Müller GmbH");
    expect(result.value.peppol_scheme_code).toBe("KVK");
    expect(result.value.peppol_identifier).toBe("12345677");
    expect(result.value.default_ledger_account_id).toBe("61a5b600-16bc-013d-3d2d-42742b204134"); // not RFC-valid
    expect(result.value.loyalty_tier).toBe("gold");
    expect(result.raw).toBe(data);
  });

  it("accepts a private person with a unicode name and a leap-day birth date", () => {
    const result = parseJorttCustomer(fixture("customer-private-unicode.json"));
    if (!result.ok) throw result.error;
    expect(result.value.customer_name).toBe("Zoë Ğüneş");
    expect(result.value.date_of_birth).toBe("1988-02-29");
  });

  it("rejects a customer without a name, naming the record and field", () => {
    const result = expectInvalid(parseJorttCustomer(broken.customerNoName));
    expect(result.id).toBe("56c5373a-e0f1-45a1-ad3a-17989429e53d");
    expect(result.error.message).toMatch(/^customer 56c5373a…: customer_name: /);
    expect(result.error.field).toBe("customer_name");
    expect(result.error.recordKey).toBe("customer:56c5373a-e0f1-45a1-ad3a-17989429e53d");
    expect(result.error.errorClass).toBe("data");
    expect(result.error.message).not.toContain("x@example.com");
  });

  it("rejects a non-hex id and a string boolean", () => {
    const badId = expectInvalid(parseJorttCustomer(broken.customerBadId));
    expect(badId.id).toBeNull();
    expect(badId.error.message).toMatch(/^customer \(no id\): id: expected a Jortt id/);
    const badBool = expectInvalid(parseJorttCustomer(broken.customerStringPrivate));
    expect(badBool.error.field).toBe("is_private");
  });

  it("rejects an impossible date of birth", () => {
    const raw = { ...fixture<Record<string, unknown>>("customer-private-unicode.json"), date_of_birth: "1987-02-29" };
    expect(expectInvalid(parseJorttCustomer(raw)).error.message).toContain("date_of_birth: expected YYYY-MM-DD");
  });
});

describe("invoice schema", () => {
  it("reads the 2020 recorded invoice: string money to cents, deprecated units/vat resolved", () => {
    const { data } = fixture<{ data: unknown }>("invoice-2020-sent.json");
    const result = parseJorttInvoice(data);
    if (!result.ok) throw result.error;
    const invoice = result.value;
    expect(invoice.invoice_total).toEqual({ cents: 199_600, currency: "EUR" });
    expect(invoice.invoice_total_incl_vat.cents).toBe(241_516);
    expect(invoice.invoice_due_amount.cents).toBe(241_516);
    expect(invoice.invoice_date).toBe("2020-09-24");
    const [line] = invoice.line_items;
    expect(line?.quantity).toBe("4");
    expect(line?.vat_basis_points).toBe(2_100);
    expect(line?.vat).toBe(21); // raw value kept with its own meaning
    expect(line?.amount_per_unit.cents).toBe(49_900);
    // Newer fields absent in 2020 parse to their empty forms.
    expect(invoice.discounts).toEqual([]);
    expect(invoice.credit_invoice_ids).toEqual([]);
    expect(invoice.tradename_id).toBeNull();
    expect(isInvoicePaid(invoice)).toBe(false);
    expect(isCreditNote(invoice)).toBe(false);
  });

  it("reads a current multi-rate invoice and keeps unknown keys", () => {
    const { data } = fixture<{ data: unknown }>("invoice-2024-full.json");
    const result = parseJorttInvoice(data);
    if (!result.ok) throw result.error;
    const invoice = result.value;
    expect(
      invoice.line_items.map((line) => [line.quantity, line.vat_basis_points, line.amount_per_unit.cents]),
    ).toEqual([
      ["7.5", 2_100, 9_500],
      ["12", 900, 1_850],
      ["1", 0, 9_600],
    ]);
    expect(invoice.invoice_total.cents).toBe(103_050);
    expect(invoice.invoice_due_amount.cents).toBe(60_011);
    expect(invoice.customer_mail_cc_addresses).toEqual(["inkoop@example.com"]);
    expect(invoice.labels).toEqual([{ id: "57aab2d0-16b8-013d-3d2c-42742b204134", description: "Export" }]);
    expect(jorttDateTimeToUtcIso(invoice.created_at)).toBe("2024-03-28T09:12:03.000Z");
  });

  it("reads a credit note with negative amounts and its link to the original", () => {
    const result = parseJorttInvoice(fixture<{ data: unknown }>("invoice-credit-note.json").data);
    if (!result.ok) throw result.error;
    expect(result.value.invoice_total.cents).toBe(-9_600);
    expect(result.value.line_items[0]?.amount_per_unit.cents).toBe(-9_600);
    expect(result.value.credited_invoice_id).toBe("7b0e4c2a-5d1f-4e8a-9c3b-2f6d8e1a4b7c");
    expect(isCreditNote(result.value)).toBe(true);
  });

  it("reads a draft with nulls, short decimals, a numeric amount and a string credit_invoice_ids", () => {
    const result = parseJorttInvoice(fixture<{ data: unknown }>("invoice-draft.json").data);
    if (!result.ok) throw result.error;
    const invoice = result.value;
    expect(invoice.invoice_number).toBeNull();
    expect(invoice.customer_id).toBeNull();
    expect(invoice.invoice_total.cents).toBe(10); // "0.1"
    expect(invoice.invoice_total_incl_vat.cents).toBe(12); // 0.12 as a JSON number
    expect(invoice.customer_mail_cc_addresses).toEqual([]);
    expect(invoice.discounts).toEqual([]);
    expect(invoice.credit_invoice_ids).toEqual(["e508ba44-f8a9-4aa9-b4e8-8d071a3454c4"]);
    expect(invoice.line_items[0]?.quantity).toBe("0.5");
  });

  it("rejects an impossible invoice_date with the readable path", () => {
    const result = expectInvalid(parseJorttInvoice(broken.invoiceBadDate));
    expect(result.error.message).toBe("invoice 3179bbce…: invoice_date: expected YYYY-MM-DD (a real calendar date)");
    expect(result.error.field).toBe("invoice_date");
    expect(result.error.code).toBe("jortt.invoice.invalid");
  });

  it("rejects comma decimals and float noise in money instead of guessing", () => {
    expect(expectInvalid(parseJorttInvoice(broken.invoiceCommaMoney)).error.message).toContain(
      "invoice_total.value: amount: not a decimal number (7 characters, has a comma)",
    );
    expect(expectInvalid(parseJorttInvoice(broken.invoiceFloatGarbage)).error.message).toContain(
      "invoice_total.value: amount: more than 2 decimals",
    );
  });

  it("rejects an unknown status, a line without quantity and a record without id", () => {
    expect(expectInvalid(parseJorttInvoice(broken.invoiceUnknownStatus)).error.message).toContain(
      "invoice_status: expected draft or sent",
    );
    expect(expectInvalid(parseJorttInvoice(broken.invoiceLineWithoutQuantity)).error.message).toContain(
      "line_items[0].number_of_units: missing quantity",
    );
    const noId = expectInvalid(parseJorttInvoice(broken.invoiceNoId));
    expect(noId.id).toBeNull();
    expect(noId.error.recordKey).toBeUndefined();
    expect(noId.error.message).toMatch(/^invoice \(no id\): id: /);
  });

  it("reports several problems at once, capped for readability", () => {
    const raw = {
      ...(broken.invoiceBadDate as object),
      invoice_due_date: "2020-13-01",
      created_at: "yesterday",
      line_items: "none",
    };
    const message = expectInvalid(parseJorttInvoice(raw)).error.message;
    expect(message).toContain("invoice_date:");
    expect(message).toContain("invoice_due_date:");
    expect(message).toMatch(/\(\+1 more\)$/);
  });
});

describe("envelopes and request bodies", () => {
  it("parses the recorded error bodies, including a detail without param", () => {
    const missing = JorttErrorEnvelopeSchema.parse(fixture("error-422-customer-missing.json"));
    expect(missing.error.details.map((detail) => detail.param)).toEqual(["is_private", "customer_name"]);
    const directDebit = JorttErrorEnvelopeSchema.parse(fixture("error-422-direct-debit.json"));
    expect(directDebit.error.details[0]?.param).toBeUndefined();
  });

  it("requires _links.next to be present on a list page", () => {
    expect(JorttListEnvelopeSchema.safeParse({ data: [] }).success).toBe(false);
    expect(JorttListEnvelopeSchema.safeParse({ data: [], _links: { next: null } }).success).toBe(true);
  });

  it("builds a v3 line exactly and validates the create body", () => {
    const line = buildV3LineItem({
      description: "Consultancy",
      quantity: "7.5",
      unitPriceCents: 9_500,
      vatBasisPoints: 2_100,
    });
    expect(line).toEqual({
      description: "Consultancy",
      quantity: "7.5",
      amount: { amount: "95.00", currency: "EUR" },
      vat: { value: "0.21", category: null },
    });
    const parsed = JorttCreateInvoiceV3BodySchema.parse({
      customer_id: "c3a1f0e2-8b4d-4f6a-a2c9-1e7d5b3f9a06",
      line_items: [line],
    });
    expect(parsed.line_items?.[0]?.vat.value).toBe(2_100);
    expect(parsed.line_items?.[0]?.amount.cents).toBe(9_500);
  });

  it("rejects a v3 line with a percent where a fraction belongs", () => {
    const result = JorttCreateInvoiceV3BodySchema.safeParse({
      line_items: [
        {
          description: "x",
          quantity: "1",
          amount: { amount: "1.00", currency: "EUR" },
          vat: { value: "21", category: null },
        },
      ],
    });
    expect(result.success).toBe(false);
  });

  it("checks create-customer and send bodies like Jortt", () => {
    expect(JorttCreateCustomerBodySchema.safeParse({ is_private: true, customer_name: "Jane Doe" }).success).toBe(true);
    const company = JorttCreateCustomerBodySchema.safeParse({ is_private: false, customer_name: "ACME B.V." });
    expect(company.success).toBe(false);
    expect(company.error?.issues.map((issue) => issue.path.join("."))).toEqual([
      "address_street",
      "address_postal_code",
      "address_city",
    ]);
    expect(JorttSendInvoiceBodySchema.safeParse({ send_method: "self" }).success).toBe(true);
    expect(JorttSendInvoiceBodySchema.safeParse({ send_method: "email" }).success).toBe(false);
  });

  it("knows the calendar", () => {
    expect(isCalendarDate("2024-02-29")).toBe(true);
    expect(isCalendarDate("2023-02-29")).toBe(false);
    expect(isCalendarDate("2024-04-31")).toBe(false);
    expect(isCalendarDate("2024-4-1")).toBe(false);
  });
});
