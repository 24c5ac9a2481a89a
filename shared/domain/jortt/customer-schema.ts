import { z } from "zod";
import { jorttDate, jorttId, nullish, stringList, stringOrNumberAsString } from "./jortt-primitives";
import { type JorttRecordResult, parseJorttRecord } from "./parse-jortt-record";

/**
 * A Jortt customer as served by `GET /customers` and `GET /customers/{id}` (v1,
 * `def:Jortt_V1_Entities_Customer`). Only the core is non-null (id, is_private, customer_name);
 * every other field may be null or absent (older responses lack the newer fields) and parses to
 * `null`. Unknown keys are kept, so a field Jortt adds later survives to the mapping and the hash.
 */
export const JorttCustomerSchema = z.looseObject({
  id: jorttId,
  is_private: z.boolean(),
  customer_name: z.string(),

  address_street: nullish(z.string()),
  address_postal_code: nullish(z.string()),
  address_city: nullish(z.string()),
  /** ISO-3166 alpha-2; Jortt defaults it to NL. */
  address_country_code: nullish(z.string()),
  address_country_name: nullish(z.string()),
  address_extra_information: nullish(z.string()),
  shift_vat: nullish(z.boolean()),
  vat_number: nullish(z.string()),
  coc_number: nullish(z.string()),
  initials: nullish(z.string()),
  first_name: nullish(z.string()),
  last_name: nullish(z.string()),
  date_of_birth: nullish(jorttDate),
  citizen_service_number: nullish(z.string()),
  attn: nullish(z.string()),
  phonenumber: nullish(z.string()),
  website: nullish(z.string()),
  email: nullish(z.string()),
  /** Observed as both null and []; parsed as an array. */
  cc_emails: stringList,
  email_salutation: nullish(z.string()),
  additional_information: nullish(z.string()),
  payment_term: nullish(z.number().int()),
  /** nl|de|en|fr|es per the spec; kept as text so a new language does not reject the record. */
  invoice_language: nullish(z.string()),
  /** pay_later|direct_debit|already_paid per the spec. */
  payment_method_invoice: nullish(z.string()),
  /** Custom reference: the Salesforce Account Id slot for the reverse flow. */
  reference: nullish(z.string()),
  mollie_direct_debit_status: nullish(z.string()),
  mollie_customer_id: nullish(z.string()),
  mollie_mandate_id: nullish(z.string()),

  // Newer fields (absent from 2020–22 responses).
  default_ledger_account_id: nullish(jorttId),
  default_label_id: nullish(jorttId),
  archived: nullish(z.boolean()),
  default_discount_description: nullish(z.string()),
  default_discount_percentage: nullish(z.number()),
  /** Typed int64 in the spec but holds "KVK" / "12345677": parsed as text. */
  peppol_scheme_code: nullish(stringOrNumberAsString),
  peppol_identifier: nullish(stringOrNumberAsString),
});

export type JorttCustomer = z.output<typeof JorttCustomerSchema>;
/** The customer as it arrives (before money/date/null normalisation). */
export type JorttCustomerInput = z.input<typeof JorttCustomerSchema>;

export function parseJorttCustomer(raw: unknown): JorttRecordResult<JorttCustomer> {
  return parseJorttRecord("customer", JorttCustomerSchema, raw);
}
