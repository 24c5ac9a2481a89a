import {
  DEFAULT_SYNCED_STATUSES,
  type FieldMap,
  type FieldValue,
  lineExternalId,
  mapAccount,
  mapContact,
  mapOrder,
  mapOrderItem,
} from "./default-mapping";
import type { SourceCustomer, SourceInvoice } from "./jortt-source-records";

/**
 * Checks a Salesforce end state against the benchmark's default mapping: every expected record
 * exists once under its external id with the expected field values and references, and nothing
 * else carries a Jortt id (no duplicates, no strays). The same check runs on both sides, so the
 * speed comparison is between two correct results.
 */
export type DumpRecord = Record<string, FieldValue | undefined>;
export type SalesforceDump = Record<
  "Account" | "Contact" | "Order" | "OrderItem" | "PricebookEntry" | "Product2" | "Pricebook2",
  DumpRecord[]
>;

export interface ExpectedScope {
  /** Which records are expected, in words, for the report ("all customers + sent invoices of the 1k set"). */
  description: string;
  customers: SourceCustomer[];
  invoices: SourceInvoice[];
}

export interface EndStateCheck {
  ok: boolean;
  scope: string;
  expected: { accounts: number; contacts: number; orders: number; orderItems: number };
  found: { accounts: number; contacts: number; orders: number; orderItems: number };
  /** Distinct Product2 keys the OrderItems are booked on (strategy `single`: exactly one). */
  productKeys: string[];
  mismatches: number;
  /** The first few mismatches; personal values are shown as lengths only. */
  examples: string[];
}

const MAX_EXAMPLES = 12;
const PERSONAL_FIELDS = new Set(["Name", "FirstName", "LastName", "Email", "Phone", "Website"]);

/** The product syncs every customer and the invoices with a synced status. */
export function fullSyncScope(
  description: string,
  customers: SourceCustomer[],
  invoices: SourceInvoice[],
  statuses: readonly string[] = DEFAULT_SYNCED_STATUSES,
): ExpectedScope {
  return { description, customers, invoices: invoices.filter((invoice) => statuses.includes(invoice.invoice_status)) };
}

/** The baseline's sample: these invoices and the customers they belong to. */
export function sampleScope(
  description: string,
  customers: SourceCustomer[],
  invoices: SourceInvoice[],
  invoiceIds: readonly string[],
): ExpectedScope {
  const wanted = new Set(invoiceIds);
  const sample = invoices.filter((invoice) => wanted.has(invoice.id));
  const customerIds = new Set(sample.map((invoice) => invoice.customer_id));
  return { description, customers: customers.filter((customer) => customerIds.has(customer.id)), invoices: sample };
}

function present(value: FieldValue | undefined): FieldValue {
  return value === undefined || value === "" ? null : value;
}

function sameValue(field: string, expected: FieldValue, actual: FieldValue): boolean {
  if (expected === null || actual === null) return expected === actual;
  if (typeof expected === "number") return Number(actual) === expected;
  if (field === "Email") return String(actual).toLowerCase() === String(expected).toLowerCase();
  return actual === expected;
}

function shown(field: string, value: FieldValue): string {
  if (value === null) return "null";
  if (PERSONAL_FIELDS.has(field) && typeof value === "string") return `<${value.length} chars>`;
  return JSON.stringify(value);
}

class MismatchLog {
  count = 0;
  readonly examples: string[] = [];

  add(message: string): void {
    this.count += 1;
    if (this.examples.length < MAX_EXAMPLES) this.examples.push(message);
  }

  compare(label: string, expected: FieldMap, actual: DumpRecord): void {
    for (const [field, value] of Object.entries(expected)) {
      const got = present(actual[field]);
      if (!sameValue(field, value, got))
        this.add(`${label} ${field}: expected ${shown(field, value)}, got ${shown(field, got)}`);
    }
  }

  reference(label: string, field: string, actual: DumpRecord, expectedId: string | undefined): void {
    if (expectedId === undefined || actual[field] !== expectedId)
      this.add(`${label} ${field}: wrong or missing reference`);
  }
}

/** Records by their external id; a second record under one id is a duplicate. */
function byExternalId(records: DumpRecord[], field: string, log: MismatchLog, label: string): Map<string, DumpRecord> {
  const map = new Map<string, DumpRecord>();
  for (const record of records) {
    const key = record[field];
    if (typeof key !== "string" || key === "") continue;
    if (map.has(key.toLowerCase())) log.add(`${label} ${key}: duplicate records`);
    map.set(key.toLowerCase(), record);
  }
  return map;
}

