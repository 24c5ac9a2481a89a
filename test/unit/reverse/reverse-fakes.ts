import { Logger } from "@aws-lambda-powertools/logger";
import { parseSettings } from "../../../shared/config/parse-settings";
import type { SettingsInput } from "../../../shared/config/settings-schema";
import type { JorttCreateCustomerBody } from "../../../shared/domain/jortt/create-customer-schema";
import type { JorttCreateInvoiceV3Body } from "../../../shared/domain/jortt/create-invoice-schema";
import { type JorttCustomer, parseJorttCustomer } from "../../../shared/domain/jortt/customer-schema";
import { type JorttInvoice, parseJorttInvoice } from "../../../shared/domain/jortt/invoice-schema";
import { SyncError } from "../../../shared/errors/sync-error";
import type { JorttInvoicing } from "../../../shared/ports/jortt-invoicing";
import type { JorttValidRecord } from "../../../shared/ports/jortt-source";
import type {
  SalesforceGateway,
  SalesforceRecord,
  WriteOutcome,
  WriteResult,
} from "../../../shared/ports/salesforce-gateway";
import { type PushOrdersToJorttDeps, pushOrdersToJortt } from "../../../shared/use-cases/reverse/push-orders-to-jortt";
import type { IncomingMessage } from "../../../shared/use-cases/sync/sync-batch-result";
import { InMemoryDeadLetterQueue } from "../../support/fakes/in-memory-queues";
import { InMemoryStateStore } from "../../support/fakes/in-memory-state-store";

/** Calls of the fakes in the order they happened, to check "state before write-back". */
export type CallEvent = string;

let idCounter = 0;
/** A Salesforce-looking 18-character id with the given key prefix. */
export function sfId(prefix: string): string {
  idCounter += 1;
  return `${prefix}${String(idCounter).padStart(12, "0")}AAA`;
}

let uuidCounter = 0;
export function jorttUuid(): string {
  uuidCounter += 1;
  return `00000000-0000-4000-8000-${String(uuidCounter).padStart(12, "0")}`;
}

type Row = Record<string, unknown> & { Id: string };

/**
 * The Salesforce side of the reverse flow in memory: it answers the push's four reads (Orders by Id
 * with Account/BillToContact, OrderItems, Contacts, modstamps) and applies updates. Each call
 * counts; `failUpdates` makes the next Order updates fail per record.
 */
export class FakeReverseOrg implements SalesforceGateway {
  readonly orders = new Map<string, Row>();
  readonly accounts = new Map<string, Row>();
  readonly contacts: Row[] = [];
  readonly items: Row[] = [];
  readonly updates: { objectType: string; records: SalesforceRecord[] }[] = [];
  failUpdates: { times: number; error: () => SyncError } | undefined;
  private calls = 0;
  private clock = Date.parse("2026-11-28T10:00:00.000Z");

  constructor(private readonly events: CallEvent[]) {}

  addAccount(fields: Record<string, unknown> = {}): string {
    const id = sfId("001");
    this.accounts.set(id, {
      Id: id,
      Name: "Acme B.V.",
      BillingStreet: "Damrak 1",
      BillingPostalCode: "1012 LG",
      BillingCity: "Amsterdam",
      BillingCountry: "NL",
      Jortt_Customer_Id__c: null,
      ...fields,
    });
    return id;
  }

  addContact(accountId: string, email: string): string {
    const id = sfId("003");
    this.contacts.push({ Id: id, AccountId: accountId, Email: email, FirstName: "Pat", LastName: "Buyer" });
    return id;
  }

  addOrder(accountId: string, fields: Record<string, unknown> = {}, items = 1): string {
    const id = sfId("801");
    this.orders.set(id, {
      Id: id,
      SystemModstamp: this.stamp(),
      AccountId: accountId,
      EffectiveDate: "2026-11-20",
      OrderNumber: "00000100",
      BillToContactId: null,
      Jortt_Send__c: true,
      Jortt_Invoice_Id__c: null,
      Jortt_Invoice_Number__c: null,
      Jortt_Status__c: null,
      Jortt_Sync_Error__c: null,
      ...fields,
    });
    for (let index = 0; index < items; index += 1) {
      this.items.push({
        Id: sfId("802"),
        OrderId: id,
        Quantity: 2,
        UnitPrice: 10.5,
        Description: `Line ${index}`,
        Jortt_VAT_Rate__c: 21,
        Product2: { Name: "Product" },
      });
    }
    return id;
  }

  order(id: string): Row {
    const row = this.orders.get(id);
    if (!row) throw new Error(`no order ${id}`);
    return row;
  }

  async query<T>(soql: string): Promise<T[]> {
    this.calls += 1;
    this.events.push(`sf.query ${soql.slice(0, 40)}`);
    return [] as T[];
  }

