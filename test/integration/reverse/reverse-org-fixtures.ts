import { cpSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { JorttSandbox } from "../../../sim/jortt";
import { DEFAULT_OBJECTS_DIR, type SalesforceSandbox } from "../../../sim/salesforce";

/**
 * A Salesforce org and a Jortt administration for the reverse flow, built through the sandboxes'
 * test hooks (no API calls counted). Deterministic: values follow from the order's index.
 */

/** Org-specific Order fields a customer would configure in settings.reverse (not part of the product metadata). */
export function objectsDirWithPaymentFields(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), "reverse-objects-"));
  cpSync(DEFAULT_OBJECTS_DIR, dir, { recursive: true });
  const text = (name: string) =>
    `<?xml version="1.0" encoding="UTF-8"?>
<CustomField xmlns="http://soap.sforce.com/2006/04/metadata">
    <fullName>${name}</fullName>
    <label>${name}</label>
    <length>40</length>
    <type>Text</type>
</CustomField>
`;
  writeFileSync(join(dir, "Order/fields/Payment_Terms__c.field-meta.xml"), text("Payment_Terms__c"));
  writeFileSync(join(dir, "Order/fields/Payment_Method__c.field-meta.xml"), text("Payment_Method__c"));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export const PAYMENT_TERMS = ["Net 14", "45", null, "Someday"] as const;
export const PAYMENT_METHODS = ["Direct Debit", null, "already_paid"] as const;
export const QUANTITIES = [1, 2.5, 3] as const;
export const PRICES = [12.34, 0.1, 99.99] as const;
export const VAT_RATES = [21, 9, 0, null] as const;

/** How an Account finds its Jortt customer. */
export type AccountKind = "bill-to" | "contact" | "email-match" | "no-email" | "linked" | "ambiguous";

export interface SeededAccount {
  id: string;
  kind: AccountKind;
  email: string | null;
  /** The Jortt customer it must end up with, when known up front. */
  jorttCustomerId?: string;
  contactId?: string;
}

export interface SeededOrder {
  id: string;
  index: number;
  accountId: string;
  selected: boolean;
  itemCount: number;
}

export interface SeededOrg {
  accounts: SeededAccount[];
  /** Orders that must become exactly one Jortt invoice each. */
  good: SeededOrder[];
  /** Selected but not invoiceable: no products. */
  noItems: SeededOrder;
  /** Selected, Account's e-mail shared by two Jortt customers. */
  ambiguous: SeededOrder;
  /** Not selected (checkbox off). */
  unselected: SeededOrder[];
  pricebookEntryId: string;
}

function insertOne(sandbox: SalesforceSandbox, type: string, record: Record<string, unknown>): string {
  const [result] = sandbox.insertRecords(type, [record]);
  if (!result?.success || !result.id) throw new Error(`seed ${type} failed: ${JSON.stringify(result)}`);
  return result.id;
}

function company(index: number): Record<string, unknown> {
  return {
    Name: `Company ${index} B.V.`,
    BillingStreet: `Keizersgracht ${index + 1}`,
    BillingPostalCode: `10${10 + index} AB`,
    BillingCity: "Amsterdam",
    BillingCountry: index % 2 === 0 ? "Nederland" : "NL",
    Phone: `020-555${String(index).padStart(4, "0")}`,
  };
}

/** Seeds Jortt customers an Account must match (by e-mail, by its linked id) or stumble over (ambiguous). */
function seedJorttCustomers(jortt: JorttSandbox) {
  const matched = jortt.store.createCustomer({
    is_private: false,
    customer_name: "Existing Customer B.V.",
    address_street: "Damrak 1",
    address_postal_code: "1012 LG",
    address_city: "Amsterdam",
    email: "Invoices@Existing.example.test",
  });
  const linked = jortt.store.createCustomer({
    is_private: false,
    customer_name: "Linked Customer B.V.",
    address_street: "Damrak 2",
    address_postal_code: "1012 LG",
    address_city: "Amsterdam",
  });
  for (const name of ["Twin A", "Twin B"]) {
    jortt.store.createCustomer({
      is_private: false,
      customer_name: name,
      address_street: "Rokin 1",
      address_postal_code: "1012 KK",
      address_city: "Amsterdam",
      email: "shared@twins.example.test",
    });
  }
  return { matchedId: matched.id, linkedId: linked.id };
}

