import { CustomerMessageSchema, type InvoiceMessage, SyncMessageSchema } from "../../../shared/domain/sync-message";
import { SyncError } from "../../../shared/errors/sync-error";
import { fetchChanges } from "../../../shared/use-cases/fetch-changes";
import { type RawRecord, rawCustomer, rawInvoice, rawLine } from "../../support/fakes/jortt-records";
import { UseCaseHarness } from "../../support/fakes/use-case-harness";

function seedJortt(
  h: UseCaseHarness,
  customers: number,
  invoicesPerCustomer: number,
): { customers: RawRecord[]; invoices: RawRecord[] } {
  const cs = Array.from({ length: customers }, () => rawCustomer());
  const is = cs.flatMap((customer) => Array.from({ length: invoicesPerCustomer }, () => rawInvoice(customer)));
  h.jortt.customers = cs;
  h.jortt.invoices = is;
  return { customers: cs, invoices: is };
}

describe("fetchChanges", () => {
  test("first run: every record is new and enqueued, one message per record; invoices carry their raw customer", async () => {
    const h = new UseCaseHarness();
    const { customers, invoices } = seedJortt(h, 150, 1);
    const summary = await h.fetch();

    expect(summary.status).toBe("succeeded");
    expect(summary.counts).toMatchObject({
      pages: 4,
      customersScanned: 150,
      invoicesScanned: 150,
      customersEnqueued: 150,
      invoicesEnqueued: 150,
      enqueued: 300,
      unchanged: 0,
      invalid: 0,
      jorttRequests: 4,
      customersFetchedById: 0,
      salesforceApiCalls: 1,
    });
    expect(h.queue.messages).toHaveLength(300);
    for (const message of h.queue.messages) expect(SyncMessageSchema.safeParse(message).success).toBe(true);
    const invoiceMessage = h.queue.messages.find(
      (m): m is InvoiceMessage => m.kind === "invoice" && m.invoice.id === invoices[0]?.id,
    );
    expect(invoiceMessage?.customer).toEqual(customers[0]);
    // The run is recorded with its counts.
    expect(h.state.runs).toHaveLength(1);
    expect(h.state.runs[0]).toMatchObject({
      kind: "fetch",
      status: "succeeded",
      counts: expect.objectContaining({ enqueued: 300 }),
    });
  });

  test("after the sync, a second run enqueues nothing and costs no Salesforce call; a changed record is enqueued alone", async () => {
    const h = new UseCaseHarness();
    const { invoices } = seedJortt(h, 30, 2);
    await h.fetch();
    await h.drainQueue();
    h.org.resetLog();

    const quiet = await h.fetch();
    expect(quiet.counts).toMatchObject({ enqueued: 0, unchanged: 90, invalid: 0, salesforceApiCalls: 0 });
    expect(h.queue.messages).toEqual([]);
    expect(h.org.log).toEqual([]);

    const changed = invoices[7] as RawRecord;
    changed.invoice_due_amount = { value: "0.00", currency: "EUR" };
    const next = await h.fetch();
    expect(next.counts).toMatchObject({ enqueued: 1, unchanged: 89 });
    expect(h.queue.keys()).toEqual([`invoice:${changed.id}`]);
  });

  test("an invalid record is dead-lettered once, with key, field path and reason; a fix enqueues it", async () => {
    const h = new UseCaseHarness();
    const { invoices } = seedJortt(h, 3, 1);
    const broken = invoices[1] as RawRecord;
    broken.invoice_date = "2026-02-30";
    const first = await h.fetch();
    expect(first.counts).toMatchObject({ invalid: 1, invoicesEnqueued: 2 });
    await h.drainQueue();
    expect(h.deadLetters.entries).toHaveLength(1);
    const [entry] = h.deadLetters.entries;
    expect(entry?.reason).toMatchObject({ key: `invoice:${broken.id}`, code: "jortt.invoice.invalid" });
    expect(entry?.reason.message).toContain("invoice_date");
    // The DLQ body is a queue message: a replay after a fix goes straight through sync.
    expect(SyncMessageSchema.safeParse(JSON.parse(entry?.body ?? "")).success).toBe(true);
    expect(h.state.records.get(`invoice:${broken.id}`)).toMatchObject({
      outcome: "invalid",
      errorCode: "jortt.invoice.invalid",
    });

    const second = await h.fetch();
    expect(second.counts).toMatchObject({ invalid: 0, held: 1 });
    expect(h.deadLetters.entries).toHaveLength(1);

    broken.invoice_date = "2026-02-28";
    const fixed = await h.fetch();
    expect(fixed.counts).toMatchObject({ enqueued: 1, unchanged: 5 });
    expect(h.queue.keys()).toEqual([`invoice:${broken.id}`]);
  });

  test("a record whose mapping fails (no customer on the invoice) is dead-lettered as invalid", async () => {
    const h = new UseCaseHarness();
    const { invoices } = seedJortt(h, 1, 1);
    (invoices[0] as RawRecord).customer_id = null;
    const summary = await h.fetch();
    expect(summary.counts.invalid).toBe(1);
    expect(h.deadLetters.entries[0]?.reason).toMatchObject({ code: "mapping.invalid-record" });
    expect(h.deadLetters.entries[0]?.reason.message).toContain("Order.AccountId");
  });

  test("dead-lettered and quarantined records with an unchanged hash are held, not re-enqueued", async () => {
    const h = new UseCaseHarness();
    const { customers } = seedJortt(h, 2, 0);
    await h.fetch();
    const [quarantined, changed] = h.queue.drain();
    for (const message of [quarantined, changed]) {
      if (!message) throw new Error("missing message");
      await h.state.putRecordStates([
        {
          key: message.key,
          kind: "customer",
          hash: message.hash,
          outcome: "quarantined",
          salesforceIds: {},
          runId: "r",
          updatedAt: "t",
        },
      ]);
    }
    (customers[1] as RawRecord).phonenumber = "06-12345678";
    const summary = await h.fetch();
    expect(summary.counts).toMatchObject({ held: 1, customersEnqueued: 1 });
    expect(h.queue.keys()).toEqual([changed?.key]);
  });

  test("only the configured invoice statuses are scanned; overlapping filters enqueue a record once", async () => {
    const h = new UseCaseHarness({ settings: { invoiceStatuses: ["draft"] } });
    const customer = rawCustomer();
    const draft = rawInvoice(customer, { invoice_status: "draft", invoice_number: null });
    const sentPaid = rawInvoice(customer, { invoice_due_amount: { value: "0.00", currency: "EUR" } });
    const sentOpen = rawInvoice(customer);
    h.jortt.customers = [customer];
    h.jortt.invoices = [draft, sentPaid, sentOpen];

    await h.fetch();
    expect(h.queue.keys().filter((k) => k.startsWith("invoice:"))).toEqual([`invoice:${draft.id}`]);
    expect(h.jortt.requests.some((path) => path.includes("invoice_status=sent"))).toBe(false);

    const both = new UseCaseHarness({ settings: { invoiceStatuses: ["sent", "unpaid"] } });
    both.jortt.customers = [customer];
    both.jortt.invoices = [draft, sentPaid, sentOpen];
    const summary = await both.fetch();
    expect(
      both.queue
        .keys()
        .filter((k) => k.startsWith("invoice:"))
        .sort(),
    ).toEqual([`invoice:${sentPaid.id}`, `invoice:${sentOpen.id}`].sort());
    expect(summary.counts.duplicates).toBe(1);
  });

  test("ids repeated across pages (offset drift) are enqueued once", async () => {
    const h = new UseCaseHarness();
    const { customers } = seedJortt(h, 5, 0);
    h.jortt.pageSize = 2;
    h.jortt.shiftedIds.add(String(customers[1]?.id));
    const summary = await h.fetch();
    // 3 customer pages + the (empty) invoice page.
    expect(summary.counts).toMatchObject({ customersEnqueued: 5, duplicates: 1, pages: 4 });
    expect(new Set(h.queue.keys()).size).toBe(5);
  });

  test("an invoice whose customer is not in the scan gets it by id (once); an unknown customer travels as null", async () => {
    const h = new UseCaseHarness();
    const archived = rawCustomer();
    const unknown = rawCustomer();
    h.jortt.customers = [];
    h.jortt.invoices = [rawInvoice(archived), rawInvoice(archived), rawInvoice(unknown)];
    const lookup = h.jortt.getCustomer.bind(h.jortt);
    h.jortt.getCustomer = async (id) => {
      if (id === archived.id) return { ok: true, id, value: {} as never, raw: archived };
      return lookup(id);
    };
    const summary = await h.fetch();
    expect(summary.counts.customersFetchedById).toBe(2);
    const messages = h.queue.messages as InvoiceMessage[];
    expect(messages.map((m) => m.customer?.id ?? null)).toEqual([archived.id, archived.id, null]);
  });

  test("a customer beyond the in-memory cap is fetched by id when an invoice needs it", async () => {
    const h = new UseCaseHarness();
    const { customers } = seedJortt(h, 3, 1);
    const deps = { ...h.fetchDeps(), customerCacheSize: 1 };
    const summary = await fetchChanges(deps, { runId: "capped" });
    expect(summary.counts.customersFetchedById).toBe(2);
    const messages = h.queue.messages.filter((m): m is InvoiceMessage => m.kind === "invoice");
    expect(messages.map((m) => m.customer?.id).sort()).toEqual(customers.map((c) => c.id).sort());
  });

  test("a Jortt rate limit ends the run as stopped and records it; what was enqueued stays", async () => {
    const h = new UseCaseHarness();
    seedJortt(h, 250, 0);
    h.jortt.failOnRequest(
      2,
      new SyncError("Jortt request.throttled", {
        code: "request.throttled",
        errorClass: "rate-limit",
        source: "jortt",
      }),
    );
    const summary = await h.fetch();
    expect(summary.status).toBe("stopped");
    expect(summary.error).toMatchObject({ code: "request.throttled" });
    expect(summary.counts.customersEnqueued).toBe(100);
    expect(h.state.runs[0]).toMatchObject({ status: "stopped", errorCode: "request.throttled" });
  });

  test("the account model is resolved once per 24 h (one describe), and decides the mapping", async () => {
    const h = new UseCaseHarness({ org: { personAccounts: true } });
    const person = rawCustomer({
      is_private: true,
      first_name: "Piet",
      last_name: "Jansen",
      customer_name: "Piet Jansen",
    });
    h.jortt.customers = [person];
    await h.fetch();
    await h.fetch();
    expect(h.org.calls("describe")).toHaveLength(1);
    h.advance(25 * 60 * 60 * 1000);
    await h.fetch();
    expect(h.org.calls("describe")).toHaveLength(2);
    const message = CustomerMessageSchema.parse(h.queue.messages[0]);
    // Synced with the same model, the hash matches: nothing is enqueued again.
    await h.drainQueue();
    const summary = await h.fetch();
    expect(summary.counts).toMatchObject({ unchanged: 1, enqueued: 0 });
    expect(h.org.findBy("Account", "Jortt_Customer_Id__c", message.customer.id)[0]?.IsPersonAccount).toBe(true);
  });

  test("a changed line is enqueued and synced with a handful of calls", async () => {
    const h = new UseCaseHarness();
    const { invoices } = seedJortt(h, 10, 1);
    await h.fetch();
    await h.drainQueue();
    h.org.resetLog();
    const invoice = invoices[3] as RawRecord;
    invoice.line_items = [rawLine({ description: "Only line" })];
    await h.fetch();
    const [result] = await h.drainQueue();
    expect(result?.counts.synced).toBe(1);
    // The Order, the removed line and the kept line: one Composite call.
    expect(h.org.log.map((e) => e.op)).toEqual(["composite"]);
    expect(h.org.findBy("OrderItem", "Jortt_Line_Id__c", `${invoice.id}:1`)).toEqual([]);
  });
});
