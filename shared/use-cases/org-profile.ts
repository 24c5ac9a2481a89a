import { z } from "zod";
import type { AccountModelSetting } from "../config/settings-schema";
import { resolveAccountModel as chooseAccountModel } from "../domain/mapping/account-model";
import type { AccountModel } from "../domain/mapping/mapping-types";
import { isSyncError, SyncError } from "../errors/sync-error";
import type { SalesforceGateway } from "../ports/salesforce-gateway";
import type { StateStore } from "../ports/state-store";

/**
 * Facts about the Salesforce org the mapping and the writes depend on, resolved with as few API
 * calls as possible and cached in state cursors for 24 h (so a steady-state run spends nothing):
 * - the account model: one describe of Account (decides `auto`, and checks an explicit
 *   `person-accounts` against the org before any record moves);
 * - the person-account record type (one SOQL, person-account orgs only, sync only);
 * - the standard price book (one SOQL, sync only).
 * Worst case: 3 calls per 24 h.
 */

export const ORG_PROFILE_TTL_MS = 24 * 60 * 60 * 1000;
export const ACCOUNT_MODEL_CURSOR = "salesforce.account-model";
export const STANDARD_PRICEBOOK_CURSOR = "salesforce.standard-pricebook";

const AccountModelCacheSchema = z.object({
  /** The setting the cached value was resolved for: a changed setting invalidates it. */
  setting: z.enum(["auto", "person-accounts", "account-contact"]),
  model: z.enum(["person-accounts", "account-contact"]),
  personAccountRecordTypeId: z.string().optional(),
  checkedAt: z.string(),
});
type AccountModelCache = z.infer<typeof AccountModelCacheSchema>;

const PricebookCacheSchema = z.object({ id: z.string().min(15), checkedAt: z.string() });

export interface OrgProfileDeps {
  salesforce: SalesforceGateway;
  state: StateStore;
  now: () => Date;
}

/** The account model to map with. `auto` asks Salesforce at most once per 24 h. */
export async function resolveAccountModel(deps: OrgProfileDeps, setting: AccountModelSetting): Promise<AccountModel> {
  return (await accountModelCache(deps, setting)).model;
}

/** The record type of new person accounts (person-account orgs only). */
export async function resolvePersonAccountRecordTypeId(
  deps: OrgProfileDeps,
  setting: AccountModelSetting,
): Promise<string> {
  const cached = await accountModelCache(deps, setting);
  if (cached.personAccountRecordTypeId) return cached.personAccountRecordTypeId;
  const rows = await deps.salesforce.query<{ Id: string }>(
    "SELECT Id FROM RecordType WHERE SobjectType = 'Account' AND IsPersonType = true AND IsActive = true LIMIT 1",
  );
  const id = rows[0]?.Id;
  if (!id) {
    throw new SyncError("No active person-account record type on Account", {
      code: "PERSON_ACCOUNT_RECORD_TYPE_MISSING",
      errorClass: "configuration",
      source: "salesforce",
      hint: 'Activate a person-account record type, or set accountModel to "account-contact".',
    });
  }
  await deps.state.putCursor(ACCOUNT_MODEL_CURSOR, JSON.stringify({ ...cached, personAccountRecordTypeId: id }));
  return id;
}

/** The standard price book's id (Order.Pricebook2Id and every PricebookEntry need it). */
export async function resolveStandardPricebookId(deps: OrgProfileDeps): Promise<string> {
  const cached = readCache(PricebookCacheSchema, await deps.state.getCursor(STANDARD_PRICEBOOK_CURSOR));
  if (cached && isFresh(cached.checkedAt, deps.now())) return cached.id;
  const rows = await deps.salesforce.query<{ Id: string }>("SELECT Id FROM Pricebook2 WHERE IsStandard = true LIMIT 1");
  const id = rows[0]?.Id;
  if (!id) {
    throw new SyncError("The org has no standard price book", {
      code: "STANDARD_PRICEBOOK_MISSING",
      errorClass: "configuration",
      source: "salesforce",
      hint: "Enable Products and Price Books (and Orders) in the org; the standard price book then exists.",
    });
  }
  await deps.state.putCursor(STANDARD_PRICEBOOK_CURSOR, JSON.stringify({ id, checkedAt: deps.now().toISOString() }));
  return id;
}

async function accountModelCache(deps: OrgProfileDeps, setting: AccountModelSetting): Promise<AccountModelCache> {
  const cached = readCache(AccountModelCacheSchema, await deps.state.getCursor(ACCOUNT_MODEL_CURSOR));
  if (cached && cached.setting === setting && isFresh(cached.checkedAt, deps.now())) return cached;
  let model: AccountModel;
  try {
    const describe = await deps.salesforce.describe("Account");
    model = chooseAccountModel(
      setting,
      describe.fields.map((field) => field.name),
    );
  } catch (error) {
    // An org does not switch models overnight: a stale answer beats a failed run when Salesforce
    // is briefly unreachable or rate-limited (it is asked again next time).
    if (cached && cached.setting === setting && isSyncError(error) && error.errorClass !== "configuration") {
      return cached;
    }
    throw error;
  }
  const fresh: AccountModelCache = {
    setting,
    model,
    // A record type found earlier stays valid while the model does.
    ...(cached?.model === model && cached.personAccountRecordTypeId
      ? { personAccountRecordTypeId: cached.personAccountRecordTypeId }
      : {}),
    checkedAt: deps.now().toISOString(),
  };
  await deps.state.putCursor(ACCOUNT_MODEL_CURSOR, JSON.stringify(fresh));
  return fresh;
}

function readCache<S extends z.ZodType>(schema: S, value: string | undefined): z.output<S> | undefined {
  if (value === undefined) return undefined;
  try {
    const parsed = schema.safeParse(JSON.parse(value));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

function isFresh(checkedAt: string, now: Date): boolean {
  const age = now.getTime() - Date.parse(checkedAt);
  return Number.isFinite(age) && age >= 0 && age < ORG_PROFILE_TTL_MS;
}
