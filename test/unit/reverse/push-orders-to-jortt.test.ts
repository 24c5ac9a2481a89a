import { orderVersionHash } from "../../../shared/domain/reverse/order-modstamp";
import { SEND_OVERDUE_MESSAGE } from "../../../shared/domain/reverse/order-write-back";
import { SyncError } from "../../../shared/errors/sync-error";
import { orderMessage, reverseHarness } from "./reverse-fakes";

function jorttCreates(events: readonly string[]): number {
  return events.filter((event) => event === "jortt.createInvoice").length;
}

describe("pushOrdersToJortt: exactly one Jortt invoice per Order", () => {
  it("creates a draft invoice with reference = Order Id, writes state BEFORE writing the id back, and clears the error", async () => {
    const h = reverseHarness();
    const accountId = h.org.addAccount({ Jortt_Customer_Id__c: h.jortt.addCustomer({ customer_name: "Acme" }) });
    const orderId = h.org.addOrder(accountId, { Jortt_Sync_Error__c: "old problem" }, 2);

    const result = await h.push([orderMessage(h.org, orderId)]);

    expect(result.results.map((entry) => entry.outcome)).toEqual(["synced"]);
    expect(result.invoicesCreated).toBe(1);
    const invoice = h.jortt.invoices[0];
    expect(invoice?.reference).toBe(orderId);
    expect(invoice?.body).toMatchObject({
      reference: orderId,
      line_items: [
        {
          description: "Line 0",
          quantity: "2",
          amount: { amount: "10.50", currency: "EUR" },
          vat: { value: "0.21", category: null },
        },
        {
          description: "Line 1",
          quantity: "2",
          amount: { amount: "10.50", currency: "EUR" },
          vat: { value: "0.21", category: null },
        },
      ],
    });
    expect(invoice?.body).not.toHaveProperty("send_method");
    // The order of durable effects: search by reference, create, state, then the Order.
    const relevant = h.events.filter((event) => /createInvoice|findInvoices|state.put 1$|sf.update Order/.test(event));
    expect(relevant).toEqual([
      "jortt.findInvoicesByReference",
      "jortt.createInvoice",
      "state.put 1",
      "sf.update Order 1",
    ]);
    expect(h.state.records.get(`order:${orderId}`)).toMatchObject({
      outcome: "synced",
      jorttId: invoice?.id,
      kind: "order",
    });
    expect(h.org.order(orderId)).toMatchObject({
      Jortt_Invoice_Id__c: invoice?.id,
      Jortt_Status__c: "draft",
      Jortt_Invoice_Number__c: null,
      Jortt_Sync_Error__c: null,
    });
  });

  it("rule 1: state already holds the Jortt id → nothing is created, only the missing write-back is done", async () => {
    const h = reverseHarness();
    const accountId = h.org.addAccount({ Jortt_Customer_Id__c: h.jortt.addCustomer({}) });
    const orderId = h.org.addOrder(accountId);
    const jorttId = h.jortt.addInvoice({ reference: orderId });
    await h.state.putRecordStates([
      {
        key: `order:${orderId}`,
        kind: "order",
        hash: "h",
        outcome: "synced",
        salesforceIds: { order: orderId },
        jorttId,
        runId: "r0",
        updatedAt: "x",
      },
    ]);

    const result = await h.push([orderMessage(h.org, orderId)]);

    expect(result.results[0]?.outcome).toBe("synced");
    expect(jorttCreates(h.events)).toBe(0);
    expect(h.events).not.toContain("jortt.findInvoicesByReference");
    expect(h.org.order(orderId)).toMatchObject({ Jortt_Invoice_Id__c: jorttId, Jortt_Status__c: "draft" });
  });

  it("rule 1 (Salesforce side): the Order already carries its Jortt id and status → skipped at zero Jortt cost; missing state is restored", async () => {
    const h = reverseHarness();
    const accountId = h.org.addAccount();
    const jorttId = h.jortt.addInvoice({});
    const orderId = h.org.addOrder(accountId, { Jortt_Invoice_Id__c: jorttId, Jortt_Status__c: "draft" });

    const first = await h.push([orderMessage(h.org, orderId)]);
    const second = await h.push([orderMessage(h.org, orderId)]);

    expect(first.results[0]).toMatchObject({ outcome: "synced", code: "state-restored" });
    expect(second.results[0]).toMatchObject({ outcome: "skipped", code: "already-invoiced" });
    expect(h.jortt.requestCount).toBe(0);
    expect(h.state.records.get(`order:${orderId}`)?.jorttId).toBe(jorttId);
  });

  it("rule 2: Jortt already has an invoice with this Order's reference (an earlier create whose response was lost) → linked, not created", async () => {
    const h = reverseHarness();
    const accountId = h.org.addAccount({ Jortt_Customer_Id__c: h.jortt.addCustomer({}) });
    const orderId = h.org.addOrder(accountId);
    h.jortt.loseNextCreates = 1;

    const lost = await h.push([orderMessage(h.org, orderId)]);
    expect(lost.results[0]).toMatchObject({ outcome: "retry", code: "network.error" });
    expect(h.jortt.invoices).toHaveLength(1);
    expect(h.org.order(orderId).Jortt_Invoice_Id__c).toBeNull();

    const redelivered = await h.push([orderMessage(h.org, orderId, 2)]);
    expect(redelivered.results[0]?.outcome).toBe("synced");
    expect(redelivered.invoicesLinked).toBe(1);
    expect(redelivered.invoicesCreated).toBe(0);
    expect(h.jortt.invoices).toHaveLength(1);
    expect(h.org.order(orderId).Jortt_Invoice_Id__c).toBe(h.jortt.invoices[0]?.id);
  });

  it("links the oldest when Jortt holds several invoices with the reference, and reports it", async () => {
    const h = reverseHarness();
    const accountId = h.org.addAccount({ Jortt_Customer_Id__c: h.jortt.addCustomer({}) });
    const orderId = h.org.addOrder(accountId);
    h.jortt.addInvoice({ reference: orderId, created_at: "2026-11-28T11:00:02+01:00" });
    const oldest = h.jortt.addInvoice({ reference: orderId, created_at: "2026-11-28T11:00:01+01:00" });

    const result = await h.push([orderMessage(h.org, orderId)]);

    expect(h.org.order(orderId).Jortt_Invoice_Id__c).toBe(oldest);
    expect(result.warnings).toEqual([
      expect.objectContaining({ key: `order:${orderId}`, code: "DUPLICATE_JORTT_INVOICES" }),
    ]);
  });

  it("a delivery while another worker holds the create reservation → retry CREATE_IN_PROGRESS, nothing created", async () => {
    const h = reverseHarness();
    const accountId = h.org.addAccount({ Jortt_Customer_Id__c: h.jortt.addCustomer({}) });
    const orderId = h.org.addOrder(accountId);
    expect(await h.state.claimOnce(`reverse.invoice-create:${orderId}`, 60)).toBe(true);

    const result = await h.push([orderMessage(h.org, orderId)]);

    expect(result.results[0]).toMatchObject({ outcome: "retry", code: "CREATE_IN_PROGRESS" });
    expect(h.jortt.requestCount).toBe(0);
  });

  it("two messages for one Order in a batch: one create, the earlier message skipped", async () => {
    const h = reverseHarness();
    const accountId = h.org.addAccount({ Jortt_Customer_Id__c: h.jortt.addCustomer({}) });
    const orderId = h.org.addOrder(accountId);

    const result = await h.push([orderMessage(h.org, orderId), orderMessage(h.org, orderId)]);

    expect(result.results.map((entry) => `${entry.outcome}:${entry.code ?? ""}`)).toEqual([
      "skipped:duplicate-in-batch",
      "synced:",
    ]);
    expect(jorttCreates(h.events)).toBe(1);
  });

  it("a failed write-back is retried; the redelivery writes it back without a second create", async () => {
    const h = reverseHarness();
    const accountId = h.org.addAccount({ Jortt_Customer_Id__c: h.jortt.addCustomer({}) });
    const orderId = h.org.addOrder(accountId);
    h.org.failUpdates = {
      times: 1,
      error: () => new SyncError("lock", { code: "UNABLE_TO_LOCK_ROW", errorClass: "transient", source: "salesforce" }),
    };

    const first = await h.push([orderMessage(h.org, orderId)]);
    expect(first.results[0]).toMatchObject({ outcome: "retry", code: "UNABLE_TO_LOCK_ROW" });
    const second = await h.push([orderMessage(h.org, orderId, 2)]);

    expect(second.results[0]?.outcome).toBe("synced");
    expect(jorttCreates(h.events)).toBe(1);
    expect(h.org.order(orderId).Jortt_Invoice_Id__c).toBe(h.jortt.invoices[0]?.id);
  });

  it("skips Orders that are gone or no longer ticked; dead-letters bodies that are not order messages", async () => {
    const h = reverseHarness();
    const accountId = h.org.addAccount({ Jortt_Customer_Id__c: h.jortt.addCustomer({}) });
    const unticked = h.org.addOrder(accountId, { Jortt_Send__c: false });
    const gone = orderMessage(h.org, "801000000000404AAA");
    const invoiceMessage = {
      messageId: "inv",
      receiveCount: 1,
      body: JSON.stringify({
        v: 1,
        runId: "r",
        key: "invoice:x",
        hash: "h",
        kind: "invoice",
        invoice: {},
        customer: null,
      }),
    };

    const result = await h.push([
      orderMessage(h.org, unticked),
      gone,
      invoiceMessage,
      { messageId: "junk", body: "{", receiveCount: 1 },
    ]);

    expect(result.results.map((entry) => `${entry.outcome}:${entry.code}`)).toEqual([
      "skipped:not-selected",
      "skipped:order-not-found",
      "dead-lettered:message.unsupported-kind",
      "dead-lettered:message.invalid-json",
    ]);
    expect(h.jortt.requestCount).toBe(0);
    expect(h.deadLetters.codes()).toEqual(["message.unsupported-kind", "message.invalid-json"]);
  });

  it("dead-letters an Order whose Jortt id differs from the one state holds (never guessed)", async () => {
    const h = reverseHarness();
    const accountId = h.org.addAccount();
    const orderId = h.org.addOrder(accountId, {
      Jortt_Invoice_Id__c: "11111111-1111-4111-8111-111111111111",
      Jortt_Status__c: "draft",
    });
    await h.state.putRecordStates([
      {
        key: `order:${orderId}`,
        kind: "order",
        hash: "h",
        outcome: "synced",
        salesforceIds: { order: orderId },
        jorttId: "22222222-2222-4222-8222-222222222222",
        runId: "r0",
        updatedAt: "x",
      },
    ]);

    const result = await h.push([orderMessage(h.org, orderId)]);

    expect(result.results[0]).toMatchObject({ outcome: "dead-lettered", code: "ORDER_JORTT_ID_CONFLICT" });
    // The state keeps the id it had: a failure never makes the flow forget an invoice.
    expect(h.state.records.get(`order:${orderId}`)).toMatchObject({
      outcome: "dead-lettered",
      jorttId: "22222222-2222-4222-8222-222222222222",
    });
  });

  it("a data error is dead-lettered once, shown on the Order, and stored with the Order's version after that write", async () => {
    const h = reverseHarness();
    const accountId = h.org.addAccount({ Jortt_Customer_Id__c: h.jortt.addCustomer({}) });
    const orderId = h.org.addOrder(accountId, {}, 0);

    const result = await h.push([orderMessage(h.org, orderId)]);

    expect(result.results[0]).toMatchObject({ outcome: "dead-lettered", code: "mapping.invalid-record" });
    expect(h.deadLetters.entries[0]?.reason.message).toMatch(/OrderItem: the Order has no products/);
    const row = h.org.order(orderId);
    expect(row.Jortt_Sync_Error__c).toMatch(/^mapping\.invalid-record: /);
    expect(h.state.records.get(`order:${orderId}`)).toMatchObject({
      outcome: "dead-lettered",
      errorCode: "mapping.invalid-record",
      hash: orderVersionHash(orderId, String(row.SystemModstamp)),
    });
    expect(h.jortt.requestCount).toBe(0);
  });

  it("a transient failure is retried, and dead-lettered with its reason on the last receive", async () => {
    const h = reverseHarness();
    const accountId = h.org.addAccount({ Jortt_Customer_Id__c: h.jortt.addCustomer({}) });
    const orderId = h.org.addOrder(accountId);
    const outage = () =>
      new SyncError("server.maintenance", { code: "server.maintenance", errorClass: "transient", source: "jortt" });

    h.jortt.failNext = outage();
    expect((await h.push([orderMessage(h.org, orderId, 1)])).results[0]?.outcome).toBe("retry");
    h.jortt.failNext = outage();
    const last = await h.push([orderMessage(h.org, orderId, 3)]);

    expect(last.results[0]).toMatchObject({ outcome: "dead-lettered", code: "server.maintenance" });
    expect(h.org.order(orderId).Jortt_Sync_Error__c).toBe("server.maintenance: server.maintenance");
  });

  it("a rate limit stops the batch: every Order is left for redelivery, nothing is written", async () => {
    const h = reverseHarness();
    const accountId = h.org.addAccount({ Jortt_Customer_Id__c: h.jortt.addCustomer({}) });
    const orders = [h.org.addOrder(accountId), h.org.addOrder(accountId)];
    h.jortt.failNext = new SyncError("throttled", {
      code: "request.throttled",
      errorClass: "rate-limit",
      source: "jortt",
    });

    const result = await h.push(orders.map((id) => orderMessage(h.org, id)));

    expect(result.stop).toMatchObject({ reason: "rate-limit", code: "request.throttled" });
    expect(result.results.map((entry) => entry.outcome)).toEqual(["retry", "retry"]);
    expect(h.jortt.requestCount).toBe(1);
    expect(h.state.records.size).toBe(0);
    expect(h.deadLetters.entries).toHaveLength(0);
  });
});

