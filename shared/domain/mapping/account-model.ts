import type { AccountModelSetting } from "../../config/settings-schema";
import { SyncError } from "../../errors/sync-error";
import type { AccountModel } from "./mapping-types";

/**
 * The org has Person Accounts when Account's describe lists `IsPersonAccount` (and its Person*
 * fields); an org without the feature has neither (reference §9.6).
 */
export function detectAccountModel(accountFieldNames: Iterable<string>): AccountModel {
  for (const name of accountFieldNames) {
    if (name.toLowerCase() === "ispersonaccount") return "person-accounts";
  }
  return "account-contact";
}

/**
 * The model to map with: the setting when explicit, else what the describe says. Choosing
 * person-accounts for an org without them is a configuration error (every write would fail with
 * INVALID_FIELD), caught here before any record moves.
 */
export function resolveAccountModel(
  setting: AccountModelSetting,
  accountFieldNames: Iterable<string> | undefined,
): AccountModel {
  const detected = accountFieldNames === undefined ? undefined : detectAccountModel(accountFieldNames);
  if (setting === "auto") {
    if (detected === undefined) {
      throw new SyncError("accountModel is auto but no Account describe was given", {
        code: "config.account-model.undetermined",
        errorClass: "configuration",
        source: "config",
        field: "accountModel",
        hint: "Describe Account first, or set accountModel explicitly.",
      });
    }
    return detected;
  }
  if (setting === "person-accounts" && detected === "account-contact") {
    throw new SyncError("accountModel is person-accounts but the org has no Person Accounts", {
      code: "config.account-model.unavailable",
      errorClass: "configuration",
      source: "config",
      field: "accountModel",
      hint: "Enable Person Accounts in Salesforce, or set accountModel to account-contact or auto.",
    });
  }
  return setting;
}
