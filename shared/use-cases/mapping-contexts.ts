import type { Settings } from "../config/settings-schema";
import type { AccountModel, MappingContext } from "../domain/mapping/mapping-types";

/**
 * The context a record is mapped with for its content HASH, in fetch and sync alike: settings and
 * account model only. Org ids (person-account record type, standard price book) are left out, so
 * the hash says whether the Jortt content or the mapping changed, and fetch needs no Salesforce
 * call to compute it.
 */
export function hashMappingContext(settings: Settings, accountModel: AccountModel): MappingContext {
  return { settings, accountModel };
}

/** The context a record is mapped with for WRITING: the hash context plus the org ids it needs. */
export function writeMappingContext(
  settings: Settings,
  accountModel: AccountModel,
  ids: { personAccountRecordTypeId?: string | undefined; standardPricebookId?: string | undefined },
): MappingContext {
  return {
    ...hashMappingContext(settings, accountModel),
    ...(ids.personAccountRecordTypeId ? { personAccountRecordTypeId: ids.personAccountRecordTypeId } : {}),
    ...(ids.standardPricebookId ? { standardPricebookId: ids.standardPricebookId } : {}),
  };
}
