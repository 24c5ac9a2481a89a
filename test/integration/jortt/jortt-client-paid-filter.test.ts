import { formatCents } from "../../../shared/domain/money";
import { generateJorttDemoData, type JorttSandbox, startJorttSandbox } from "../../../sim/jortt";
import { clientFor } from "./sandbox-client";

/**
 * Issue acceptance: 250 paid invoices among others, filtered `paid`, arrive in exactly 3 pages
 * (100 + 100 + 50) and nothing but paid invoices, although Jortt's `next` links drop the filter.
 */
describe("JorttClient ↔ sandbox: 250 invoices filtered paid", () => {
  let sandbox: JorttSandbox;
  const data = generateJorttDemoData({ seed: 250, customers: 40, invoices: 420 });
  const paidIds = new Set<string>();

  beforeAll(async () => {
    // Make exactly 250 sent invoices paid (nothing due) and every other sent invoice unpaid.
    for (const invoice of data.invoices) {
      if (invoice.invoice_status !== "sent") continue;
      if (paidIds.size < 250) {
        invoice.invoice_due_amount = { ...invoice.invoice_due_amount, value: formatCents(0) };
        paidIds.add(invoice.id);
      } else if (invoice.invoice_due_amount.value === "0.00") {
        invoice.invoice_due_amount = { ...invoice.invoice_due_amount, value: "1.00" };
      }
    }
    expect(paidIds.size).toBe(250);
    sandbox = await startJorttSandbox({ data, rateLimitPerSecond: null });
  });
  afterAll(() => sandbox.close());

  it("gets exactly 3 pages and only the 250 paid invoices", async () => {
    const client = clientFor(sandbox);
    const pageSizes: number[] = [];
    const seen: string[] = [];
    for await (const page of client.invoicePages({ status: "paid" })) {
      pageSizes.push(page.records.length);
      seen.push(...page.records.map((record) => record.id));
      expect(page.invalid).toHaveLength(0);
    }
    expect(pageSizes).toEqual([100, 100, 50]);
    expect(new Set(seen).size).toBe(250);
    expect(seen.every((id) => paidIds.has(id))).toBe(true);
    const listRequests = sandbox.stats().requests.filter((request) => request.path === "/invoices");
    expect(listRequests.map((request) => request.query.invoice_status)).toEqual(["paid", "paid", "paid"]);
  });
});
