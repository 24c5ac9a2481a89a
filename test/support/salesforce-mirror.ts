import type { JorttDemoData } from "../../sim/jortt";
import type { SalesforceSandbox, SObjectRecord } from "../../sim/salesforce";

/**
 * Differences between what the Salesforce sandbox holds and what the default mapping must produce
 * from the Jortt demo data with default settings (invoice statuses `sent`, no Person Accounts):
 * every customer exactly once as Account + Contact, every sent invoice exactly once as an Order
 * with its totals to the cent, and every line exactly once as an OrderItem with its exact unit price.
 * Empty means the org mirrors Jortt.
 */
export function salesforceMirrorProblems(salesforce: SalesforceSandbox, data: JorttDemoData): string[] {
  const problems: string[] = [];
  const accounts = byExternalId(salesforce.records("Account"), "Jortt_Customer_Id__c", problems, "Account");
  const contacts = byExternalId(salesforce.records("Contact"), "Jortt_Customer_Id__c", problems, "Contact");
  const orders = byExternalId(salesforce.records("Order"), "Jortt_Invoice_Id__c", problems, "Order");
  const items = byExternalId(salesforce.records("OrderItem"), "Jortt_Line_Id__c", problems, "OrderItem");

  const customerIds = new Set(data.customers.map((customer) => customer.id));
  expectSameKeys(accounts, customerIds, "Account", problems);
  expectSameKeys(contacts, customerIds, "Contact", problems);
  for (const id of customerIds) {
    const contact = contacts.get(id);
    if (contact && contact.AccountId !== accounts.get(id)?.Id)
      problems.push(`Contact ${id}: AccountId is not its Account`);
  }

  const sent = data.invoices.filter((invoice) => invoice.invoice_status === "sent");
  expectSameKeys(orders, new Set(sent.map((invoice) => invoice.id)), "Order", problems);
  const lineIds = new Set<string>();
  for (const invoice of sent) {
    const order = orders.get(invoice.id);
    if (!order) continue;
    const where = `Order ${invoice.id}`;
    if (invoice.customer_id && order.AccountId !== accounts.get(invoice.customer_id)?.Id)
      problems.push(`${where}: wrong AccountId`);
    if (order.EffectiveDate !== invoice.invoice_date)
      problems.push(`${where}: EffectiveDate ${order.EffectiveDate} ≠ ${invoice.invoice_date}`);
    expectMoney(order.Jortt_Total_Excl_VAT__c, invoice.invoice_total.value, `${where} total excl. VAT`, problems);
    expectMoney(
      order.Jortt_Total_Incl_VAT__c,
      invoice.invoice_total_incl_vat.value,
      `${where} total incl. VAT`,
      problems,
    );
    expectMoney(order.Jortt_Due_Amount__c, invoice.invoice_due_amount.value, `${where} due amount`, problems);
    invoice.line_items.forEach((line, index) => {
      const lineId = `${invoice.id}:${index}`;
      lineIds.add(lineId);
      const item = items.get(lineId);
      if (!item) return;
      if (item.OrderId !== order.Id) problems.push(`OrderItem ${lineId}: not on its Order`);
      expectMoney(item.UnitPrice, line.amount_per_unit.value, `OrderItem ${lineId} UnitPrice`, problems);
      const units = line.number_of_units ?? String(line.units);
      if (!sameDecimal(item.Quantity ?? null, units))
        problems.push(`OrderItem ${lineId}: Quantity ${item.Quantity} ≠ ${units}`);
    });
  }
  expectSameKeys(items, lineIds, "OrderItem", problems);
  return problems;
}

function byExternalId(
  records: SObjectRecord[],
  field: string,
  problems: string[],
  type: string,
): Map<string, SObjectRecord> {
  const map = new Map<string, SObjectRecord>();
  for (const record of records) {
    const id = record[field];
    if (typeof id !== "string" || id === "") continue;
    if (map.has(id)) problems.push(`${type} ${id} exists more than once`);
    map.set(id, record);
  }
  return map;
}

function expectSameKeys(
  actual: Map<string, SObjectRecord>,
  expected: Set<string>,
  type: string,
  problems: string[],
): void {
  const missing = [...expected].filter((id) => !actual.has(id));
  const extra = [...actual.keys()].filter((id) => !expected.has(id));
  if (missing.length > 0) problems.push(`${missing.length} ${type}(s) missing, e.g. ${missing[0]}`);
  if (extra.length > 0) problems.push(`${extra.length} unexpected ${type}(s), e.g. ${extra[0]}`);
}

function expectMoney(actual: unknown, expected: string, what: string, problems: string[]): void {
  if (!sameDecimal(actual, expected)) problems.push(`${what}: ${String(actual)} ≠ ${expected}`);
}

/** Exact decimal equality: "6306.30" equals 6306.3; 0.30000000000000004 does not equal "0.30". */
function sameDecimal(actual: unknown, expected: string): boolean {
  if (typeof actual !== "number" && typeof actual !== "string") return false;
  return normalizeDecimal(String(actual)) === normalizeDecimal(expected);
}

function normalizeDecimal(text: string): string {
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text.trim());
  if (!match) return `invalid:${text}`;
  const integer = (match[2] ?? "0").replace(/^0+(?=\d)/, "");
  const fraction = (match[3] ?? "").replace(/0+$/, "");
  const sign = integer === "0" && fraction === "" ? "" : (match[1] ?? "");
  return fraction ? `${sign}${integer}.${fraction}` : `${sign}${integer}`;
}
