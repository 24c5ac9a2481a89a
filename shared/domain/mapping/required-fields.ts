import type { CatalogObject } from "../salesforce/field-catalog";
import type { SObjectFields } from "./mapping-types";

/** Fields Salesforce needs on insert (reference §9.7) that the mapping fills from Jortt data. */
export const REQUIRED_FIELDS: Readonly<Record<CatalogObject, readonly string[]>> = {
  Account: ["Name"],
  PersonAccount: ["LastName"],
  Contact: ["LastName"],
  Product2: ["Name"],
  PricebookEntry: ["UnitPrice"],
  Order: ["EffectiveDate", "Status"],
  OrderItem: ["Quantity", "UnitPrice"],
};

export function isRequiredField(object: CatalogObject, field: string): boolean {
  return REQUIRED_FIELDS[object].some((required) => required.toLowerCase() === field.toLowerCase());
}

/** Required fields that are absent, null or blank. */
export function missingRequiredFields(object: CatalogObject, fields: SObjectFields): string[] {
  return REQUIRED_FIELDS[object].filter((field) => {
    const value = fields[field];
    return value === undefined || value === null || (typeof value === "string" && value.trim() === "");
  });
}
