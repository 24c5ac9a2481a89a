import { z } from "zod";

/**
 * The Salesforce rows the reverse flow reads (SOQL results as jsforce returns them: parent
 * relationships as nested objects or null, `attributes` alongside). Loose objects: the
 * configurable fields (selection checkbox, payment term and method fields) are read by name.
 */

const text = z
  .string()
  .nullish()
  .transform((value) => value ?? null);
/** Number and currency fields arrive as JSON numbers; kept as given and read exactly later. */
const decimal = z
  .union([z.number(), z.string()])
  .nullish()
  .transform((value) => value ?? null);

export const SalesforceIdSchema = z.string().regex(/^[a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?$/, {
  error: "expected a Salesforce record id",
});

const AccountRowSchema = z.looseObject({
  Name: text,
  Jortt_Customer_Id__c: text,
  BillingStreet: text,
  BillingPostalCode: text,
  BillingCity: text,
  BillingCountry: text,
  Phone: text,
  Website: text,
  // Person-account orgs only (queried only there).
  IsPersonAccount: z.boolean().nullish(),
  FirstName: text,
  LastName: text,
  PersonEmail: text,
  PersonMailingStreet: text,
  PersonMailingPostalCode: text,
  PersonMailingCity: text,
  PersonMailingCountry: text,
});

const ContactRefSchema = z.looseObject({
  Email: text,
  FirstName: text,
  LastName: text,
});

export const OrderRowSchema = z.looseObject({
  Id: SalesforceIdSchema,
  SystemModstamp: z.string().min(1),
  AccountId: text,
  EffectiveDate: text,
  OrderNumber: text,
  BillToContactId: text,
  Jortt_Invoice_Id__c: text,
  Jortt_Invoice_Number__c: text,
  Jortt_Status__c: text,
  Jortt_Sync_Error__c: text,
  Account: AccountRowSchema.nullish().transform((value) => value ?? null),
  BillToContact: ContactRefSchema.nullish().transform((value) => value ?? null),
});
export type OrderRow = z.output<typeof OrderRowSchema>;
export type AccountRow = z.output<typeof AccountRowSchema>;

export const OrderItemRowSchema = z.looseObject({
  Id: SalesforceIdSchema,
  OrderId: SalesforceIdSchema,
  Quantity: decimal,
  UnitPrice: decimal,
  Description: text,
  Jortt_VAT_Rate__c: decimal,
  Product2: z
    .looseObject({ Name: text })
    .nullish()
    .transform((value) => value ?? null),
});
export type OrderItemRow = z.output<typeof OrderItemRowSchema>;

export const AccountContactRowSchema = z.looseObject({
  AccountId: SalesforceIdSchema,
  Email: text,
  FirstName: text,
  LastName: text,
});
export type AccountContactRow = z.output<typeof AccountContactRowSchema>;

export const OrderModstampRowSchema = z.looseObject({ Id: SalesforceIdSchema, SystemModstamp: z.string().min(1) });
export type OrderModstampRow = z.output<typeof OrderModstampRowSchema>;

/**
 * A configured field's value from a row. Field API names are case-insensitive in Salesforce, and a
 * setting may spell one differently from how the API returns it.
 */
export function readField(row: Readonly<Record<string, unknown>>, name: string): unknown {
  if (Object.hasOwn(row, name)) return row[name];
  const folded = name.toLowerCase();
  const key = Object.keys(row).find((candidate) => candidate.toLowerCase() === folded);
  return key === undefined ? undefined : row[key];
}
