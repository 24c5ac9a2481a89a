import { Connection, type SaveResult, type UpsertResult } from "jsforce";
import { z } from "zod";
import {
  DEFAULT_SYNCED_STATUSES,
  type FieldMap,
  mapAccount,
  mapContact,
  mapOrder,
  mapOrderItem,
  normalizedEmail,
} from "./default-mapping";
import type { SourceCustomer, SourceInvoice } from "./jortt-source-records";
import { type JorttEndpoint, NaiveJorttClient } from "./naive-jortt-client";
import { SINGLE_PRODUCT } from "./single-product";

/**
 * The naive baseline: the per-record flow integration write-ups describe, one jsforce call per
 * step and nothing batched. For each invoice (sequentially):
 *   Jortt: GET the invoice's customer;
 *   1. look up the Order by its Jortt id (skip the create if it exists: no duplicates on re-run);
 *   2. find the customer's Contact by e-mail (or by its Jortt id);
 *   3–4. create or update the Account and the Contact (upsert by external id, or adopt by e-mail);
 *   per line: check the product's price-book entry (create Product2 + entry once if missing);
 *   5. create the Order;
 *   per line: create the OrderItem.
 * It is correct (external ids, e-mail adoption, quarantine on ambiguous matches, exact values
 * from the same default mapping the end-state check uses); it is only slow.
 */
export interface SalesforceEndpoint {
  loginUrl: string;
  clientId: string;
  clientSecret: string;
  apiVersion: string;
}

export interface NaiveBaselineOptions {
  jortt: JorttEndpoint;
  salesforce: SalesforceEndpoint;
  /** Stop after this many invoices (the sample); the rest of the list is not read. */
  limit: number;
  statuses?: readonly string[];
}

export interface NaiveBaselineResult {
  invoiceIds: string[];
  quarantined: { invoiceId: string; reason: string }[];
  /** jsforce calls by step, counted by the baseline itself (the sandbox's count is the reference). */
  salesforceCallsByStep: Record<string, number>;
  jorttRequests: number;
}

const IdRowSchema = z.looseObject({ Id: z.string() });
const ContactRowSchema = z.looseObject({
  Id: z.string(),
  AccountId: z.string().nullish(),
  Email: z.string().nullish(),
  Jortt_Customer_Id__c: z.string().nullish(),
});
type ContactRow = z.infer<typeof ContactRowSchema>;

/** SOQL string literal: jsforce's `query` escapes nothing (reference/salesforce-api.md §5). */
function soqlText(value: string): string {
  return `'${value.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}'`;
}

function savedId(result: SaveResult | UpsertResult, what: string): string {
  if (!result.success || !result.id) {
    const errors = "errors" in result ? JSON.stringify(result.errors) : "";
    throw new Error(`${what} failed ${errors}`);
  }
  return result.id;
}

class QuarantineError extends Error {}

class NaiveSalesforceSync {
  readonly callsByStep: Record<string, number> = {};
  private standardPricebookId: string | undefined;

  constructor(private readonly conn: Connection) {}

  /** Every Salesforce round trip goes through here, so the per-step count is complete. */
  private async call<T>(step: string, run: () => Promise<T>): Promise<T> {
    this.callsByStep[step] = (this.callsByStep[step] ?? 0) + 1;
    return run();
  }

  private async queryRows<T>(step: string, soql: string, schema: z.ZodType<T>): Promise<T[]> {
    const records = await this.call(step, async () => (await this.conn.query(soql)).records);
    return z.array(schema).parse(records);
  }

  private async pricebookId(): Promise<string> {
    if (!this.standardPricebookId) {
      const rows = await this.queryRows(
        "standard price book",
        "SELECT Id FROM Pricebook2 WHERE IsStandard = true",
        IdRowSchema,
      );
      const id = rows[0]?.Id;
      if (!id) throw new Error("no standard price book");
      this.standardPricebookId = id;
    }
    return this.standardPricebookId;
  }

