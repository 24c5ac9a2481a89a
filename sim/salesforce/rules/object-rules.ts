import type { ObjectRules } from "../dml/dml-environment";
import { accountRules } from "./account-rules";
import { contactRules } from "./contact-rules";
import { orderItemRules, orderRules } from "./order-rules";
import { pricebook2Rules, pricebookEntryRules, product2Rules } from "./pricebook-rules";

/** The behaviour of each standard object, by API name. */
export function objectRules(): Map<string, ObjectRules> {
  return new Map<string, ObjectRules>([
    ["Account", accountRules],
    ["Contact", contactRules],
    ["Product2", product2Rules],
    ["Pricebook2", pricebook2Rules],
    ["PricebookEntry", pricebookEntryRules],
    ["Order", orderRules],
    ["OrderItem", orderItemRules],
  ]);
}
