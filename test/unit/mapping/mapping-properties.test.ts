import fc from "fast-check";
import { parseSettings } from "../../../shared/config/parse-settings";
import { mappingContentHash } from "../../../shared/domain/content-hash";
import { parseJorttInvoice } from "../../../shared/domain/jortt/invoice-schema";
import { mapInvoice } from "../../../shared/domain/mapping/map-invoice";
import type { MappingContext } from "../../../shared/domain/mapping/mapping-types";
import { rawFixture } from "../../fixtures/mapping/load-mapping-fixture";

/**
 * Properties of the invoice mapping over generated invoices: the Order lines add up to Jortt's own
 * net total to the cent, and mapping is deterministic (same input → same records and hash, whatever
 * the key order of the source JSON).
 */
const ctx: MappingContext = {
  settings: parseSettings({}),
  accountModel: "account-contact",
  standardPricebookId: "01s000000000001AAA",
};

/** Exact decimal text → scaled bigint (no floats), e.g. ("19.99", 2) → 1999n. */
function scaled(text: string, scale: number): bigint {
  const negative = text.startsWith("-");
  const [whole = "0", fraction = ""] = text.replace("-", "").split(".");
  const digits = BigInt(whole + fraction.padEnd(scale, "0").slice(0, scale));
  return negative ? -digits : digits;
}

function formatCents(cents: bigint): string {
  const negative = cents < 0n;
  const abs = negative ? -cents : cents;
  const text = `${abs / 100n}.${String(abs % 100n).padStart(2, "0")}`;
  return negative ? `-${text}` : text;
}

const lineArbitrary = fc.record({
  quantity: fc.integer({ min: 1, max: 500 }),
  quantityHundredths: fc.constantFrom(0, 25, 50, 75),
  unitCents: fc.integer({ min: -500_000, max: 2_000_000 }),
  vat: fc.constantFrom("21.0", "9.0", "0.0"),
  description: fc.string({ minLength: 1, maxLength: 80 }),
});

type GeneratedLine = {
  quantity: number;
  quantityHundredths: number;
  unitCents: number;
  vat: string;
  description: string;
};

function rawInvoice(lines: GeneratedLine[]): Record<string, unknown> {
  const base = rawFixture("invoice-multi-line");
  let totalCents = 0n;
  const lineItems = lines.map((line) => {
    // Quantities with a fraction of .25/.50/.75 and unit prices in cents: their product is an exact
    // number of 1/100 cents; Jortt's total is that product rounded to the cent. We keep it exact by
    // making the line total a whole number of cents (quantity * price divisible by 100).
    const quantityText = `${line.quantity}.${String(line.quantityHundredths).padStart(2, "0")}`;
    const unitCents = BigInt(line.unitCents) * 4n; // multiple of 4 → quarter quantities give whole cents
    const lineCents = (scaled(quantityText, 2) * unitCents) / 100n;
    totalCents += lineCents;
    return {
      description: line.description,
      vat_percentage: line.vat,
      vat: Number(line.vat),
      units: Number(quantityText),
      number_of_units: quantityText,
      amount_per_unit: { value: formatCents(unitCents), currency: "EUR" },
      total_amount_excl_vat: { value: formatCents(lineCents), currency: "EUR" },
      ledger_account_id: null,
    };
  });
  return {
    ...base,
    line_items: lineItems,
    invoice_total: { value: formatCents(totalCents), currency: "EUR" },
    invoice_total_incl_vat: { value: formatCents(totalCents), currency: "EUR" },
  };
}

function parsed(raw: unknown) {
  const result = parseJorttInvoice(raw);
  if (!result.ok) throw result.error;
  return result.value;
}

function shuffledKeys(value: unknown, seed: number): unknown {
  if (Array.isArray(value)) return value.map((item) => shuffledKeys(item, seed));
  if (value === null || typeof value !== "object") return value;
  const entries = Object.entries(value as Record<string, unknown>);
  entries.sort((a, b) => ((a[0].length * 31 + seed) % 7) - ((b[0].length * 31 + seed) % 7));
  return Object.fromEntries(entries.map(([key, item]) => [key, shuffledKeys(item, seed)]));
}

