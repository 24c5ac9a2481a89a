import { parseJorttCustomer } from "../../../shared/domain/jortt/customer-schema";
import { parseJorttInvoice } from "../../../shared/domain/jortt/invoice-schema";
import { addCents, parseCents } from "../../../shared/domain/money";
import { generateJorttDemoData } from "../../../sim/jortt/demo-data";

describe("generateJorttDemoData", () => {
  const options = { seed: 42, customers: 60, invoices: 400 };
  const data = generateJorttDemoData(options);

  it("is deterministic by seed", () => {
    // Compared as JSON: jest's deep equality is slow on thousands of nested records.
    expect(JSON.stringify(generateJorttDemoData(options))).toBe(JSON.stringify(data));
    expect(JSON.stringify(generateJorttDemoData({ ...options, seed: 43 }))).not.toBe(JSON.stringify(data));
  });

  it("produces records the schemas accept", () => {
    for (const customer of data.customers) {
      const result = parseJorttCustomer(customer);
      if (!result.ok) throw result.error;
    }
    for (const invoice of data.invoices) {
      const result = parseJorttInvoice(invoice);
      if (!result.ok) throw result.error;
    }
  });

  it("covers the variety the sync must handle", () => {
    const { customers, invoices } = data;
    expect(customers.some((c) => c.is_private)).toBe(true);
    expect(customers.some((c) => !c.is_private)).toBe(true);
    expect(customers.some((c) => c.email === null)).toBe(true);
    expect(customers.some((c) => c.attn !== null)).toBe(true);
    expect(customers.some((c) => [...c.customer_name].some((ch) => (ch.codePointAt(0) ?? 0) > 127))).toBe(true);
    expect(customers.some((c) => c.archived === undefined)).toBe(true); // legacy shape
    const emails = customers.map((c) => c.email).filter((e) => e !== null);
    expect(new Set(emails).size).toBe(emails.length);

    const drafts = invoices.filter((i) => i.invoice_status === "draft");
    expect(drafts.length).toBeGreaterThan(0);
    expect(drafts.every((i) => i.invoice_number === null)).toBe(true);
    const credits = invoices.filter((i) => i.credited_invoice_id !== null);
    expect(credits.length).toBeGreaterThan(0);
    for (const credit of credits) {
      expect(parseCents(credit.invoice_total.value)).toBeLessThan(0);
      const original = invoices.find((i) => i.id === credit.credited_invoice_id);
      expect(original?.credit_invoice_ids).toContain(credit.id);
    }
    const sent = invoices.filter((i) => i.invoice_status === "sent");
    expect(sent.some((i) => i.invoice_due_amount.value === "0.00")).toBe(true);
    expect(sent.some((i) => i.invoice_due_amount.value !== "0.00")).toBe(true);
    expect(sent.every((i) => /^\d{6}-\d{3}$/.test(i.invoice_number ?? ""))).toBe(true);
    expect(new Set(sent.map((i) => i.invoice_number)).size).toBe(sent.length);
    const rates = new Set(invoices.flatMap((i) => i.line_items.map((l) => l.vat)));
    expect([...rates].sort((a, b) => a - b)).toEqual([0, 9, 21]);
    const lineCounts = new Set(invoices.map((i) => i.line_items.length));
    expect(Math.min(...lineCounts)).toBe(1);
    expect(Math.max(...lineCounts)).toBe(5);
    expect(invoices.some((i) => i.line_items.some((l) => l.number_of_units === undefined))).toBe(true); // legacy lines
  });

  it("keeps totals consistent: incl = excl + VAT, lines sum to excl", () => {
    for (const invoice of data.invoices) {
      const lineSum = addCents(...invoice.line_items.map((l) => parseCents(l.total_amount_excl_vat.value)));
      expect(lineSum).toBe(parseCents(invoice.invoice_total.value));
      expect(parseCents(invoice.invoice_total_incl_vat.value)).toBeGreaterThanOrEqual(
        invoice.credited_invoice_id ? Number.MIN_SAFE_INTEGER : parseCents(invoice.invoice_total.value),
      );
    }
  });

  it("generates 10k invoices quickly", () => {
    const started = performance.now();
    const big = generateJorttDemoData({ seed: 7, customers: 500, invoices: 10_000 });
    expect(big.invoices).toHaveLength(10_000);
    // Generous: CI runs on 2 shared cores; alone it takes well under a second.
    expect(performance.now() - started).toBeLessThan(10_000);
  });
});
