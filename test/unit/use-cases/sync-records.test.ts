import { SyncError } from "../../../shared/errors/sync-error";
import { productCursorName } from "../../../shared/use-cases/sync/resolve-products";
import { type RawRecord, rawCustomer, rawInvoice, rawLine } from "../../support/fakes/jortt-records";
import { customerMessage, incoming, invoiceMessage } from "../../support/fakes/sync-messages";
import { UseCaseHarness } from "../../support/fakes/use-case-harness";

function newInvoices(count: number, lines = 2): { customer: RawRecord; invoice: RawRecord }[] {
  return Array.from({ length: count }, () => {
    const customer = rawCustomer();
    const lineItems = Array.from({ length: lines }, (_, index) => rawLine({ description: `Line ${index}` }));
    return { customer, invoice: rawInvoice(customer, { line_items: lineItems }) };
  });
}

function callSummary(h: UseCaseHarness): string[] {
  return h.org.log.map((entry) =>
    [entry.op, entry.sobject ?? soqlObject(entry.soql), entry.records ? String(entry.records) : ""]
      .filter(Boolean)
      .join(" "),
  );
}

function soqlObject(soql: string | undefined): string {
  return /FROM (\w+)/.exec(soql ?? "")?.[1] ?? "";
}

/** One invoice synced first, so org profile and the default product are cached (the steady state). */
async function warmUp(h: UseCaseHarness): Promise<void> {
  const [first] = newInvoices(1);
  if (!first) throw new Error("no invoice");
  const result = await h.syncBodies([invoiceMessage(first.invoice, first.customer)]);
  expect(result.counts.synced).toBe(1);
  h.org.resetLog();
}

