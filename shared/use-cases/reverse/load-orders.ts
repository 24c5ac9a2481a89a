import type { z } from "zod";
import type { Settings } from "../../config/settings-schema";
import type { AccountModel } from "../../domain/mapping/mapping-types";
import type { BillingContact } from "../../domain/reverse/map-account-to-customer";
import {
  AccountContactRowSchema,
  type OrderItemRow,
  OrderItemRowSchema,
  type OrderModstampRow,
  OrderModstampRowSchema,
  type OrderRow,
  OrderRowSchema,
} from "../../domain/reverse/salesforce-order-rows";
import { SyncError } from "../../errors/sync-error";
import type { SalesforceGateway } from "../../ports/salesforce-gateway";

const ACCOUNT_FIELDS = [
  "Name",
  "Jortt_Customer_Id__c",
  "BillingStreet",
  "BillingPostalCode",
  "BillingCity",
  "BillingCountry",
  "Phone",
  "Website",
];
/** Only in orgs with Person Accounts: naming them elsewhere fails the whole query (INVALID_FIELD). */
const PERSON_ACCOUNT_FIELDS = [
  "IsPersonAccount",
  "FirstName",
  "LastName",
  "PersonEmail",
  "PersonMailingStreet",
  "PersonMailingPostalCode",
  "PersonMailingCity",
  "PersonMailingCountry",
];

/** The Order fields the push reads: its own, the configured ones, its Account's and its bill-to Contact's. */
export function orderFieldList(settings: Settings, accountModel: AccountModel): string[] {
  const reverse = settings.reverse;
  const configured = [reverse.selection.field, reverse.paymentTermDays.field, reverse.paymentMethodField].filter(
    (field): field is string => field !== null,
  );
  const account = [...ACCOUNT_FIELDS, ...(accountModel === "person-accounts" ? PERSON_ACCOUNT_FIELDS : [])];
  const fields = [
    "Id",
    "SystemModstamp",
    "AccountId",
    "EffectiveDate",
    "OrderNumber",
    "BillToContactId",
    "Jortt_Invoice_Id__c",
    "Jortt_Invoice_Number__c",
    "Jortt_Status__c",
    "Jortt_Sync_Error__c",
    ...configured,
    ...account.map((field) => `Account.${field}`),
    "BillToContact.Email",
    "BillToContact.FirstName",
    "BillToContact.LastName",
  ];
  // Field names are case-insensitive in SOQL; naming one twice is an error.
  const unique = new Map<string, string>();
  for (const field of fields) if (!unique.has(field.toLowerCase())) unique.set(field.toLowerCase(), field);
  return [...unique.values()];
}

/** The batch's Orders by Id (one query per IN-list chunk); a deleted Order is absent. */
export async function loadOrders(
  salesforce: SalesforceGateway,
  orderIds: readonly string[],
  settings: Settings,
  accountModel: AccountModel,
): Promise<Map<string, OrderRow>> {
  if (orderIds.length === 0) return new Map();
  const fields = orderFieldList(settings, accountModel).join(", ");
  const rows = await salesforce.queryIn<unknown>(
    orderIds,
    (inList) => `SELECT ${fields} FROM Order WHERE Id IN ${inList}`,
  );
  return new Map(rows.map((row) => parseRow(OrderRowSchema, row, "Order")).map((row) => [row.Id, row]));
}

/** The OrderItems of the given Orders, in Salesforce's line order, grouped by Order. */
export async function loadOrderItems(
  salesforce: SalesforceGateway,
  orderIds: readonly string[],
): Promise<Map<string, OrderItemRow[]>> {
  const byOrder = new Map<string, OrderItemRow[]>();
  if (orderIds.length === 0) return byOrder;
  const rows = await salesforce.queryIn<unknown>(
    orderIds,
    (inList) =>
      "SELECT Id, OrderId, Quantity, UnitPrice, Description, Jortt_VAT_Rate__c, Product2.Name FROM OrderItem" +
      ` WHERE OrderId IN ${inList} ORDER BY OrderId, OrderItemNumber`,
  );
  for (const raw of rows) {
    const row = parseRow(OrderItemRowSchema, raw, "OrderItem");
    const list = byOrder.get(row.OrderId) ?? [];
    list.push(row);
    byOrder.set(row.OrderId, list);
  }
  return byOrder;
}

/**
 * A Contact with an e-mail address per Account (the oldest one), for Orders without a bill-to
 * Contact: the address the Jortt customer is matched by and created with.
 */
export async function loadAccountContacts(
  salesforce: SalesforceGateway,
  accountIds: readonly string[],
): Promise<Map<string, BillingContact>> {
  const byAccount = new Map<string, BillingContact>();
  if (accountIds.length === 0) return byAccount;
  const rows = await salesforce.queryIn<unknown>(
    accountIds,
    (inList) =>
      `SELECT AccountId, Email, FirstName, LastName FROM Contact WHERE AccountId IN ${inList} AND Email != null` +
      " ORDER BY CreatedDate ASC, Id ASC",
  );
  for (const raw of rows) {
    const row = parseRow(AccountContactRowSchema, raw, "Contact");
    if (!byAccount.has(row.AccountId)) {
      byAccount.set(row.AccountId, { Email: row.Email, FirstName: row.FirstName, LastName: row.LastName });
    }
  }
  return byAccount;
}

/** Current SystemModstamp of Orders (after the flow wrote to them). */
export async function loadOrderModstamps(
  salesforce: SalesforceGateway,
  orderIds: readonly string[],
): Promise<Map<string, string>> {
  if (orderIds.length === 0) return new Map();
  const rows = await salesforce.queryIn<unknown>(
    orderIds,
    (inList) => `SELECT Id, SystemModstamp FROM Order WHERE Id IN ${inList}`,
  );
  return new Map(
    rows
      .map((raw): OrderModstampRow => parseRow(OrderModstampRowSchema, raw, "Order"))
      .map((row) => [row.Id, row.SystemModstamp]),
  );
}

function parseRow<S extends z.ZodType>(schema: S, raw: unknown, object: string): z.output<S> {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  throw new SyncError(`Salesforce returned an ${object} row the reverse flow cannot read`, {
    code: "UNEXPECTED_RESPONSE",
    errorClass: "transient",
    source: "salesforce",
    field: parsed.error.issues[0]?.path.join("."),
  });
}