describe("mapInvoice properties", () => {
  it("Order lines add up to Jortt's net total to the cent (0..120 lines)", () => {
    fc.assert(
      fc.property(fc.array(lineArbitrary, { minLength: 0, maxLength: 120 }), (lines) => {
        const raw = rawInvoice(lines);
        const invoice = parsed(raw);
        if (lines.length === 0) {
          expect(invoice.line_items).toHaveLength(0);
        }
        const mapping = mapInvoice(invoice, ctx);
        expect(mapping.records.orderItems).toHaveLength(lines.length);
        // Σ Quantity × UnitPrice, computed exactly from the decimal texts Salesforce would receive.
        const sumHundredthCents = mapping.records.orderItems.reduce((sum, item) => {
          const quantity = scaled(String(item.fields.Quantity), 2);
          const unit = scaled(String(item.fields.UnitPrice), 2);
          return sum + quantity * unit;
        }, 0n);
        const orderTotal = scaled(String(mapping.records.order.fields.Jortt_Total_Excl_VAT__c), 2);
        expect(sumHundredthCents).toBe(orderTotal * 100n);
        expect(formatCents(orderTotal)).toBe((raw.invoice_total as { value: string }).value);
      }),
      { numRuns: 150 },
    );
  });

  it("is deterministic: same input, same records and same hash, whatever the JSON key order", () => {
    fc.assert(
      fc.property(fc.array(lineArbitrary, { minLength: 1, maxLength: 10 }), fc.nat(1000), (lines, seed) => {
        const raw = rawInvoice(lines);
        const first = mapInvoice(parsed(raw), ctx);
        const second = mapInvoice(parsed(structuredClone(raw)), ctx);
        const reordered = mapInvoice(parsed(shuffledKeys(raw, seed)), ctx);
        expect(second.records).toEqual(first.records);
        expect(mappingContentHash(second)).toBe(mappingContentHash(first));
        expect(mappingContentHash(reordered)).toBe(mappingContentHash(first));
      }),
      { numRuns: 100 },
    );
  });

  it("a change in any line's price changes the hash", () => {
    fc.assert(
      fc.property(
        fc.array(lineArbitrary, { minLength: 1, maxLength: 10 }),
        fc.nat(),
        fc.integer({ min: 1, max: 999 }),
        (lines, pick, delta) => {
          const index = pick % lines.length;
          const changed = lines.map((line, i) => (i === index ? { ...line, unitCents: line.unitCents + delta } : line));
          const before = mappingContentHash(mapInvoice(parsed(rawInvoice(lines)), ctx));
          const after = mappingContentHash(mapInvoice(parsed(rawInvoice(changed)), ctx));
          expect(after).not.toBe(before);
        },
      ),
      { numRuns: 100 },
    );
  });
});

describe("mapInvoice with net amounts (prices include VAT)", () => {
  it("keeps UnitPrice exactly as Jortt gives it and the Order totals as Jortt's own", () => {
    const raw = {
      ...rawInvoice([{ quantity: 3, quantityHundredths: 0, unitCents: 3025, vat: "21.0", description: "x" }]),
    };
    raw.net_amounts = true;
    raw.invoice_total_incl_vat = { value: "363.00", currency: "EUR" };
    raw.invoice_total = { value: "300.00", currency: "EUR" };
    const mapping = mapInvoice(parsed(raw), ctx);
    expect(mapping.records.orderItems[0]?.fields.UnitPrice).toBe(121);
    expect(mapping.records.order.fields.Jortt_Total_Excl_VAT__c).toBe(300);
    expect(mapping.records.order.fields.Jortt_Total_Incl_VAT__c).toBe(363);
  });
});