describe("syncRecords: a batch of new records", () => {
  test.each([
    ["one pass (Composite)", true, ["query Contact", "composite 1000"]],
    [
      "step by step",
      false,
      [
        "query Contact",
        "upsert Account 200",
        "upsert Contact 200",
        "upsert Order 200",
        "upsert OrderItem 200",
        "upsert OrderItem 200",
      ],
    ],
  ])(
    "200 new invoices (2 lines) with new customers, %s, once org profile and product are cached",
    async (_mode, compositeWrites, expected) => {
      const h = new UseCaseHarness({ org: { compositeWrites } });
      await warmUp(h);
      const batch = newInvoices(200);
      const result = await h.syncBodies(batch.map(({ customer, invoice }) => invoiceMessage(invoice, customer)));

      expect(result.counts).toEqual({ synced: 200, skipped: 0, quarantined: 0, "dead-lettered": 0, retry: 0 });
      expect(callSummary(h)).toEqual(expected);
      expect(result.salesforceApiCalls).toBe(expected.length);
      expect(result.salesforceApiCalls / 200).toBeLessThanOrEqual(0.1);
      expect(h.org.records("Account")).toHaveLength(201);
      expect(h.org.records("Contact")).toHaveLength(201);
      expect(h.org.records("Order")).toHaveLength(201);
      expect(h.org.records("OrderItem")).toHaveLength(402);
      const order = h.org.findBy("Order", "Jortt_Invoice_Id__c", batch[9]?.invoice.id)[0];
      const account = h.org.findBy("Account", "Jortt_Customer_Id__c", batch[9]?.customer.id)[0];
      expect(order?.AccountId).toBe(account?.Id);
      expect(h.org.findBy("OrderItem", "OrderId", order?.Id)).toHaveLength(2);
      // Every invoice and its implicit customer is in state, with the line ids.
      const states = await h.state.getRecordStates(
        batch.flatMap(({ customer, invoice }) => [`customer:${customer.id}`, `invoice:${invoice.id}`]),
      );
      expect(states.size).toBe(400);
      expect([...states.values()].every((state) => state.outcome === "synced")).toBe(true);
      const invoiceState = states.get(`invoice:${batch[0]?.invoice.id}`);
      expect(Object.keys(invoiceState?.salesforceIds ?? {}).filter((name) => name.startsWith("item:"))).toHaveLength(2);
    },
  );

  test.each([
    ["one pass (Composite)", true, ["composite 250"]],
    ["step by step", false, ["upsert Account 50", "upsert Contact 50", "upsert Order 50", "upsert OrderItem 100"]],
  ])(
    "the very first batch (%s) also resolves org profile and product, in dependency order",
    async (_mode, compositeWrites, writes) => {
      const h = new UseCaseHarness({ org: { compositeWrites } });
      const batch = newInvoices(50);
      const result = await h.syncBodies(batch.map(({ customer, invoice }) => invoiceMessage(invoice, customer)));
      expect(result.counts.synced).toBe(50);
      expect(callSummary(h)).toEqual([
        "describe Account",
        "query Pricebook2",
        "query Contact",
        "upsert Product2 1",
        "query PricebookEntry",
        "create PricebookEntry 1",
        ...writes,
      ]);
      const [order] = h.org.records("Order");
      expect(order?.Pricebook2Id).toBe(h.org.standardPricebookId);
      expect(order?.Status).toBe("Draft");
      expect(order?.EffectiveDate).toBe("2026-11-02");
      const [entry] = h.org.records("PricebookEntry");
      expect(entry).toMatchObject({ IsActive: true, Pricebook2Id: h.org.standardPricebookId });
      expect(h.state.cursors.get(productCursorName("default"))).toContain(String(entry?.Id));
    },
  );

  test("an unchanged batch costs zero Salesforce calls", async () => {
    const h = new UseCaseHarness();
    const batch = newInvoices(20);
    const bodies = batch.flatMap(({ customer, invoice }) => [
      customerMessage(customer),
      invoiceMessage(invoice, customer),
    ]);
    expect((await h.syncBodies(bodies)).counts.synced).toBe(40);
    h.org.resetLog();

    const again = await h.syncBodies(bodies, 2);
    expect(again.counts).toEqual({ synced: 0, skipped: 40, quarantined: 0, "dead-lettered": 0, retry: 0 });
    expect(again.salesforceApiCalls).toBe(0);
    expect(h.org.log).toEqual([]);
    expect(again.results.every((r) => r.code === "unchanged")).toBe(true);
  });

  test.each([
    ["one pass (Composite)", true, ["composite 3"]],
    ["step by step", false, ["upsert Order 1", "upsert OrderItem 2"]],
  ])("an invoice whose customer is already synced writes no customer (%s)", async (_mode, compositeWrites, writes) => {
    const h = new UseCaseHarness({ org: { compositeWrites } });
    const [{ customer, invoice } = newInvoices(1)[0]!] = newInvoices(1);
    await h.syncBodies([customerMessage(customer)]);
    h.org.resetLog();
    const result = await h.syncBodies([invoiceMessage(invoice, customer)]);
    expect(result.counts.synced).toBe(1);
    expect(callSummary(h)).toEqual([
      "query Pricebook2",
      "upsert Product2 1",
      "query PricebookEntry",
      "create PricebookEntry 1",
      ...writes,
    ]);
    const [account] = h.org.records("Account");
    expect(h.org.records("Order")[0]?.AccountId).toBe(account?.Id);
  });
});

describe("syncRecords: duplicates and bad messages", () => {
  test("the same record twice in a batch: the last message wins, the earlier one is acknowledged as skipped", async () => {
    const h = new UseCaseHarness();
    const customer = rawCustomer({ customer_name: "Old Name BV" });
    const renamed = { ...customer, customer_name: "New Name BV" };
    const first = incoming(customerMessage(customer));
    const second = incoming(customerMessage(renamed));
    const result = await h.sync([first, second]);
    expect(result.results).toEqual([
      expect.objectContaining({ messageId: first.messageId, outcome: "skipped", code: "duplicate-in-batch" }),
      expect.objectContaining({ messageId: second.messageId, outcome: "synced" }),
    ]);
    expect(h.org.records("Account").map((a) => a.Name)).toEqual(["New Name BV"]);
    expect(h.org.records("Contact")).toHaveLength(1);
  });

  test("a body that is not the message contract is dead-lettered with the reason; the rest goes on", async () => {
    const h = new UseCaseHarness();
    const customer = rawCustomer();
    const broken = incoming('{"v":1,"key":"customer:x"');
    const wrongShape = incoming({ v: 1, runId: "r", key: "invoice:abc", hash: "h", kind: "invoice", invoice: {} });
    const good = incoming(customerMessage(customer));
    const result = await h.sync([broken, wrongShape, good]);
    expect(result.results.map((r) => r.outcome)).toEqual(["dead-lettered", "dead-lettered", "synced"]);
    expect(h.deadLetters.codes()).toEqual(["message.invalid-json", "message.invalid"]);
    expect(h.deadLetters.entries[1]?.reason.message).toContain("customer");
  });

  test("an invoice with an invalid line (schema) is dead-lettered with the field path", async () => {
    const h = new UseCaseHarness();
    const customer = rawCustomer();
    const invoice = rawInvoice(customer, {
      line_items: [rawLine({ amount_per_unit: { value: "12.345", currency: "EUR" } })],
    });
    const result = await h.syncBodies([
      { v: 1, runId: "r", key: `invoice:${invoice.id}`, hash: "h1", kind: "invoice", invoice, customer },
    ]);
    expect(result.results[0]).toMatchObject({ outcome: "dead-lettered", code: "jortt.invoice.invalid" });
    expect(h.deadLetters.entries[0]?.reason.message).toContain("line_items[0].amount_per_unit");
    expect((await h.state.getRecordStates([`invoice:${invoice.id}`])).get(`invoice:${invoice.id}`)?.outcome).toBe(
      "dead-lettered",
    );
  });

  test("an invoice whose customer is neither synced nor carried is dead-lettered (CUSTOMER_UNAVAILABLE)", async () => {
    const h = new UseCaseHarness();
    const customer = rawCustomer();
    const result = await h.syncBodies([invoiceMessage(rawInvoice(customer), null)]);
    expect(result.results[0]).toMatchObject({ outcome: "dead-lettered", code: "CUSTOMER_UNAVAILABLE" });
    expect(h.org.calls("upsert")).toEqual([]);
  });
});