  async syncInvoice(invoice: SourceInvoice, customer: SourceCustomer): Promise<void> {
    const existingOrder = await this.queryRows(
      "look up order",
      `SELECT Id FROM Order WHERE Jortt_Invoice_Id__c = ${soqlText(invoice.id)}`,
      IdRowSchema,
    );
    const accountId = await this.syncCustomer(customer);
    const entryIds: string[] = [];
    for (const _line of invoice.line_items) entryIds.push(await this.checkProduct());
    const existingOrderId = existingOrder[0]?.Id;
    if (existingOrderId) {
      const fields = { Id: existingOrderId, ...mapOrder(invoice), AccountId: accountId };
      savedId(await this.call("update order", () => this.conn.sobject("Order").update(fields)), "Order");
      await this.reconcileOrderItems(invoice, existingOrderId, entryIds);
      return;
    }
    const pricebookId = await this.pricebookId();
    const order = { ...mapOrder(invoice), AccountId: accountId, Pricebook2Id: pricebookId };
    const orderId = savedId(await this.call("create order", () => this.conn.sobject("Order").create(order)), "Order");
    for (const [index, line] of invoice.line_items.entries()) {
      const item = { ...mapOrderItem(invoice.id, line, index), OrderId: orderId, PricebookEntryId: entryIds[index] };
      savedId(await this.call("create order item", () => this.conn.sobject("OrderItem").create(item)), "OrderItem");
    }
  }

  /** Re-run of a known invoice: update lines in place, create new ones, delete removed ones. */
  private async reconcileOrderItems(invoice: SourceInvoice, orderId: string, entryIds: string[]): Promise<void> {
    const rows = await this.queryRows(
      "look up order items",
      `SELECT Id, Jortt_Line_Id__c FROM OrderItem WHERE OrderId = ${soqlText(orderId)}`,
      z.looseObject({ Id: z.string(), Jortt_Line_Id__c: z.string().nullish() }),
    );
    const existing = new Map(rows.map((row) => [row.Jortt_Line_Id__c, row.Id]));
    for (const [index, line] of invoice.line_items.entries()) {
      const fields = mapOrderItem(invoice.id, line, index);
      const itemId = existing.get(String(fields.Jortt_Line_Id__c));
      existing.delete(String(fields.Jortt_Line_Id__c));
      const saved = itemId
        ? await this.call("update order item", () => this.conn.sobject("OrderItem").update({ Id: itemId, ...fields }))
        : await this.call("create order item", () =>
            this.conn.sobject("OrderItem").create({ ...fields, OrderId: orderId, PricebookEntryId: entryIds[index] }),
          );
      savedId(saved, "OrderItem");
    }
    for (const staleId of existing.values()) {
      savedId(await this.call("delete order item", () => this.conn.sobject("OrderItem").destroy(staleId)), "OrderItem");
    }
  }

  /** Finds the customer by e-mail, then creates or updates its Account and Contact. */
  private async syncCustomer(customer: SourceCustomer): Promise<string> {
    const mappedEmail = mapContact(customer).Email;
    const email = normalizedEmail(typeof mappedEmail === "string" ? mappedEmail : null);
    const byId = `Jortt_Customer_Id__c = ${soqlText(customer.id)}`;
    const where = email ? `Email = ${soqlText(email)} OR ${byId}` : byId;
    const rows = await this.queryRows(
      "find customer by e-mail",
      `SELECT Id, AccountId, Email, Jortt_Customer_Id__c FROM Contact WHERE ${where}`,
      ContactRowSchema,
    );
    if (rows.some((row) => row.Jortt_Customer_Id__c === customer.id)) return this.upsertCustomer(customer);
    const adoptable = rows.filter((row) => !row.Jortt_Customer_Id__c && normalizedEmail(row.Email) === email);
    if (adoptable.length > 1) throw new QuarantineError(`${adoptable.length} Contacts share the customer's e-mail`);
    const adopted = adoptable[0];
    return adopted ? this.adoptContact(customer, adopted) : this.upsertCustomer(customer);
  }

