import { type FieldSpec, findField } from "../salesforce/field-catalog";
import type { OverrideObject } from "./source-paths";

/**
 * Which Salesforce fields an override may write. Identity and links are owned by the sync:
 * overriding an external id or a parent reference would break idempotent upserts, so those are
 * rejected when the settings are parsed.
 */
const OWNED_BY_SYNC: Readonly<Record<OverrideObject, readonly string[]>> = {
  Account: ["Id", "Jortt_Customer_Id__c", "RecordTypeId", "RecordType", "IsPersonAccount", "PersonContactId"],
  PersonAccount: ["Id", "Jortt_Customer_Id__c", "RecordTypeId", "RecordType", "IsPersonAccount", "PersonContactId"],
  Contact: ["Id", "Jortt_Customer_Id__c", "AccountId", "Account"],
  Order: ["Id", "Jortt_Invoice_Id__c", "AccountId", "Account", "Pricebook2Id", "Pricebook2"],
  OrderItem: [
    "Id",
    "Jortt_Line_Id__c",
    "OrderId",
    "Order",
    "PricebookEntryId",
    "PricebookEntry",
    "Product2Id",
    "Product2",
  ],
  Product2: ["Id", "Jortt_Product_Key__c", "IsActive"],
};

/** Salesforce API names: letters, digits, underscores; custom fields end in __c (person contact fields __pc). */
const API_NAME = /^[A-Za-z][A-Za-z0-9_]{0,79}$/;

/** Why `field` cannot be an override target of `object`, or null when it can. */
export function overrideTargetProblem(object: OverrideObject, field: string): string | null {
  if (!API_NAME.test(field) || field.includes("___") || field.endsWith("_")) {
    return "not a Salesforce field API name";
  }
  if (field.includes("__") && !/__(c|pc)$/.test(field)) return "custom field API names end in __c";
  if (OWNED_BY_SYNC[object].some((owned) => owned.toLowerCase() === field.toLowerCase())) {
    return `${field} is set by the sync (identity or parent link) and cannot be overridden`;
  }
  if (object === "PersonAccount" && field.toLowerCase() === "name") {
    return "Salesforce composes a person account's Name from FirstName and LastName";
  }
  return null;
}

/** The catalog spec of an override target, when catalogued (user custom fields are not). */
export function overrideTargetSpec(object: OverrideObject, field: string): FieldSpec | undefined {
  return findField(object, field);
}
