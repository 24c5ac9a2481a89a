import type { JorttDemoData } from "../../../sim/jortt";
import type { SalesforceSandbox } from "../../../sim/salesforce";

/** How the org compares with the data it must mirror: per object, expected, present, duplicated, lost. */
export interface Census {
  expected: number;
  present: number;
  duplicates: number;
  lost: number;
  /** Records of the object without the Jortt key (nothing the sync writes may lack it). */
  unkeyed: number;
}

const KEYS = {
  Account: "Jortt_Customer_Id__c",
  Contact: "Jortt_Customer_Id__c",
  Order: "Jortt_Invoice_Id__c",
  OrderItem: "Jortt_Line_Id__c",
} as const;

/** Counts per synced object (default settings: sent invoices, account + contact, line index 0-based). */
export function salesforceCensus(
  salesforce: SalesforceSandbox,
  data: JorttDemoData,
): Record<keyof typeof KEYS, Census> {
  const sent = data.invoices.filter((invoice) => invoice.invoice_status === "sent");
  const expected: Record<keyof typeof KEYS, string[]> = {
    Account: data.customers.map((customer) => customer.id),
    Contact: data.customers.map((customer) => customer.id),
    Order: sent.map((invoice) => invoice.id),
    OrderItem: sent.flatMap((invoice) => invoice.line_items.map((_, index) => `${invoice.id}:${index}`)),
  };
  const census = {} as Record<keyof typeof KEYS, Census>;
  for (const [object, field] of Object.entries(KEYS) as [keyof typeof KEYS, string][]) {
    const records = salesforce.records(object);
    const counts = new Map<string, number>();
    let unkeyed = 0;
    for (const record of records) {
      const key = record[field];
      if (typeof key !== "string" || key === "") unkeyed += 1;
      else counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    const wanted = expected[object];
    census[object] = {
      expected: wanted.length,
      present: records.length,
      duplicates: [...counts.values()].reduce((sum, count) => sum + Math.max(0, count - 1), 0),
      lost: wanted.filter((key) => !counts.has(key)).length,
      unkeyed,
    };
  }
  return census;
}
