/** Order ids carry the key prefix 801; 15 (case-sensitive) or 18 characters. */
const ORDER_ID = /^801[a-zA-Z0-9]{12}(?:[a-zA-Z0-9]{3})?$/;

/**
 * Whether a Jortt invoice `reference` names a Salesforce Order: the reverse flow creates every
 * invoice with `reference` = the Order's 18-character Id.
 */
export function isSalesforceOrderId(value: string | null | undefined): value is string {
  return typeof value === "string" && ORDER_ID.test(value);
}
