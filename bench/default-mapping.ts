import type { SourceCustomer, SourceInvoice, SourceLineItem } from "./jortt-source-records";

/**
 * The benchmark's own reading of the default mapping in ARCHITECTURE.md (Account + Contact model,
 * product strategy `single`). The naive baseline writes these values and the end-state check
 * expects them of both sides, so the product is judged against an implementation it does not
 * share. Values are in the form Salesforce returns them: numbers for Currency/Percent/Quantity,
 * `YYYY-MM-DD` strings for dates, booleans for checkboxes, null for empty.
 */
export type FieldValue = string | number | boolean | null;
export type FieldMap = Record<string, FieldValue>;

/** Salesforce field lengths the mapping truncates to ("text longer than its field is truncated"). */
const FIELD_LENGTHS: Record<string, number> = {
  Name: 255,
  Phone: 40,
  Website: 255,
  Street: 255,
  City: 40,
  PostalCode: 20,
  Country: 80,
  LastName: 80,
  FirstName: 40,
  Email: 80,
  Description: 255,
  Jortt_Invoice_Number__c: 40,
  Jortt_Status__c: 20,
};

function fitted(value: string | null | undefined, field: string): string | null {
  if (value === null || value === undefined) return null;
  const trimmed = value.trim();
  if (trimmed === "") return null;
  const limit = FIELD_LENGTHS[field] ?? 255;
  if (trimmed.length <= limit) return trimmed;
  // Salesforce counts UTF-16 units; never leave half a surrogate pair at the cut.
  const cut = trimmed.slice(0, limit);
  return /[\ud800-\udbff]$/.test(cut) ? cut.slice(0, -1) : cut;
}

/** A Jortt decimal ("1996.00", 1996, "21.0") as the number Salesforce stores; exact for ≤ 15 digits. */
export function decimalNumber(value: string | number | null | undefined): number | null {
  if (value === null || value === undefined || value === "") return null;
  const parsed = typeof value === "number" ? value : Number(value);
  if (!Number.isFinite(parsed)) throw new Error(`not a decimal: ${String(value)}`);
  return parsed;
}

function address(
  prefix: string,
  street: string | null | undefined,
  postal: string | null | undefined,
  city: string | null | undefined,
  country: string | null | undefined,
): FieldMap {
  return {
    [`${prefix}Street`]: fitted(street, "Street"),
    [`${prefix}PostalCode`]: fitted(postal, "PostalCode"),
    [`${prefix}City`]: fitted(city, "City"),
    [`${prefix}Country`]: fitted(country, "Country"),
  };
}

export function mapAccount(customer: SourceCustomer): FieldMap {
  const { address_street: street, address_postal_code: postal, address_city: city } = customer;
  const country = customer.address_country_code;
  return {
    Jortt_Customer_Id__c: customer.id,
    Name: fitted(customer.customer_name, "Name"),
    ...address("Billing", street, postal, city, country),
    ...address("Shipping", street, postal, city, country),
    Phone: fitted(customer.phonenumber, "Phone"),
    Website: fitted(customer.website, "Website"),
  };
}

/** "First rest of words": the first word is the first name, the rest (particles included) the last. */
function splitFullName(full: string): { FirstName: string | null; LastName: string } {
  const cleaned = full.replace(/\s+/g, " ").trim();
  const space = cleaned.indexOf(" ");
  if (space < 0) return { FirstName: null, LastName: fitted(cleaned, "LastName") ?? "" };
  return {
    FirstName: fitted(cleaned.slice(0, space), "FirstName"),
    LastName: fitted(cleaned.slice(space + 1), "LastName") ?? "",
  };
}

/**
 * "LastName/FirstName from attn, else customer_name": attn is a person and is split; a private
 * customer's name is a person's name and is split; a company name is not a person, so it is the
 * LastName whole.
 */
export function contactNames(customer: SourceCustomer): { FirstName: string | null; LastName: string } {
  if (customer.attn?.trim()) return splitFullName(customer.attn);
  if (customer.is_private) return splitFullName(customer.customer_name);
  return { FirstName: null, LastName: fitted(customer.customer_name, "LastName") ?? "" };
}

/** Salesforce rejects a malformed Email; such a value is left empty rather than failing the record. */
function emailAddress(value: string | null | undefined): string | null {
  const email = fitted(value, "Email");
  if (email === null || email.length > 80) return null;
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email) ? email : null;
}

/** The Contact without `AccountId` (a reference the caller resolves). */
export function mapContact(customer: SourceCustomer): FieldMap {
  return {
    Jortt_Customer_Id__c: customer.id,
    ...contactNames(customer),
    Email: emailAddress(customer.email),
  };
}

/** Paid is not a Jortt status: a sent invoice with nothing due is paid (reference §11). */
function isPaid(invoice: SourceInvoice): boolean {
  return invoice.invoice_status === "sent" && decimalNumber(invoice.invoice_due_amount.value) === 0;
}

/** The Order without `AccountId` and `Pricebook2Id` (references the caller resolves). */
export function mapOrder(invoice: SourceInvoice): FieldMap {
  return {
    Jortt_Invoice_Id__c: invoice.id,
    EffectiveDate: invoice.invoice_date,
    Status: "Draft",
    ...address(
      "Billing",
      invoice.customer_address_street,
      invoice.customer_address_postal_code,
      invoice.customer_address_city,
      invoice.customer_address_country_code,
    ),
    Jortt_Invoice_Number__c: fitted(invoice.invoice_number, "Jortt_Invoice_Number__c"),
    Jortt_Status__c: invoice.invoice_status,
    Jortt_Paid__c: isPaid(invoice),
    Jortt_Due_Date__c: invoice.invoice_due_date ?? null,
    Jortt_Total_Excl_VAT__c: decimalNumber(invoice.invoice_total.value),
    Jortt_Total_Incl_VAT__c: decimalNumber(invoice.invoice_total_incl_vat.value),
    Jortt_Due_Amount__c: decimalNumber(invoice.invoice_due_amount.value),
    Jortt_Credited_Invoice_Id__c: invoice.credited_invoice_id ?? null,
  };
}

export function lineExternalId(invoiceId: string, index: number): string {
  return `${invoiceId}:${index}`;
}

/** One OrderItem without `OrderId` and `PricebookEntryId`; the line index is 0-based. */
export function mapOrderItem(invoiceId: string, line: SourceLineItem, index: number): FieldMap {
  return {
    Jortt_Line_Id__c: lineExternalId(invoiceId, index),
    Quantity: decimalNumber(line.number_of_units ?? line.units),
    UnitPrice: decimalNumber(line.amount_per_unit.value),
    Description: fitted(line.description, "Description"),
    Jortt_VAT_Rate__c: decimalNumber(line.vat_percentage ?? line.vat),
  };
}

/** Invoice statuses synced by default (ARCHITECTURE.md: `sent`, paid or not). */
export const DEFAULT_SYNCED_STATUSES: readonly string[] = ["sent"];

/** Matching key for adopting existing Contacts: trimmed, case-insensitive. */
export function normalizedEmail(email: string | null | undefined): string | null {
  const trimmed = email?.trim().toLowerCase();
  return trimmed ? trimmed : null;
}