describe("pushOrdersToJortt: send method and invoice numbers", () => {
  it("with a send method: creates with send_method, leaves the status empty until Jortt numbers the invoice, then writes number and status", async () => {
    const h = reverseHarness({ reverse: { sendMethod: "self" } });
    const accountId = h.org.addAccount({ Jortt_Customer_Id__c: h.jortt.addCustomer({}) });
    const orderId = h.org.addOrder(accountId);

    const created = await h.push([orderMessage(h.org, orderId)]);
    expect(created.results[0]).toMatchObject({ outcome: "synced", code: "number-pending" });
    const invoice = h.jortt.invoices[0] as Record<string, unknown>;
    expect(invoice.body).toMatchObject({ send_method: "self" });
    expect(h.org.order(orderId)).toMatchObject({ Jortt_Invoice_Id__c: invoice.id, Jortt_Status__c: null });

    const pending = await h.push([orderMessage(h.org, orderId)]);
    expect(pending.results[0]).toMatchObject({ outcome: "skipped", code: "number-pending" });
    expect(h.jortt.requestCount).toBe(3); // find + create + one GET

    Object.assign(invoice, { invoice_status: "sent", invoice_number: "202611-007" });
    const numbered = await h.push([orderMessage(h.org, orderId)]);
    expect(numbered.results[0]?.outcome).toBe("synced");
    expect(h.org.order(orderId)).toMatchObject({ Jortt_Status__c: "sent", Jortt_Invoice_Number__c: "202611-007" });
    expect(jorttCreates(h.events)).toBe(1);
  });

  it("an invoice still unsent 24 h after its creation: status draft and a note on the Order (it leaves the check)", async () => {
    const h = reverseHarness({ reverse: { sendMethod: "email" } }, new Date("2026-11-30T12:00:00.000Z"));
    const accountId = h.org.addAccount();
    const jorttId = h.jortt.addInvoice({ created_at: "2026-11-28T11:00:00+01:00" });
    const orderId = h.org.addOrder(accountId, { Jortt_Invoice_Id__c: jorttId });

    const result = await h.push([orderMessage(h.org, orderId)]);

    expect(result.results[0]?.outcome).toBe("synced");
    expect(h.org.order(orderId)).toMatchObject({ Jortt_Status__c: "draft", Jortt_Sync_Error__c: SEND_OVERDUE_MESSAGE });
  });

  it("an Order whose linked invoice was deleted in Jortt is dead-lettered with a hint", async () => {
    const h = reverseHarness();
    const accountId = h.org.addAccount();
    const orderId = h.org.addOrder(accountId, { Jortt_Invoice_Id__c: "33333333-3333-4333-8333-333333333333" });

    const result = await h.push([orderMessage(h.org, orderId)]);

    expect(result.results[0]).toMatchObject({ outcome: "dead-lettered", code: "JORTT_INVOICE_MISSING" });
    expect(h.deadLetters.entries[0]?.reason.hint).toMatch(/Restore the invoice in Jortt/);
  });
});

