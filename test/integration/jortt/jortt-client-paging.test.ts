import { parseCents } from "../../../shared/domain/money";
import { generateJorttDemoData, type JorttSandbox, startJorttSandbox } from "../../../sim/jortt";
import { clientFor } from "./sandbox-client";

describe("JorttClient ↔ sandbox: paging", () => {
  let sandbox: JorttSandbox;
  const data = generateJorttDemoData({ seed: 11, customers: 230, invoices: 330 });

  beforeAll(async () => {
    sandbox = await startJorttSandbox({ data, rateLimitPerSecond: null });
  });
  afterAll(() => sandbox.close());
  beforeEach(() => sandbox.reset());

  it("streams every customer across pages (alphabetical, 100 per page, ends on next=null)", async () => {
    const client = clientFor(sandbox);
    const pages = [];
    for await (const page of client.customerPages()) pages.push(page);
    expect(pages.map((page) => page.records.length)).toEqual([100, 100, 30]);
    expect(pages.map((page) => page.isLast)).toEqual([false, false, true]);
    const names = pages.flatMap((page) => page.records.map((record) => record.value.customer_name));
    expect([...names].sort((a, b) => a.localeCompare(b, "nl"))).toEqual(names);
    expect(new Set(pages.flatMap((page) => page.records.map((record) => record.id))).size).toBe(230);
  });

  it("keeps the status filter on every page although Jortt's next href drops it", async () => {
    const expectedSent = data.invoices.filter((invoice) => invoice.invoice_status === "sent");
    expect(expectedSent.length).toBeGreaterThan(200); // spans 3+ pages
    // The trap is real: the sandbox's next link has no invoice_status.
    const probe = await fetch(`${sandbox.url}/invoices?invoice_status=sent&page=1`, {
      headers: { authorization: `Bearer ${await tokenFor(sandbox)}` },
    });
    const body = (await probe.json()) as { _links: { next: { href: string } } };
    expect(body._links.next.href).not.toContain("invoice_status");
    sandbox.reset();

    const client = clientFor(sandbox);
    const seen: string[] = [];
    for await (const page of client.invoicePages({ status: "sent" })) {
      for (const record of page.records) {
        expect(record.value.invoice_status).toBe("sent");
        seen.push(record.id);
      }
    }
    expect(seen.sort()).toEqual(expectedSent.map((invoice) => invoice.id).sort());
    const listCalls = sandbox.stats().requests.filter((request) => request.path === "/invoices");
    const pageCount = Math.ceil(expectedSent.length / 100);
    expect(listCalls.map((request) => request.query.page)).toEqual(
      Array.from({ length: pageCount }, (_, index) => String(index + 1)),
    );
    expect(listCalls.every((request) => request.query.invoice_status === "sent")).toBe(true);
  });

  it("filters paid and unpaid by due amount", async () => {
    const client = clientFor(sandbox);
    const unpaid: string[] = [];
    for await (const page of client.invoicePages({ status: "unpaid" })) unpaid.push(...page.records.map((r) => r.id));
    const expected = data.invoices.filter(
      (i) => i.invoice_status === "sent" && parseCents(i.invoice_due_amount.value) !== 0,
    );
    expect(unpaid.sort()).toEqual(expected.map((i) => i.id).sort());
  });

  it("serves invoices newest first", async () => {
    const client = clientFor(sandbox);
    const created: number[] = [];
    for await (const page of client.invoicePages())
      created.push(...page.records.map((r) => Date.parse(r.value.created_at)));
    expect(created).toHaveLength(330);
    for (let i = 1; i < created.length; i += 1) expect(created[i]).toBeLessThanOrEqual(created[i - 1] as number);
  });

  it("de-duplicates records shifted onto the next page by a create during the scan", async () => {
    const client = clientFor(sandbox);
    const ids: string[] = [];
    let duplicates = 0;
    let createdId: string | undefined;
    try {
      for await (const page of client.invoicePages()) {
        ids.push(...page.records.map((r) => r.id));
        duplicates += page.duplicates;
        // A new invoice lands on top of the newest-first list: every later page shifts by one.
        createdId ??= (await client.createInvoice({ reference: "during-scan" })).id;
      }
    } finally {
      if (createdId) sandbox.store.deleteInvoice(createdId);
    }
    expect(duplicates).toBe(1);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toHaveLength(330);
  });

  it("returns an invalid record separately without losing the rest of its page", async () => {
    const victim = data.invoices[data.invoices.length - 1];
    if (!victim) throw new Error("no invoices");
    const original = { ...victim };
    sandbox.store.updateInvoice(victim.id, {
      invoice_date: "2024-02-30",
      invoice_total: { value: "12,50", currency: "EUR" },
    });
    try {
      const client = clientFor(sandbox);
      const pages = [];
      for await (const page of client.invoicePages()) pages.push(page);
      const first = pages[0];
      expect(first?.invalid).toHaveLength(1); // newest first: the last-generated invoice is on page 1
      expect(first?.records).toHaveLength(99);
      const [bad] = first?.invalid ?? [];
      expect(bad?.id).toBe(victim.id);
      expect(bad?.error.errorClass).toBe("data");
      expect(bad?.error.recordKey).toBe(`invoice:${victim.id}`);
      expect(bad?.error.message).toContain("invoice_date: expected YYYY-MM-DD");
      expect(bad?.error.message).toContain("invoice_total.value");
      expect((bad?.raw as { id?: string } | undefined)?.id).toBe(victim.id);
      expect(pages.reduce((sum, page) => sum + page.records.length, 0)).toBe(329);
    } finally {
      sandbox.store.updateInvoice(victim.id, original);
    }
  });

  it("searches customers and invoices by query (≥3 characters) and finds by exact reference", async () => {
    const client = clientFor(sandbox);
    const withReference = data.invoices.find((invoice) => invoice.reference !== null);
    if (!withReference?.reference) throw new Error("demo data has no reference");
    const found = await client.findInvoicesByReference(withReference.reference);
    expect(found.map((record) => record.id)).toContain(withReference.id);
    expect(found.every((record) => record.value.reference === withReference.reference)).toBe(true);
    const customer = data.customers[0];
    if (!customer) throw new Error("no customers");
    const { records } = await client.searchCustomers(customer.customer_name.slice(0, 5));
    expect(records.map((record) => record.id)).toContain(customer.id);
    await expect(client.searchCustomers("ab")).rejects.toMatchObject({ code: "query.too_short", errorClass: "data" });
  });
});

async function tokenFor(sandbox: JorttSandbox): Promise<string> {
  const response = await fetch(sandbox.tokenUrl, {
    method: "POST",
    headers: {
      authorization: `Basic ${Buffer.from(`${sandbox.clientId}:${sandbox.clientSecret}`).toString("base64")}`,
      "content-type": "application/x-www-form-urlencoded",
    },
    body: "grant_type=client_credentials",
  });
  return ((await response.json()) as { access_token: string }).access_token;
}