  private async upsertCustomer(customer: SourceCustomer): Promise<string> {
    const account: FieldMap = mapAccount(customer);
    const accountId = savedId(
      await this.call("upsert account", () => this.conn.sobject("Account").upsert(account, "Jortt_Customer_Id__c")),
      "Account",
    );
    const contact = { ...mapContact(customer), AccountId: accountId };
    savedId(
      await this.call("upsert contact", () => this.conn.sobject("Contact").upsert(contact, "Jortt_Customer_Id__c")),
      "Contact",
    );
    return accountId;
  }

  /** An existing Contact with this e-mail and no Jortt id becomes this customer's (default mapping). */
  private async adoptContact(customer: SourceCustomer, contact: ContactRow): Promise<string> {
    const account = mapAccount(customer);
    const existingAccountId = contact.AccountId;
    const accountId = existingAccountId
      ? savedId(
          await this.call("update account", () =>
            this.conn.sobject("Account").update({ Id: existingAccountId, ...account }),
          ),
          "Account",
        )
      : savedId(await this.call("create account", () => this.conn.sobject("Account").create(account)), "Account");
    const fields = { Id: contact.Id, ...mapContact(customer), AccountId: accountId };
    savedId(await this.call("update contact", () => this.conn.sobject("Contact").update(fields)), "Contact");
    return accountId;
  }

  /** One query per line for the line's product; creates the product and its standard price once. */
  private async checkProduct(): Promise<string> {
    const pricebookId = await this.pricebookId();
    const entries = await this.queryRows(
      "check product",
      `SELECT Id FROM PricebookEntry WHERE Pricebook2Id = ${soqlText(pricebookId)} AND Product2.Jortt_Product_Key__c = ${soqlText(SINGLE_PRODUCT.key)}`,
      IdRowSchema,
    );
    if (entries[0]) return entries[0].Id;
    const product = { Name: SINGLE_PRODUCT.name, Jortt_Product_Key__c: SINGLE_PRODUCT.key, IsActive: true };
    const productId = savedId(
      await this.call("create product", () => this.conn.sobject("Product2").upsert(product, "Jortt_Product_Key__c")),
      "Product2",
    );
    const entry = { Pricebook2Id: pricebookId, Product2Id: productId, UnitPrice: 0, IsActive: true };
    return savedId(
      await this.call("create price book entry", () => this.conn.sobject("PricebookEntry").create(entry)),
      "PricebookEntry",
    );
  }
}

async function connectSalesforce(endpoint: SalesforceEndpoint): Promise<Connection> {
  const conn = new Connection({
    version: endpoint.apiVersion,
    oauth2: { loginUrl: endpoint.loginUrl, clientId: endpoint.clientId, clientSecret: endpoint.clientSecret },
  });
  await conn.authorize({ grant_type: "client_credentials" });
  return conn;
}

export async function runNaiveBaseline(options: NaiveBaselineOptions): Promise<NaiveBaselineResult> {
  const jortt = new NaiveJorttClient(options.jortt);
  const sync = new NaiveSalesforceSync(await connectSalesforce(options.salesforce));
  const result: NaiveBaselineResult = {
    invoiceIds: [],
    quarantined: [],
    salesforceCallsByStep: sync.callsByStep,
    jorttRequests: 0,
  };
  const done = () => result.invoiceIds.length + result.quarantined.length >= options.limit;
  for (const status of options.statuses ?? DEFAULT_SYNCED_STATUSES) {
    if (done()) break;
    for await (const invoice of jortt.invoices(status)) {
      if (done()) break;
      if (!invoice.customer_id) throw new Error(`invoice ${invoice.id} has no customer`);
      const customer = await jortt.customer(invoice.customer_id);
      try {
        await sync.syncInvoice(invoice, customer);
        result.invoiceIds.push(invoice.id);
      } catch (error) {
        if (!(error instanceof QuarantineError)) throw error;
        result.quarantined.push({ invoiceId: invoice.id, reason: error.message });
      }
    }
  }
  result.jorttRequests = jortt.requests;
  return result;
}