  async queryIn<T>(values: Iterable<string>, buildSoql: (inList: string) => string): Promise<T[]> {
    this.calls += 1;
    const ids = new Set(values);
    const soql = buildSoql(`(${[...ids].map((id) => `'${id}'`).join(",")})`);
    this.events.push(`sf.query ${/FROM (\w+)/.exec(soql)?.[1]}`);
    if (/^SELECT Id, SystemModstamp FROM Order WHERE Id IN/.test(soql)) {
      return [...ids].flatMap((id) => {
        const row = this.orders.get(id);
        return row ? [{ Id: row.Id, SystemModstamp: row.SystemModstamp } as T] : [];
      });
    }
    if (/FROM Order WHERE Id IN/.test(soql)) {
      return [...ids].flatMap((id) => {
        const row = this.orders.get(id);
        if (!row) return [];
        const account = this.accounts.get(String(row.AccountId)) ?? null;
        const contact = this.contacts.find((candidate) => candidate.Id === row.BillToContactId) ?? null;
        return [{ attributes: { type: "Order" }, ...row, Account: account, BillToContact: contact } as T];
      });
    }
    if (/FROM OrderItem/.test(soql)) return this.items.filter((item) => ids.has(String(item.OrderId))) as T[];
    if (/FROM Contact/.test(soql)) return this.contacts.filter((contact) => ids.has(String(contact.AccountId))) as T[];
    throw new Error(`unexpected SOQL ${soql}`);
  }

  async updateRecords(objectType: string, records: readonly SalesforceRecord[]): Promise<WriteResult> {
    this.calls += 1;
    this.events.push(`sf.update ${objectType} ${records.length}`);
    this.updates.push({ objectType, records: records.map((record) => ({ ...record })) });
    const table = objectType === "Order" ? this.orders : this.accounts;
    const outcomes = records.map((record): WriteOutcome => {
      const id = String(record.Id);
      if (objectType === "Order" && this.failUpdates && this.failUpdates.times > 0) {
        this.failUpdates.times -= 1;
        return { ok: false, error: this.failUpdates.error() };
      }
      const row = table.get(id);
      if (!row)
        return {
          ok: false,
          error: new SyncError("gone", { code: "ENTITY_IS_DELETED", errorClass: "data", source: "salesforce" }),
        };
      Object.assign(row, record, objectType === "Order" ? { SystemModstamp: this.stamp() } : {});
      return { ok: true, id, created: false };
    });
    return { outcomes };
  }

  async upsertRecords(): Promise<WriteResult> {
    throw new Error("not used by the reverse flow");
  }

  async createRecords(): Promise<WriteResult> {
    throw new Error("not used by the reverse flow");
  }

  async deleteRecords(): Promise<WriteResult> {
    throw new Error("not used by the reverse flow");
  }

  async describe(): Promise<{ fields: readonly { name: string }[] }> {
    this.calls += 1;
    return { fields: [{ name: "Name" }, { name: "Jortt_Customer_Id__c" }] };
  }

  apiUsage(): undefined {
    return undefined;
  }

  get callCount(): number {
    return this.calls;
  }

  private stamp(): string {
    this.clock += 1000;
    return new Date(this.clock).toISOString().replace("Z", "+0000");
  }
}

/**
 * Jortt in memory behind the JorttInvoicing port: `query` matches name, e-mail and reference
 * (like the sandbox); `loseNextCreates` creates the invoice and then fails as a lost response.
 */
export class FakeJortt implements JorttInvoicing {
  readonly customers: Record<string, unknown>[] = [];
  readonly invoices: Record<string, unknown>[] = [];
  loseNextCreates = 0;
  failNext: SyncError | undefined;
  requestCount = 0;

  constructor(private readonly events: CallEvent[]) {}

  addCustomer(fields: Record<string, unknown>): string {
    const id = jorttUuid();
    this.customers.push({ id, is_private: false, customer_name: "Customer", email: null, reference: null, ...fields });
    return id;
  }

  addInvoice(fields: Record<string, unknown>): string {
    const id = jorttUuid();
    this.invoices.push(invoiceRecord(id, fields));
    return id;
  }

  async searchCustomers(query: string): Promise<{ records: JorttValidRecord<JorttCustomer>[] }> {
    this.request(`jortt.searchCustomers`);
    const needle = query.toLowerCase();
    const records = this.customers
      .filter((customer) =>
        ["customer_name", "email", "reference"].some((field) =>
          String(customer[field] ?? "")
            .toLowerCase()
            .includes(needle),
        ),
      )
      .map((raw) => valid(parseJorttCustomer(raw)));
    return { records };
  }

  async findInvoicesByReference(reference: string): Promise<JorttValidRecord<JorttInvoice>[]> {
    this.request("jortt.findInvoicesByReference");
    return this.invoices
      .filter((invoice) => invoice.reference === reference)
      .map((raw) => valid(parseJorttInvoice(raw)));
  }