describe("pushOrdersToJortt: the Jortt customer", () => {
  it("finds by e-mail (trimmed, case-insensitive, exact after Jortt's fuzzy search), links the Account, and reuses it", async () => {
    const h = reverseHarness();
    const customerId = h.jortt.addCustomer({ customer_name: "Acme", email: "Billing@Acme.example" });
    h.jortt.addCustomer({ customer_name: "Other", email: "billing@acme.example.org" });
    const accountId = h.org.addAccount();
    const contactId = h.org.addContact(accountId, "billing@acme.example");
    const orders = [h.org.addOrder(accountId, { BillToContactId: contactId }), h.org.addOrder(accountId)];

    const result = await h.push(orders.map((id) => orderMessage(h.org, id)));

    expect(result.counts.synced).toBe(2);
    expect(result.customersCreated).toBe(0);
    expect(h.jortt.invoices.map((invoice) => invoice.customer_id)).toEqual([customerId, customerId]);
    expect(h.org.accounts.get(accountId)?.Jortt_Customer_Id__c).toBe(customerId);
    expect(h.events.filter((event) => event === "jortt.searchCustomers")).toHaveLength(2); // reference, then e-mail: once per Account
  });

  it("several Jortt customers with the Account's e-mail → quarantined, never guessed", async () => {
    const h = reverseHarness();
    h.jortt.addCustomer({ email: "shared@twins.example" });
    h.jortt.addCustomer({ email: "SHARED@twins.example" });
    const accountId = h.org.addAccount();
    h.org.addContact(accountId, "shared@twins.example");
    const orderId = h.org.addOrder(accountId);

    const result = await h.push([orderMessage(h.org, orderId)]);

    expect(result.results[0]).toMatchObject({ outcome: "quarantined", code: "AMBIGUOUS_EMAIL_MATCH" });
    expect(h.state.records.get(`order:${orderId}`)?.outcome).toBe("quarantined");
    expect(h.jortt.invoices).toHaveLength(0);
  });

  it("uses the configured default customer instead of creating one", async () => {
    const fallback = "44444444-4444-4444-8444-444444444444";
    const h = reverseHarness({ reverse: { defaultCustomerId: fallback } });
    const orderId = h.org.addOrder(h.org.addAccount());

    await h.push([orderMessage(h.org, orderId)]);

    expect(h.jortt.invoices[0]?.customer_id).toBe(fallback);
    expect(h.jortt.customers).toHaveLength(0);
  });

  it("creates a company customer with reference = Account Id once; a lost create response is found again by that reference", async () => {
    const h = reverseHarness();
    const accountId = h.org.addAccount({ Name: "New Co", Phone: "020-1234567" });
    h.org.addContact(accountId, "pay@newco.example");
    const orderId = h.org.addOrder(accountId);

    const first = await h.push([orderMessage(h.org, orderId)]);

    expect(first.customersCreated).toBe(1);
    expect(h.jortt.customers[0]).toMatchObject({
      is_private: false,
      customer_name: "New Co",
      address_street: "Damrak 1",
      address_postal_code: "1012 LG",
      address_city: "Amsterdam",
      address_country_code: "NL",
      email: "pay@newco.example",
      attn: "Pat Buyer",
      phonenumber: "020-1234567",
      reference: accountId,
    });
    // Forget the link (as if the Account write-back had failed): the next Order finds it by reference.
    Object.assign(h.org.accounts.get(accountId) ?? {}, { Jortt_Customer_Id__c: null });
    const second = await h.push([orderMessage(h.org, h.org.addOrder(accountId))]);
    expect(second.customersCreated).toBe(0);
    expect(h.jortt.customers).toHaveLength(1);
  });

  it("an Account Jortt cannot take as a company (no address) is a data error naming the fields", async () => {
    const h = reverseHarness();
    const accountId = h.org.addAccount({ BillingStreet: null, BillingCity: null });
    const orderId = h.org.addOrder(accountId);

    const result = await h.push([orderMessage(h.org, orderId)]);

    expect(result.results[0]).toMatchObject({ outcome: "dead-lettered", code: "mapping.invalid-record" });
    expect(result.results[0]?.reason).toMatch(/Account\.BillingStreet: required for a company; Account\.BillingCity/);
  });
});
