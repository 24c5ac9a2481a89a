import type { JorttCreateCustomerBody } from "../jortt/create-customer-schema";
import { cleanText } from "../mapping/clean-text";
import { emailProblem } from "../mapping/email-address";
import { type MappingProblem, mappingDataError } from "../mapping/mapping-data-error";
import { toCountryCode } from "./country-code";
import type { AccountRow } from "./salesforce-order-rows";

/** The person an invoice is addressed to: the Order's BillToContact, else a Contact of the Account. */
export interface BillingContact {
  Email: string | null;
  FirstName: string | null;
  LastName: string | null;
}

/** What a Jortt customer is found by or made from. */
export interface CustomerSource {
  accountId: string;
  account: AccountRow;
  contact: BillingContact | null;
}

export const CUSTOMER_HINT =
  "Complete the Account in Salesforce (a company needs its billing street, postal code and city), or set settings.reverse.defaultCustomerId.";

export function isPersonAccount(source: CustomerSource): boolean {
  return source.account.IsPersonAccount === true;
}

/**
 * The address invoices go to, trimmed; null when absent or not one valid address (then the
 * customer is found by reference and name only, and created without one).
 */
export function customerEmail(source: CustomerSource): string | null {
  const raw = isPersonAccount(source) ? source.account.PersonEmail : source.contact?.Email;
  const email = cleanText(raw);
  return email !== null && emailProblem(email) === null ? email : null;
}

/** The name Jortt shows: the company name, or a person's full name. */
export function customerName(source: CustomerSource): string | null {
  const { account } = source;
  if (isPersonAccount(source)) {
    const full = [cleanText(account.FirstName), cleanText(account.LastName)].filter(Boolean).join(" ");
    return full === "" ? cleanText(account.Name) : full;
  }
  return cleanText(account.Name);
}

/**
 * An Account → `POST /customers` body (reference/jortt-api.md §5): a person account becomes a
 * private customer (`is_private`, first/last name, person mailing address), any other Account a
 * company with its billing address (street, postal code and city are required by Jortt for
 * companies). `reference` = the Account Id, so a retried create is found again.
 */
export function mapAccountToJorttCustomer(source: CustomerSource): JorttCreateCustomerBody {
  const { account } = source;
  const person = isPersonAccount(source);
  const problems: MappingProblem[] = [];
  const name = customerName(source);
  if (name === null) problems.push({ field: "Account.Name", reason: "empty" });
  const prefix = person && cleanText(account.PersonMailingStreet) !== null ? "PersonMailing" : "Billing";
  const mailing = prefix === "PersonMailing";
  const address = {
    street: cleanText(mailing ? account.PersonMailingStreet : account.BillingStreet),
    postalCode: cleanText(mailing ? account.PersonMailingPostalCode : account.BillingPostalCode),
    city: cleanText(mailing ? account.PersonMailingCity : account.BillingCity),
    country: mailing ? account.PersonMailingCountry : account.BillingCountry,
  };
  if (!person) {
    if (address.street === null) problems.push({ field: "Account.BillingStreet", reason: "required for a company" });
    if (address.postalCode === null) {
      problems.push({ field: "Account.BillingPostalCode", reason: "required for a company" });
    }
    if (address.city === null) problems.push({ field: "Account.BillingCity", reason: "required for a company" });
  }
  const country = toCountryCode(address.country);
  if (country === undefined) {
    problems.push({
      field: `Account.${prefix}Country`,
      reason: "not an ISO 3166 alpha-2 code or a known country name",
    });
  }
  if (problems.length > 0) throw mappingDataError(`account:${source.accountId}`, problems, CUSTOMER_HINT);

  const email = customerEmail(source);
  const attn = person
    ? null
    : [cleanText(source.contact?.FirstName), cleanText(source.contact?.LastName)].filter(Boolean).join(" ");
  return {
    is_private: person,
    customer_name: name ?? "",
    ...(address.street ? { address_street: address.street } : {}),
    ...(address.postalCode ? { address_postal_code: address.postalCode } : {}),
    ...(address.city ? { address_city: address.city } : {}),
    ...(country ? { address_country_code: country } : {}),
    ...(person && cleanText(account.FirstName) ? { first_name: cleanText(account.FirstName) ?? "" } : {}),
    ...(person && cleanText(account.LastName) ? { last_name: cleanText(account.LastName) ?? "" } : {}),
    ...(attn ? { attn } : {}),
    ...(email ? { email } : {}),
    ...(cleanText(account.Phone) ? { phonenumber: cleanText(account.Phone) ?? "" } : {}),
    ...(cleanText(account.Website) ? { website: cleanText(account.Website) ?? "" } : {}),
    reference: source.accountId,
  };
}