  async createCustomer(body: JorttCreateCustomerBody): Promise<{ id: string }> {
    this.request("jortt.createCustomer");
    return { id: this.addCustomer({ ...body }) };
  }

  async createInvoice(body: JorttCreateInvoiceV3Body): Promise<{ id: string }> {
    this.request("jortt.createInvoice");
    const id = this.addInvoice({
      customer_id: body.customer_id ?? null,
      reference: body.reference ?? null,
      invoice_status: "draft",
      body,
    });
    if (this.loseNextCreates > 0) {
      this.loseNextCreates -= 1;
      throw new SyncError("POST /v3/invoices: network error", {
        code: "network.error",
        errorClass: "transient",
        source: "jortt",
      });
    }
    return { id };
  }

  async getInvoice(id: string): Promise<JorttValidRecord<JorttInvoice>> {
    this.request("jortt.getInvoice");
    const raw = this.invoices.find((invoice) => invoice.id === id);
    if (!raw) {
      throw new SyncError("resource.not_found", {
        code: "resource.not_found",
        errorClass: "data",
        source: "jortt",
        status: 404,
      });
    }
    return valid(parseJorttInvoice(raw));
  }

  invoice(id: string): Record<string, unknown> {
    const found = this.invoices.find((invoice) => invoice.id === id);
    if (!found) throw new Error(`no invoice ${id}`);
    return found;
  }

  private request(event: string): void {
    this.requestCount += 1;
    this.events.push(event);
    if (this.failNext) {
      const error = this.failNext;
      this.failNext = undefined;
      throw error;
    }
  }
}

function valid<T>(result: { ok: true; id: string; value: T; raw: unknown } | { ok: false; error: SyncError }) {
  if (!result.ok) throw result.error;
  return result;
}

function invoiceRecord(id: string, fields: Record<string, unknown>): Record<string, unknown> {
  const zero = { value: "0.00", currency: "EUR" };
  return {
    id,
    invoice_status: "draft",
    customer_id: null,
    invoice_number: null,
    invoice_date: "2026-11-28",
    invoice_due_date: "2026-12-28",
    invoice_total: zero,
    invoice_total_incl_vat: zero,
    invoice_due_amount: zero,
    line_items: [],
    reference: null,
    created_at: "2026-11-28T11:00:00+01:00",
    ...fields,
  };
}

/** A state store that logs its writes into the shared event list. */
export class LoggingStateStore extends InMemoryStateStore {
  constructor(private readonly events: CallEvent[]) {
    super();
  }

  override async putRecordStates(states: Parameters<InMemoryStateStore["putRecordStates"]>[0]): Promise<void> {
    this.events.push(`state.put ${states.length}`);
    return super.putRecordStates(states);
  }
}

export interface ReverseHarness {
  events: CallEvent[];
  org: FakeReverseOrg;
  jortt: FakeJortt;
  state: LoggingStateStore;
  deadLetters: InMemoryDeadLetterQueue;
  deps: PushOrdersToJorttDeps;
  push(messages: readonly IncomingMessage[], maxReceiveCount?: number): ReturnType<typeof pushOrdersToJortt>;
}

export function reverseHarness(
  settings: SettingsInput = {},
  now = new Date("2026-11-28T12:00:00.000Z"),
): ReverseHarness {
  const events: CallEvent[] = [];
  const org = new FakeReverseOrg(events);
  const jortt = new FakeJortt(events);
  const state = new LoggingStateStore(events);
  const deadLetters = new InMemoryDeadLetterQueue();
  const deps: PushOrdersToJorttDeps = {
    now: () => now,
    logger: new Logger({ serviceName: "reverse-unit", logLevel: "SILENT" }),
    salesforce: org,
    jortt,
    state,
    deadLetters,
    settings: parseSettings({ accountModel: "account-contact", flows: { salesforceToJortt: true }, ...settings }),
    // Redeliveries follow at once here; in AWS they come after the visibility timeout (minutes).
    createLockSeconds: 0,
  };
  return {
    events,
    org,
    jortt,
    state,
    deadLetters,
    deps,
    push: (messages, maxReceiveCount = 3) => pushOrdersToJortt(deps, messages, { runId: "run-1", maxReceiveCount }),
  };
}

let messageCounter = 0;
/** The queue message the poll would send for an Order of the fake org. */
export function orderMessage(org: FakeReverseOrg, orderId: string, receiveCount = 1): IncomingMessage {
  messageCounter += 1;
  const row = org.orders.get(orderId);
  return {
    messageId: `msg-${messageCounter}`,
    receiveCount,
    body: JSON.stringify({
      v: 1,
      runId: "poll-1",
      key: `order:${orderId}`,
      hash: `hash-${orderId}`,
      kind: "order",
      orderId,
      systemModstamp: String(row?.SystemModstamp ?? "2026-11-28T10:00:00.000+0000"),
    }),
  };
}
