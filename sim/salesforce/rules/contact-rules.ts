import type { DmlEnvironment, ObjectRules } from "../dml/dml-environment";
import { RecordSaveError } from "../http/api-error";
import type { SObjectRecord } from "../store/record-store";

/** Contacts: Name is composed; a person account cannot take extra contacts; person contacts follow their account. */
function validateContact(record: SObjectRecord, previous: SObjectRecord | undefined, env: DmlEnvironment): void {
  if (previous?.IsPersonAccount === true) {
    throw new RecordSaveError(
      "INVALID_FIELD_FOR_INSERT_UPDATE",
      "A person account's contact is edited through its Account (Person* fields)",
    );
  }
  if (typeof record.AccountId === "string" && env.store.get("Account", record.AccountId)?.IsPersonAccount === true) {
    throw new RecordSaveError(
      "FIELD_INTEGRITY_EXCEPTION",
      "field integrity exception: AccountId (a contact cannot be associated with a person account)",
      ["AccountId"],
    );
  }
  record.Name = [record.FirstName, record.LastName].filter((part) => typeof part === "string" && part !== "").join(" ");
  if (env.schema.personAccounts) record.IsPersonAccount = false;
}

export const contactRules: ObjectRules = {
  beforeInsert: (record, env) => validateContact(record, undefined, env),
  beforeUpdate: (record, previous, env) => validateContact(record, previous, env),
  beforeDelete: (record) => {
    if (record.IsPersonAccount === true) {
      throw new RecordSaveError("DELETE_FAILED", "A person account's contact is deleted with its Account");
    }
  },
};