describe("syncRecords: matching customers by e-mail", () => {
  test("two Contacts with the customer's e-mail: quarantined with AMBIGUOUS_EMAIL_MATCH, its invoice too, nothing created", async () => {
    const h = new UseCaseHarness();
    const customer = rawCustomer({ email: "Info@Example.nl " });
    h.org.seed("Contact", { LastName: "A", Email: "info@example.nl" });
    h.org.seed("Contact", { LastName: "B", Email: "INFO@example.nl" });
    const other = newInvoices(1)[0]!;
    const result = await h.syncBodies([
      customerMessage(customer),
      invoiceMessage(rawInvoice(customer), customer),
      invoiceMessage(other.invoice, other.customer),
    ]);
    expect(result.results.map((r) => [r.outcome, r.code])).toEqual([
      ["quarantined", "AMBIGUOUS_EMAIL_MATCH"],
      ["quarantined", "AMBIGUOUS_EMAIL_MATCH"],
      ["synced", undefined],
    ]);
    expect(h.deadLetters.keys()).toEqual([`customer:${customer.id}`, expect.stringMatching(/^invoice:/)]);
    expect(h.deadLetters.entries[0]?.reason.hint).toContain(String(customer.id));
    expect(JSON.stringify(h.deadLetters.entries.map((e) => e.reason))).not.toContain("example.nl");
    expect(h.org.findBy("Account", "Jortt_Customer_Id__c", customer.id)).toEqual([]);
    const state = (await h.state.getRecordStates([`customer:${customer.id}`])).get(`customer:${customer.id}`);
    expect(state).toMatchObject({ outcome: "quarantined", errorCode: "AMBIGUOUS_EMAIL_MATCH" });
    // One query served the e-mail addresses of the whole batch.
    expect(h.org.calls("query").filter((c) => c.soql?.includes("FROM Contact"))).toHaveLength(1);
  });

  test("after a person links the right Contact, the replay adopts nothing else and syncs", async () => {
    const h = new UseCaseHarness();
    const customer = rawCustomer({ email: "info@example.nl" });
    const accountId = h.org.seed("Account", { Name: "Right BV" });
    const right = h.org.seed("Contact", { LastName: "A", Email: "info@example.nl", AccountId: accountId });
    h.org.seed("Contact", { LastName: "B", Email: "info@example.nl" });
    const message = customerMessage(customer);
    expect((await h.syncBodies([message])).results[0]?.outcome).toBe("quarantined");

    await h.org.updateRecords("Contact", [{ Id: right, Jortt_Customer_Id__c: customer.id }]);
    await h.org.updateRecords("Account", [{ Id: accountId, Jortt_Customer_Id__c: customer.id }]);
    const replay = await h.syncBodies([h.deadLetters.entries[0]!.body]);
    expect(replay.results[0]?.outcome).toBe("synced");
    expect(h.org.records("Contact")).toHaveLength(2);
    expect(h.org.records("Account")).toHaveLength(1);
    expect(h.org.findBy("Contact", "Jortt_Customer_Id__c", customer.id).map((c) => c.Id)).toEqual([right]);
  });

  test.each([
    ["one pass (Composite)", true],
    ["step by step", false],
  ])(
    "exactly one Contact with the e-mail: adopted by Id with its Account, no duplicate created (%s)",
    async (_mode, compositeWrites) => {
      const h = new UseCaseHarness({ org: { compositeWrites } });
      const customer = rawCustomer({ email: "jan@example.nl", customer_name: "Jansen BV" });
      const accountId = h.org.seed("Account", { Name: "Jansen (old)" });
      const contactId = h.org.seed("Contact", { LastName: "Jansen", Email: "Jan@Example.nl", AccountId: accountId });
      const invoice = rawInvoice(customer);

      const result = await h.syncBodies([customerMessage(customer), invoiceMessage(invoice, customer)]);
      expect(result.counts.synced).toBe(2);
      expect(h.org.records("Account")).toHaveLength(1);
      expect(h.org.records("Contact")).toHaveLength(1);
      expect(h.org.records("Account")[0]).toMatchObject({
        Id: accountId,
        Name: "Jansen BV",
        Jortt_Customer_Id__c: customer.id,
      });
      expect(h.org.records("Contact")[0]).toMatchObject({
        Id: contactId,
        Jortt_Customer_Id__c: customer.id,
        AccountId: accountId,
      });
      expect(h.org.records("Order")[0]?.AccountId).toBe(accountId);
      const state = (await h.state.getRecordStates([`customer:${customer.id}`])).get(`customer:${customer.id}`);
      expect(state?.salesforceIds).toEqual({ account: accountId, contact: contactId });
    },
  );

  test("a matched Contact whose Account belongs to another Jortt customer is quarantined, not adopted", async () => {
    const h = new UseCaseHarness();
    const customer = rawCustomer({ email: "shared@example.nl" });
    const accountId = h.org.seed("Account", { Name: "Other BV", Jortt_Customer_Id__c: "other-customer" });
    h.org.seed("Contact", { LastName: "X", Email: "shared@example.nl", AccountId: accountId });
    const result = await h.syncBodies([customerMessage(customer)]);
    expect(result.results[0]).toMatchObject({ outcome: "quarantined", code: "EMAIL_MATCH_CONFLICT" });
    expect(h.org.findBy("Account", "Id", accountId)[0]?.Jortt_Customer_Id__c).toBe("other-customer");
  });

  test("two customers of one batch matching the same Contact are both quarantined", async () => {
    const h = new UseCaseHarness();
    const a = rawCustomer({ email: "same@example.nl" });
    const b = rawCustomer({ email: "same@example.nl" });
    h.org.seed("Contact", { LastName: "X", Email: "same@example.nl" });
    const result = await h.syncBodies([customerMessage(a), customerMessage(b)]);
    expect(result.results.map((r) => r.code)).toEqual(["AMBIGUOUS_EMAIL_MATCH", "AMBIGUOUS_EMAIL_MATCH"]);
  });

  test("person-account org: a private customer becomes a person account (record type set) or adopts one", async () => {
    const h = new UseCaseHarness({ org: { personAccounts: true } });
    const privateNew = rawCustomer({
      is_private: true,
      customer_name: "Piet de Vries",
      first_name: "Piet",
      last_name: "de Vries",
      email: "piet@example.nl",
    });
    const privateKnown = rawCustomer({
      is_private: true,
      customer_name: "Anna Bakker",
      first_name: "Anna",
      last_name: "Bakker",
      email: "anna@example.nl",
    });
    const company = rawCustomer({ email: "info@bakker.nl" });
    const existing = h.org.seed("Account", {
      RecordTypeId: h.org.personRecordTypeId,
      LastName: "Bakker",
      PersonEmail: "anna@example.nl",
    });
    const options = { accountModel: "person-accounts" as const };
    const result = await h.syncBodies([
      customerMessage(privateNew, options),
      customerMessage(privateKnown, options),
      customerMessage(company, options),
    ]);
    expect(result.counts.synced).toBe(3);
    const created = h.org.findBy("Account", "Jortt_Customer_Id__c", privateNew.id)[0];
    expect(created).toMatchObject({
      IsPersonAccount: true,
      RecordTypeId: h.org.personRecordTypeId,
      LastName: "de Vries",
    });
    expect(h.org.findBy("Account", "Jortt_Customer_Id__c", privateKnown.id).map((a) => a.Id)).toEqual([existing]);
    expect(h.org.findBy("Contact", "Jortt_Customer_Id__c", company.id)).toHaveLength(1);
    expect(h.org.findBy("Contact", "Jortt_Customer_Id__c", privateNew.id)).toHaveLength(0);
  });
});