/** Expected keys must be present; present keys must be expected. */
function matchKeys(
  found: Map<string, DumpRecord>,
  expectedKeys: string[],
  log: MismatchLog,
  label: string,
): Array<[string, DumpRecord]> {
  const expected = new Set(expectedKeys.map((key) => key.toLowerCase()));
  for (const key of found.keys()) if (!expected.has(key)) log.add(`${label} ${key}: not expected (stray or duplicate)`);
  const pairs: Array<[string, DumpRecord]> = [];
  for (const key of expectedKeys) {
    const record = found.get(key.toLowerCase());
    if (record) pairs.push([key, record]);
    else log.add(`${label} ${key}: missing`);
  }
  return pairs;
}

function idOf(record: DumpRecord | undefined): string | undefined {
  return typeof record?.Id === "string" ? record.Id : undefined;
}

function checkCustomers(dump: SalesforceDump, scope: ExpectedScope, log: MismatchLog) {
  const accounts = byExternalId(dump.Account, "Jortt_Customer_Id__c", log, "Account");
  const contacts = byExternalId(dump.Contact, "Jortt_Customer_Id__c", log, "Contact");
  const keys = scope.customers.map((customer) => customer.id);
  const byCustomer = new Map(scope.customers.map((customer) => [customer.id, customer]));
  for (const [key, account] of matchKeys(accounts, keys, log, "Account")) {
    log.compare(`Account ${key}`, mapAccount(byCustomer.get(key) as SourceCustomer), account);
  }
  for (const [key, contact] of matchKeys(contacts, keys, log, "Contact")) {
    log.compare(`Contact ${key}`, mapContact(byCustomer.get(key) as SourceCustomer), contact);
    log.reference(`Contact ${key}`, "AccountId", contact, idOf(accounts.get(key.toLowerCase())));
  }
  return { accounts, contacts };
}

function checkProducts(
  dump: SalesforceDump,
  item: DumpRecord,
  standardBookId: string | undefined,
  log: MismatchLog,
  label: string,
) {
  const entry = dump.PricebookEntry.find((candidate) => candidate.Id === item.PricebookEntryId);
  if (!entry) {
    log.add(`${label} PricebookEntryId: no such entry`);
    return undefined;
  }
  if (entry.Pricebook2Id !== standardBookId) log.add(`${label}: entry is not in the standard price book`);
  const product = dump.Product2.find((candidate) => candidate.Id === entry.Product2Id);
  if (product?.IsActive !== true) log.add(`${label}: product missing or inactive`);
  const key = product?.Jortt_Product_Key__c;
  return typeof key === "string" ? key : undefined;
}

export function verifyEndState(dump: SalesforceDump, scope: ExpectedScope): EndStateCheck {
  const log = new MismatchLog();
  const { accounts, contacts } = checkCustomers(dump, scope, log);
  const standardBookId = idOf(dump.Pricebook2.find((book) => book.IsStandard === true));
  const orders = byExternalId(dump.Order, "Jortt_Invoice_Id__c", log, "Order");
  const items = byExternalId(dump.OrderItem, "Jortt_Line_Id__c", log, "OrderItem");
  const byInvoice = new Map(scope.invoices.map((invoice) => [invoice.id, invoice]));
  const productKeys = new Set<string>();

  for (const [key, order] of matchKeys(orders, [...byInvoice.keys()], log, "Order")) {
    const invoice = byInvoice.get(key) as SourceInvoice;
    log.compare(`Order ${key}`, mapOrder(invoice), order);
    log.reference(`Order ${key}`, "AccountId", order, idOf(accounts.get(String(invoice.customer_id).toLowerCase())));
    log.reference(`Order ${key}`, "Pricebook2Id", order, standardBookId);
  }
  const expectedLines = scope.invoices.flatMap((invoice) =>
    invoice.line_items.map((line, index) => ({ invoice, line, index, key: lineExternalId(invoice.id, index) })),
  );
  const lineByKey = new Map(expectedLines.map((line) => [line.key, line]));
  for (const [key, item] of matchKeys(items, [...lineByKey.keys()], log, "OrderItem")) {
    const { invoice, line, index } = lineByKey.get(key) as (typeof expectedLines)[number];
    log.compare(`OrderItem ${key}`, mapOrderItem(invoice.id, line, index), item);
    log.reference(`OrderItem ${key}`, "OrderId", item, idOf(orders.get(invoice.id.toLowerCase())));
    const productKey = checkProducts(dump, item, standardBookId, log, `OrderItem ${key}`);
    if (productKey) productKeys.add(productKey);
  }
  const untracked = dump.Order.length - orders.size + (dump.OrderItem.length - items.size);
  if (untracked > 0) log.add(`${untracked} Orders/OrderItems without a Jortt id (duplicates of synced records?)`);

  return {
    ok: log.count === 0,
    scope: scope.description,
    expected: {
      accounts: scope.customers.length,
      contacts: scope.customers.length,
      orders: scope.invoices.length,
      orderItems: expectedLines.length,
    },
    found: { accounts: accounts.size, contacts: contacts.size, orders: orders.size, orderItems: items.size },
    productKeys: [...productKeys].sort(),
    mismatches: log.count,
    examples: log.examples,
  };
}