/**
 * 9 Accounts covering every way to a Jortt customer, 50 good Orders over them (1–3 products each,
 * VAT 21/9/0/empty, quantities 1/2.5/3, prices 12.34/0.10/99.99, payment terms and methods that map,
 * pass through or are unmapped), one Order without products, one on an ambiguous Account, and 3
 * Orders not selected.
 */
export function seedReverseOrg(salesforce: SalesforceSandbox, jortt: JorttSandbox, goodOrders = 50): SeededOrg {
  const standardBook = salesforce.records("Pricebook2").find((book) => book.IsStandard === true);
  if (!standardBook) throw new Error("no standard price book");
  const productId = insertOne(salesforce, "Product2", { Name: "Consultancy hour", IsActive: true });
  const pricebookEntryId = insertOne(salesforce, "PricebookEntry", {
    Pricebook2Id: standardBook.Id,
    Product2Id: productId,
    UnitPrice: 0,
    IsActive: true,
  });
  const { matchedId, linkedId } = seedJorttCustomers(jortt);

  const kinds: AccountKind[] = [
    "bill-to",
    "bill-to",
    "bill-to",
    "contact",
    "contact",
    "email-match",
    "no-email",
    "linked",
    "bill-to",
  ];
  const accounts: SeededAccount[] = kinds.map((kind, index) => {
    const email =
      kind === "email-match"
        ? "INVOICES@existing.example.test"
        : kind === "no-email" || kind === "linked"
          ? null
          : `billing-${index}@company.example.test`;
    const id = insertOne(salesforce, "Account", {
      ...company(index),
      ...(kind === "linked" ? { Jortt_Customer_Id__c: linkedId } : {}),
    });
    const contactId =
      email === null
        ? undefined
        : insertOne(salesforce, "Contact", {
            AccountId: id,
            LastName: `Buyer ${index}`,
            FirstName: "Pat",
            Email: email,
          });
    return {
      id,
      kind,
      email,
      ...(kind === "email-match" ? { jorttCustomerId: matchedId } : {}),
      ...(kind === "linked" ? { jorttCustomerId: linkedId } : {}),
      ...(contactId ? { contactId } : {}),
    };
  });
  const ambiguousAccountId = insertOne(salesforce, "Account", company(99));
  const ambiguousContactId = insertOne(salesforce, "Contact", {
    AccountId: ambiguousAccountId,
    LastName: "Twin",
    Email: "shared@twins.example.test",
  });
  accounts.push({
    id: ambiguousAccountId,
    kind: "ambiguous",
    email: "shared@twins.example.test",
    contactId: ambiguousContactId,
  });

  const insertOrder = (index: number, account: SeededAccount, selected: boolean, itemCount: number): SeededOrder => {
    const id = insertOne(salesforce, "Order", {
      AccountId: account.id,
      EffectiveDate: `2026-11-${String((index % 28) + 1).padStart(2, "0")}`,
      Status: "Draft",
      Pricebook2Id: standardBook.Id,
      Jortt_Send__c: selected,
      ...(account.kind === "bill-to" || account.kind === "ambiguous" ? { BillToContactId: account.contactId } : {}),
      Payment_Terms__c: PAYMENT_TERMS[index % PAYMENT_TERMS.length],
      Payment_Method__c: PAYMENT_METHODS[index % PAYMENT_METHODS.length],
    });
    for (let line = 0; line < itemCount; line += 1) {
      insertOne(salesforce, "OrderItem", {
        OrderId: id,
        PricebookEntryId: pricebookEntryId,
        Quantity: QUANTITIES[line % QUANTITIES.length],
        UnitPrice: PRICES[(index + line) % PRICES.length],
        Jortt_VAT_Rate__c: VAT_RATES[(index + line) % VAT_RATES.length],
        // Every third line has no description: the product name is used.
        ...(line === 2 ? {} : { Description: `Order ${index} line ${line}` }),
      });
    }
    return { id, index, accountId: account.id, selected, itemCount };
  };

  const regular = accounts.filter((account) => account.kind !== "ambiguous");
  const good = Array.from({ length: goodOrders }, (_, index) =>
    insertOrder(index, regular[index % regular.length] as SeededAccount, true, 1 + (index % 3)),
  );
  const noItems = insertOrder(1000, regular[0] as SeededAccount, true, 0);
  const ambiguous = insertOrder(1001, accounts[accounts.length - 1] as SeededAccount, true, 1);
  const unselected = [2000, 2001, 2002].map((index) => insertOrder(index, regular[1] as SeededAccount, false, 1));
  return { accounts, good, noItems, ambiguous, unselected, pricebookEntryId };
}