describe("syncRecords: changed invoices", () => {
  test.each([
    ["one pass (Composite)", true, ["composite 4"]],
    ["step by step", false, ["upsert Order 1", "delete 1", "upsert OrderItem 2"]],
  ])(
    "a removed line is deleted; kept lines are updated without their create-only fields (%s)",
    async (_mode, compositeWrites, expected) => {
      const h = new UseCaseHarness({ org: { compositeWrites } });
      const customer = rawCustomer();
      const lines = [rawLine({ description: "A" }), rawLine({ description: "B" }), rawLine({ description: "C" })];
      const invoice = rawInvoice(customer, { line_items: lines });
      await h.syncBodies([invoiceMessage(invoice, customer)]);
      expect(h.org.records("OrderItem")).toHaveLength(3);
      const removedId = h.org.findBy("OrderItem", "Jortt_Line_Id__c", `${invoice.id}:2`)[0]?.Id;
      h.org.resetLog();

      const changed = {
        ...invoice,
        line_items: [rawLine({ description: "A" }), rawLine({ description: "B", number_of_units: "5", units: 5 })],
      };
      const result = await h.syncBodies([invoiceMessage(changed, customer)]);
      expect(result.counts.synced).toBe(1);
      expect(callSummary(h)).toEqual(expected);
      expect(h.org.findBy("OrderItem", "Id", removedId)).toEqual([]);
      expect(
        h.org
          .records("OrderItem")
          .map((item) => item.Quantity)
          .sort(),
      ).toEqual([2, 5]);
      const state = (await h.state.getRecordStates([`invoice:${invoice.id}`])).get(`invoice:${invoice.id}`);
      expect(
        Object.keys(state?.salesforceIds ?? {})
          .filter((k) => k.startsWith("item:"))
          .sort(),
      ).toEqual([`item:${invoice.id}:0`, `item:${invoice.id}:1`]);
    },
  );

  test("a line whose product changed is deleted and inserted again (PricebookEntryId is create-only)", async () => {
    const h = new UseCaseHarness({ settings: { products: { strategy: "by-description" } } });
    const customer = rawCustomer();
    const invoice = rawInvoice(customer, { line_items: [rawLine({ description: "Hosting" })] });
    const options = { settings: h.settings };
    await h.syncBodies([invoiceMessage(invoice, customer, options)]);
    const before = h.org.records("OrderItem")[0];
    const changed = { ...invoice, line_items: [rawLine({ description: "Support" })] };
    const result = await h.syncBodies([invoiceMessage(changed, customer, options)]);
    expect(result.counts.synced).toBe(1);
    const after = h.org.records("OrderItem");
    expect(after).toHaveLength(1);
    expect(after[0]?.Id).not.toBe(before?.Id);
    expect(after[0]?.PricebookEntryId).not.toBe(before?.PricebookEntryId);
    expect(h.org.records("Product2")).toHaveLength(2);
  });

  test("an item deleted by a person in Salesforce is inserted again", async () => {
    const h = new UseCaseHarness();
    const customer = rawCustomer();
    const invoice = rawInvoice(customer);
    await h.syncBodies([invoiceMessage(invoice, customer)]);
    const [gone] = h.org.records("OrderItem");
    await h.org.deleteRecords([String(gone?.Id)]);
    const changed = { ...invoice, invoice_number: "202611-999" };
    const result = await h.syncBodies([invoiceMessage(changed, customer)]);
    expect(result.counts.synced).toBe(1);
    expect(h.org.records("OrderItem")).toHaveLength(2);
  });
});

