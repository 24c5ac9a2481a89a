import type { JorttCustomer } from "../jortt/customer-schema";
import { cleanText } from "./clean-text";
import { type NameParts, splitName } from "./split-name";

/**
 * The person's name for a Contact of a business account:
 * - `attn` (the contact person) when present, split into first and last name;
 * - else, for a private customer, `first_name`/`last_name` (first name falling back to initials),
 *   else the customer name split;
 * - else (a company without attn) the company name whole as LastName: splitting "Acme B.V." into
 *   a first and last name would invent a person.
 */
export function contactName(customer: JorttCustomer): NameParts {
  const attn = splitName(customer.attn);
  if (attn.lastName !== null) return attn;
  if (customer.is_private) return personName(customer);
  return { firstName: null, lastName: cleanText(customer.customer_name) };
}

/** The name of a private customer as a person: first_name/last_name, else the customer name split. */
export function personName(customer: JorttCustomer): NameParts {
  const lastName = cleanText(customer.last_name);
  if (lastName !== null) {
    return { firstName: cleanText(customer.first_name) ?? cleanText(customer.initials), lastName };
  }
  return splitName(customer.customer_name);
}
