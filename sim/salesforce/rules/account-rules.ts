import type { DmlEnvironment, ObjectRules } from "../dml/dml-environment";
import { checkUniqueFields } from "../dml/reference-checks";
import { RecordSaveError } from "../http/api-error";
import type { SObjectRecord } from "../store/record-store";
import { buildId } from "../store/salesforce-ids";

/**
 * Business vs Person Accounts (reference §9.6). In a Person Account org the record type decides:
 * a person account needs LastName, gets a composed Name and a hidden "person contact"; a business
 * account needs Name and may not use person fields.
 */
const PERSON_ONLY_FIELDS = [
  "FirstName",
  "LastName",
  "Salutation",
  "PersonEmail",
  "PersonMobilePhone",
  "PersonHomePhone",
  "PersonTitle",
  "PersonBirthdate",
  "PersonMailingStreet",
  "PersonMailingCity",
  "PersonMailingState",
  "PersonMailingPostalCode",
  "PersonMailingCountry",
];

/** Person-contact field on Account → field on the hidden Contact. */
const PERSON_CONTACT_FIELDS: Array<[string, string]> = [
  ["FirstName", "FirstName"],
  ["LastName", "LastName"],
  ["Salutation", "Salutation"],
  ["PersonEmail", "Email"],
  ["PersonMobilePhone", "MobilePhone"],
  ["PersonTitle", "Title"],
  ["PersonBirthdate", "Birthdate"],
  ["PersonMailingStreet", "MailingStreet"],
  ["PersonMailingCity", "MailingCity"],
  ["PersonMailingState", "MailingState"],
  ["PersonMailingPostalCode", "MailingPostalCode"],
  ["PersonMailingCountry", "MailingCountry"],
  ["Phone", "Phone"],
];

function personFieldNames(record: SObjectRecord): string[] {
  return Object.keys(record).filter((name) => PERSON_ONLY_FIELDS.includes(name) || name.endsWith("__pc"));
}

export function isPersonRecordType(recordTypeId: unknown, env: DmlEnvironment): boolean {
  if (typeof recordTypeId !== "string") return false;
  return env.store.get("RecordType", recordTypeId)?.IsPersonType === true;
}

function defaultBusinessRecordTypeId(env: DmlEnvironment): string | null {
  const businessType = env.store
    .all("RecordType")
    .find((recordType) => recordType.SobjectType === "Account" && recordType.IsPersonType === false);
  return businessType ? String(businessType.Id) : null;
}

function composedName(record: SObjectRecord): string {
  return [record.FirstName, record.LastName].filter((part) => typeof part === "string" && part !== "").join(" ");
}

function validateAccount(record: SObjectRecord, previous: SObjectRecord | undefined, env: DmlEnvironment): void {
  if (!env.schema.personAccounts) {
    if (record.Name === null) {
      throw new RecordSaveError("REQUIRED_FIELD_MISSING", "Required fields are missing: [Name]", ["Name"]);
    }
    return;
  }
  if (record.RecordTypeId === null) record.RecordTypeId = defaultBusinessRecordTypeId(env);
  const isPerson = isPersonRecordType(record.RecordTypeId, env);
  if (previous && isPerson !== (previous.IsPersonAccount === true)) {
    throw new RecordSaveError(
      "INVALID_FIELD_FOR_INSERT_UPDATE",
      "Cannot change the record type between a person account and a business account through the API",
      ["RecordTypeId"],
    );
  }
  if (isPerson) {
    if (record.Name !== null && record.Name !== (previous?.Name ?? null)) {
      throw new RecordSaveError(
        "INVALID_FIELD_FOR_INSERT_UPDATE",
        "Person Account may not use Business Account field: Name",
        ["Name"],
      );
    }
    if (record.LastName === null) {
      throw new RecordSaveError("REQUIRED_FIELD_MISSING", "Required fields are missing: [LastName]", ["LastName"]);
    }
    record.Name = composedName(record);
    record.IsPersonAccount = true;
    return;
  }
  const usedPersonFields = personFieldNames(record).filter((name) => record[name] !== null && record[name] !== false);
  if (usedPersonFields.length > 0) {
    throw new RecordSaveError(
      "INVALID_FIELD_FOR_INSERT_UPDATE",
      `Business Account may not use Person Account field: ${usedPersonFields.join(", ")}`,
      usedPersonFields,
    );
  }
  if (record.Name === null) {
    throw new RecordSaveError("REQUIRED_FIELD_MISSING", "Required fields are missing: [Name]", ["Name"]);
  }
  record.IsPersonAccount = false;
}

/** Keeps the hidden person contact in step with the person account (same names, e-mail, __pc fields). */
function syncPersonContact(account: SObjectRecord, env: DmlEnvironment): void {
  const contactModel = env.schema.object("Contact");
  if (!contactModel || account.IsPersonAccount !== true) return;
  const existingId = typeof account.PersonContactId === "string" ? account.PersonContactId : undefined;
  const existing = existingId ? env.store.get("Contact", existingId) : undefined;
  const contact: SObjectRecord = existing
    ? { ...existing }
    : Object.fromEntries(contactModel.fields.map((definition) => [definition.name, null]));
  for (const [accountField, contactField] of PERSON_CONTACT_FIELDS) {
    if (contactModel.field(contactField)) contact[contactField] = account[accountField] ?? null;
  }
  for (const name of Object.keys(account).filter((key) => key.endsWith("__pc"))) {
    contact[name.replace(/__pc$/, "__c")] = account[name] ?? null;
  }
  Object.assign(contact, {
    Id: existing?.Id ?? buildId(contactModel.keyPrefix, env.store.nextSequence()),
    AccountId: account.Id,
    Name: composedName(account),
    IsPersonAccount: true,
    IsDeleted: false,
    CreatedDate: existing?.CreatedDate ?? account.LastModifiedDate,
    CreatedById: existing?.CreatedById ?? env.userId,
    LastModifiedDate: account.LastModifiedDate,
    LastModifiedById: env.userId,
    SystemModstamp: account.LastModifiedDate,
    OwnerId: account.OwnerId,
  });
  checkUniqueFields(contactModel, contact, env);
  env.store.put("Contact", contact);
  const contactId = String(contact.Id);
  if (account.PersonContactId !== contactId) env.store.put("Account", { ...account, PersonContactId: contactId });
}

export const accountRules: ObjectRules = {
  beforeInsert: (record, env) => validateAccount(record, undefined, env),
  beforeUpdate: (record, previous, env) => validateAccount(record, previous, env),
  afterWrite: (record, _previous, env) => syncPersonContact(record, env),
  afterDelete: (record, env) => {
    // Contacts and Orders go with their Account (and Order Items with their Order).
    const accountId = String(record.Id);
    for (const contact of env.store.findRecords("Contact", "AccountId", accountId)) {
      env.store.delete("Contact", String(contact.Id));
    }
    for (const order of env.store.findRecords("Order", "AccountId", accountId)) {
      env.store.delete("Order", String(order.Id));
      for (const item of env.store.findRecords("OrderItem", "OrderId", String(order.Id))) {
        env.store.delete("OrderItem", String(item.Id));
      }
    }
  },
};