describe("syncRecords: failure policy", () => {
  test("a data error on one record dead-letters only that record, with code, message and hint", async () => {
    const h = new UseCaseHarness();
    await warmUp(h);
    const batch = newInvoices(5);
    const bad = batch[2]!;
    h.org.failRecord(String(bad.invoice.id), "FIELD_CUSTOM_VALIDATION_EXCEPTION", "Orders need a PO number");
    const result = await h.syncBodies(batch.map(({ customer, invoice }) => invoiceMessage(invoice, customer)));
    expect(result.counts).toMatchObject({ synced: 4, "dead-lettered": 1 });
    expect(result.results[2]).toMatchObject({ outcome: "dead-lettered", code: "FIELD_CUSTOM_VALIDATION_EXCEPTION" });
    expect(h.deadLetters.entries).toHaveLength(1);
    expect(h.deadLetters.entries[0]?.reason).toMatchObject({
      key: `invoice:${bad.invoice.id}`,
      code: "FIELD_CUSTOM_VALIDATION_EXCEPTION",
    });
    expect(h.deadLetters.entries[0]?.reason.hint).toBeTruthy();
    // Its customer was written and is synced; the invoice waits in the DLQ.
    const states = await h.state.getRecordStates([`customer:${bad.customer.id}`, `invoice:${bad.invoice.id}`]);
    expect(states.get(`customer:${bad.customer.id}`)?.outcome).toBe("synced");
    expect(states.get(`invoice:${bad.invoice.id}`)).toMatchObject({
      outcome: "dead-lettered",
      errorCode: "FIELD_CUSTOM_VALIDATION_EXCEPTION",
    });
  });

  test("a locked row is left for redelivery, and dead-lettered with its reason on the last receive", async () => {
    const h = new UseCaseHarness();
    const { customer, invoice } = newInvoices(1)[0]!;
    h.org.failRecord(String(invoice.id), "UNABLE_TO_LOCK_ROW");
    const message = invoiceMessage(invoice, customer);

    const first = await h.syncBodies([message], 1);
    expect(first.results[0]).toMatchObject({ outcome: "retry", code: "UNABLE_TO_LOCK_ROW" });
    expect(h.deadLetters.entries).toEqual([]);
    expect(first.stop).toBeUndefined();

    const last = await h.syncBodies([message], 3);
    expect(last.results[0]).toMatchObject({ outcome: "dead-lettered", code: "UNABLE_TO_LOCK_ROW" });
    expect(h.deadLetters.entries[0]?.reason).toMatchObject({
      key: `invoice:${invoice.id}`,
      code: "UNABLE_TO_LOCK_ROW",
    });
    expect(h.deadLetters.entries[0]?.body).toBe(JSON.stringify(message));
    expect((await h.state.getRecordStates([`invoice:${invoice.id}`])).get(`invoice:${invoice.id}`)?.outcome).toBe(
      "dead-lettered",
    );
  });

  test("REQUEST_LIMIT_EXCEEDED stops the batch (step by step): no further call, the rest is retried, finished work is kept", async () => {
    const h = new UseCaseHarness({ org: { compositeWrites: false } });
    await warmUp(h);
    const batch = newInvoices(10);
    h.org.failCall({ op: "upsert", sobject: "Order" }, "REQUEST_LIMIT_EXCEEDED");
    const result = await h.syncBodies(batch.map(({ customer, invoice }) => invoiceMessage(invoice, customer)));
    expect(result.stop).toMatchObject({ reason: "rate-limit", code: "REQUEST_LIMIT_EXCEEDED" });
    expect(result.counts.retry).toBe(10);
    expect(h.org.calls("upsert", "OrderItem")).toEqual([]);
    expect(h.deadLetters.entries).toEqual([]);
    // The customers were written before the limit hit: their state is kept, so the retry skips them.
    const customerStates = await h.state.getRecordStates(batch.map(({ customer }) => `customer:${customer.id}`));
    expect(customerStates.size).toBe(10);
  });

  test("REQUEST_LIMIT_EXCEEDED on the one-pass call stops the batch; everything is retried", async () => {
    const h = new UseCaseHarness();
    await warmUp(h);
    const batch = newInvoices(10);
    h.org.failCall({ op: "composite" }, "REQUEST_LIMIT_EXCEEDED");
    const result = await h.syncBodies(batch.map(({ customer, invoice }) => invoiceMessage(invoice, customer)));
    expect(result.stop).toMatchObject({ reason: "rate-limit", code: "REQUEST_LIMIT_EXCEEDED" });
    expect(result.counts.retry).toBe(10);
    expect(callSummary(h)).toEqual(["query Contact", "composite 50"]);
    expect(h.deadLetters.entries).toEqual([]);
    expect(h.org.records("Order")).toHaveLength(1);
  });

  test("the API budget share stops the batch before any write", async () => {
    const h = new UseCaseHarness({ settings: { salesforce: { apiBudgetShare: 0.5 } } });
    await warmUp(h);
    h.org.setApiUsage(600, 1000);
    const batch = newInvoices(3);
    const result = await h.syncBodies(batch.map(({ customer, invoice }) => invoiceMessage(invoice, customer)));
    expect(result.stop).toMatchObject({ reason: "budget", code: "API_BUDGET_REACHED" });
    expect(result.counts.retry).toBe(3);
    expect(h.org.calls("upsert")).toEqual([]);
  });

  test.each([
    ["one pass (Composite)", true],
    ["step by step", false],
  ])(
    "a configuration error (field missing in the org) stops the batch with the fix (%s)",
    async (_mode, compositeWrites) => {
      const h = new UseCaseHarness({ org: { compositeWrites, missingFields: ["Account.Jortt_Customer_Id__c"] } });
      const batch = newInvoices(3);
      const result = await h.syncBodies(batch.map(({ customer, invoice }) => invoiceMessage(invoice, customer)));
      expect(result.stop).toMatchObject({ reason: "configuration", code: "INVALID_FIELD" });
      expect(result.stop?.hint).toContain("permission set");
      expect(result.counts.retry).toBe(3);
      expect(h.deadLetters.entries).toEqual([]);
      expect(h.org.records("Order")).toEqual([]);
    },
  );

  test("at the last receive a stopped record is dead-lettered with the reason, without a state entry", async () => {
    const h = new UseCaseHarness();
    const { customer, invoice } = newInvoices(1)[0]!;
    h.org.failCall({ op: "composite" }, "REQUEST_LIMIT_EXCEEDED");
    const result = await h.syncBodies([invoiceMessage(invoice, customer)], 3);
    expect(result.results[0]).toMatchObject({ outcome: "dead-lettered", code: "REQUEST_LIMIT_EXCEEDED" });
    expect(h.state.records.has(`invoice:${invoice.id}`)).toBe(false);
  });

  test.each([
    ["one pass (Composite)", true],
    ["step by step", false],
  ])(
    "a crash after the Salesforce write and before the state write converges on redelivery, without duplicates (%s)",
    async (_mode, compositeWrites) => {
      const h = new UseCaseHarness({ org: { compositeWrites } });
      await warmUp(h);
      const batch = newInvoices(5);
      const bodies = batch.map(({ customer, invoice }) => invoiceMessage(invoice, customer));
      h.state.failNextPuts = 1;
      const crashed = await h.syncBodies(bodies, 1);
      expect(crashed.counts.retry).toBe(5);
      expect(crashed.results[0]?.code).toBe("STATE_WRITE_FAILED");
      const counts = () => ["Account", "Contact", "Order", "OrderItem"].map((o) => h.org.records(o).length);
      const afterCrash = counts();
      h.org.resetLog();

      const redelivered = await h.syncBodies(bodies, 2);
      expect(redelivered.counts.synced).toBe(5);
      expect(counts()).toEqual(afterCrash);
      // The Orders existed without state: one SOQL found their items, which were updated, not re-inserted.
      expect(h.org.calls("query").filter((c) => c.soql?.includes("FROM OrderItem"))).toHaveLength(1);
      expect(h.org.calls("delete")).toEqual([]);
    },
  );

  test("an Order whose Account vanished invalidates the customer; the redelivery writes the customer again", async () => {
    const h = new UseCaseHarness();
    const { customer, invoice } = newInvoices(1)[0]!;
    await h.syncBodies([customerMessage(customer)]);
    const [account] = h.org.records("Account");
    await h.org.deleteRecords([String(account?.Id)]);
    const message = invoiceMessage(invoice, customer);

    const first = await h.syncBodies([message], 1);
    expect(first.results[0]).toMatchObject({ outcome: "retry", code: "PARENT_ACCOUNT_MISSING" });
    expect(first.stop).toBeUndefined();
    const second = await h.syncBodies([message], 2);
    expect(second.results[0]?.outcome).toBe("synced");
    expect(h.org.records("Account")).toHaveLength(1);
    expect(h.state.records.get(`customer:${customer.id}`)?.outcome).toBe("synced");
  });

  test("a failed DLQ send leaves the record for redelivery instead of losing it", async () => {
    const h = new UseCaseHarness();
    const { customer, invoice } = newInvoices(1)[0]!;
    h.org.failRecord(String(invoice.id), "FIELD_CUSTOM_VALIDATION_EXCEPTION");
    h.deadLetters.failNext = 1;
    const result = await h.syncBodies([invoiceMessage(invoice, customer)]);
    expect(result.results[0]).toMatchObject({ outcome: "retry", code: "DLQ_SEND_FAILED" });
    expect(h.state.records.has(`invoice:${invoice.id}`)).toBe(false);
  });

  test("a state read failure retries the whole batch without touching Salesforce", async () => {
    const h = new UseCaseHarness();
    const { customer, invoice } = newInvoices(1)[0]!;
    h.state.getRecordStates = async () => {
      throw new SyncError("DynamoDB throttled", {
        code: "ProvisionedThroughputExceededException",
        errorClass: "transient",
        source: "aws",
      });
    };
    const result = await h.syncBodies([invoiceMessage(invoice, customer)]);
    expect(result.results[0]).toMatchObject({ outcome: "retry", code: "ProvisionedThroughputExceededException" });
    expect(h.org.log).toEqual([]);
  });

  test("activity entries name records and codes only", async () => {
    const h = new UseCaseHarness();
    const { customer, invoice } = newInvoices(1)[0]!;
    await h.syncBodies([invoiceMessage(invoice, customer)]);
    expect(h.state.activity.map((a) => [a.key, a.event])).toEqual([
      [`customer:${customer.id}`, "synced"],
      [`invoice:${invoice.id}`, "synced"],
    ]);
    expect(JSON.stringify(h.state.activity)).not.toContain(String(customer.email));
  });

  test("a lock in the one-pass call is re-run step by step in the same invocation", async () => {
    const h = new UseCaseHarness();
    await warmUp(h);
    const batch = newInvoices(3);
    h.org.failRecord(String(batch[1]?.invoice.id), "UNABLE_TO_LOCK_ROW", "locked", 1);
    const result = await h.syncBodies(batch.map(({ customer, invoice }) => invoiceMessage(invoice, customer)));
    expect(result.counts.synced).toBe(3);
    // The locked Order was not created, so its lines need no lookup: two plain calls re-run it.
    expect(callSummary(h)).toEqual(["query Contact", "composite 15", "upsert Order 1", "upsert OrderItem 2"]);
    expect(h.org.records("Order")).toHaveLength(4);
    expect(h.org.records("OrderItem")).toHaveLength(8);
  });

  test("a server without Composite Collections: the batch falls back to step-by-step writes, later batches skip the attempt", async () => {
    const h = new UseCaseHarness();
    await warmUp(h);
    h.org.failCall({ op: "composite" }, "NOT_FOUND", Number.POSITIVE_INFINITY);
    const first = await h.syncBodies(newInvoices(3).map(({ customer, invoice }) => invoiceMessage(invoice, customer)));
    expect(first.counts.synced).toBe(3);
    expect(first.stop).toBeUndefined();
    h.org.resetLog();
    const second = await h.syncBodies(newInvoices(3).map(({ customer, invoice }) => invoiceMessage(invoice, customer)));
    expect(second.counts.synced).toBe(3);
    expect(h.org.calls("composite")).toEqual([]);
  });

  test("one pass: a data error on one Account fails that customer and its invoice only; nothing half-written is kept as synced", async () => {
    const h = new UseCaseHarness();
    await warmUp(h);
    const batch = newInvoices(4);
    const bad = batch[0]!;
    h.org.failRecord(String(bad.customer.id), "FIELD_CUSTOM_VALIDATION_EXCEPTION", "VAT number required");
    const result = await h.syncBodies(batch.map(({ customer, invoice }) => invoiceMessage(invoice, customer)));
    expect(result.counts).toMatchObject({ synced: 3, "dead-lettered": 1 });
    expect(result.results[0]).toMatchObject({ outcome: "dead-lettered", code: "FIELD_CUSTOM_VALIDATION_EXCEPTION" });
    expect(h.deadLetters.keys().sort()).toEqual([`customer:${bad.customer.id}`, `invoice:${bad.invoice.id}`].sort());
    expect(h.org.findBy("Order", "Jortt_Invoice_Id__c", bad.invoice.id)).toEqual([]);
    expect(h.org.findBy("Contact", "Jortt_Customer_Id__c", bad.customer.id)).toEqual([]);
    expect(callSummary(h)).toEqual(["query Contact", "composite 20"]);
  });
});
