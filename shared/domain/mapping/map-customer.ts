import type { JorttCustomer } from "../jortt/customer-schema";
import { recordKey as makeRecordKey } from "../record-key";
import { EXTERNAL_ID_FIELD, SOBJECT_OF } from "../salesforce/field-catalog";
import { cleanText } from "./clean-text";
import { contactName, personName } from "./contact-name";
import { normalizeEmail } from "./email-address";
import { finishRecord } from "./finish-record";
import { mappingDataError } from "./mapping-data-error";
import type { CustomerMapping, MappingContext, SObjectFields, UpsertRecord } from "./mapping-types";

const CUSTOMER_ID = EXTERNAL_ID_FIELD.Account;

function address(prefix: string, customer: JorttCustomer): SObjectFields {
  return {
    [`${prefix}Street`]: cleanText(customer.address_street),
    [`${prefix}PostalCode`]: cleanText(customer.address_postal_code),
    [`${prefix}City`]: cleanText(customer.address_city),
    // The contract writes the ISO code ("NL") into the Country text field.
    [`${prefix}Country`]: cleanText(customer.address_country_code),
  };
}

function businessAccountFields(customer: JorttCustomer): SObjectFields {
  return {
    [CUSTOMER_ID]: customer.id,
    Name: cleanText(customer.customer_name),
    ...address("Billing", customer),
    ...address("Shipping", customer),
    Phone: cleanText(customer.phonenumber),
    Website: cleanText(customer.website),
  };
}

function contactFields(customer: JorttCustomer): SObjectFields {
  const name = contactName(customer);
  return {
    [CUSTOMER_ID]: customer.id,
    Account: { [CUSTOMER_ID]: customer.id },
    FirstName: name.firstName,
    LastName: name.lastName,
    Email: cleanText(customer.email),
  };
}

function personAccountFields(customer: JorttCustomer, ctx: MappingContext): SObjectFields {
  const name = personName(customer);
  return {
    [CUSTOMER_ID]: customer.id,
    ...(ctx.personAccountRecordTypeId ? { RecordTypeId: ctx.personAccountRecordTypeId } : {}),
    FirstName: name.firstName,
    LastName: name.lastName,
    PersonEmail: cleanText(customer.email),
    ...address("PersonMailing", customer),
    Phone: cleanText(customer.phonenumber),
    Website: cleanText(customer.website),
  };
}

function upsertRecord(object: UpsertRecord["object"], id: string, fields: SObjectFields): UpsertRecord {
  return { object, sobject: SOBJECT_OF[object], externalIdField: CUSTOMER_ID, externalId: id, fields };
}

/**
 * A Jortt customer → Salesforce records (ARCHITECTURE.md "Default mapping"):
 * - company, or private in the account-contact model: Account + Contact, both keyed by the Jortt id;
 * - private in the person-accounts model: one person account.
 * A business account always gets its Contact (the contract's "plus a Contact"; without attn it is
 * named after the customer), so the record set of a customer never changes shape when attn or the
 * e-mail is filled in or cleared later, and e-mail matching always has a Contact to adopt.
 *
 * Throws a data-class SyncError naming every unusable required field; optional fields that cannot
 * be written are cleared and reported in `warnings`; long text is truncated with a warning.
 */
export function mapCustomer(customer: JorttCustomer, ctx: MappingContext): CustomerMapping {
  const recordKey = makeRecordKey("customer", customer.id);
  const sources = { customer };
  const isPersonAccount = customer.is_private && ctx.accountModel === "person-accounts";

  const account = isPersonAccount
    ? finishRecord("PersonAccount", personAccountFields(customer, ctx), sources, ctx.settings, recordKey)
    : finishRecord("Account", businessAccountFields(customer), sources, ctx.settings, recordKey);
  const contact = isPersonAccount
    ? null
    : finishRecord("Contact", contactFields(customer), sources, ctx.settings, recordKey);

  const problems = [...account.problems, ...(contact?.problems ?? [])];
  if (problems.length > 0) {
    throw mappingDataError(
      recordKey,
      problems,
      "Fill in the customer's name in Jortt, or correct the mapping override of the named field.",
    );
  }
  const email = isPersonAccount ? account.fields.PersonEmail : contact?.fields.Email;
  return {
    kind: "customer",
    recordKey,
    accountModel: ctx.accountModel,
    isPersonAccount,
    records: {
      account: upsertRecord(isPersonAccount ? "PersonAccount" : "Account", customer.id, account.fields),
      contact: contact ? upsertRecord("Contact", customer.id, contact.fields) : null,
    },
    matchEmail: typeof email === "string" ? normalizeEmail(email) : null,
    warnings: [...account.warnings, ...(contact?.warnings ?? [])],
  };
}
