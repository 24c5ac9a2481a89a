import { findField, type SObjectDescribe } from "./describe-sobject";

/**
 * Person Accounts are on when Account has the person fields (reference §9.6): in a business-account
 * org any query or body naming `IsPersonAccount` / `PersonEmail` fails with INVALID_FIELD, so the
 * model is detected from describe before either is used.
 */
export function hasPersonAccounts(accountDescribe: SObjectDescribe): boolean {
  return (
    findField(accountDescribe, "IsPersonAccount") !== undefined &&
    findField(accountDescribe, "PersonEmail") !== undefined
  );
}

/** SOQL for the person-account record type(s) (`RecordTypeId` is required to create one). */
export const PERSON_ACCOUNT_RECORD_TYPE_SOQL =
  "SELECT Id, DeveloperName FROM RecordType WHERE SobjectType = 'Account' AND IsPersonType = true AND IsActive = true";
