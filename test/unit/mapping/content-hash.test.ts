import { parseSettings } from "../../../shared/config/parse-settings";
import { canonicalJson, contentHash, mappingContentHash } from "../../../shared/domain/content-hash";
import { mapCustomer } from "../../../shared/domain/mapping/map-customer";
import { mapInvoice } from "../../../shared/domain/mapping/map-invoice";
import { MAPPING_VERSION } from "../../../shared/domain/mapping/mapping-version";
import { customerFixture, invoiceFixture } from "../../fixtures/mapping/load-mapping-fixture";

const ctx = { settings: parseSettings({}), accountModel: "account-contact" as const };

describe("canonicalJson", () => {
  it("sorts keys at every depth, keeps array order, drops undefined", () => {
    expect(canonicalJson({ b: 1, a: { d: [3, 1], c: undefined, b: null } })).toBe('{"a":{"b":null,"d":[3,1]},"b":1}');
  });

  it("writes -0 as 0 and refuses values JSON would silently change", () => {
    expect(canonicalJson({ x: -0 })).toBe('{"x":0}');
    expect(() => canonicalJson({ x: Number.NaN })).toThrow(TypeError);
    expect(() => canonicalJson({ x: 1n })).toThrow(TypeError);
  });
});

describe("contentHash", () => {
  it("is a sha256 hex digest, stable under key order", () => {
    const a = contentHash({ name: "Acme", city: "Utrecht", lines: [{ q: 1, p: 2 }] });
    const b = contentHash({ lines: [{ p: 2, q: 1 }], city: "Utrecht", name: "Acme" });
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(a).toBe(b);
  });

  it("changes with content, with array order and with the mapping version", () => {
    const base = contentHash({ a: [1, 2] });
    expect(contentHash({ a: [2, 1] })).not.toBe(base);
    expect(contentHash({ a: [1, 2, 3] })).not.toBe(base);
    expect(contentHash({ a: [1, 2] }, `${MAPPING_VERSION}-next`)).not.toBe(base);
  });
});

describe("mappingContentHash", () => {
  it("is equal for the same Jortt record whatever its key order", () => {
    const customer = customerFixture("customer-company-attn");
    const reordered = Object.fromEntries(Object.entries(customer).reverse()) as typeof customer;
    expect(mappingContentHash(mapCustomer(reordered, ctx))).toBe(mappingContentHash(mapCustomer(customer, ctx)));
  });

  it("changes when a mapped field changes, not when an unmapped one does", () => {
    const customer = customerFixture("customer-company-attn");
    const base = mappingContentHash(mapCustomer(customer, ctx));
    expect(mappingContentHash(mapCustomer({ ...customer, address_city: "Amersfoort" }, ctx))).not.toBe(base);
    // payment_term is not mapped: no Salesforce write needed.
    expect(mappingContentHash(mapCustomer({ ...customer, payment_term: 14 }, ctx))).toBe(base);
  });

  it("changes when the invoice is paid (due amount 0) and when the settings change the output", () => {
    const invoice = invoiceFixture("invoice-multi-line");
    const base = mappingContentHash(mapInvoice(invoice, ctx));
    const paid = { ...invoice, invoice_due_amount: { cents: 0, currency: "EUR" } };
    expect(mappingContentHash(mapInvoice(paid, ctx))).not.toBe(base);
    const byDescription = { ...ctx, settings: parseSettings({ products: { strategy: "by-description" } }) };
    expect(mappingContentHash(mapInvoice(invoice, byDescription))).not.toBe(base);
  });
});
