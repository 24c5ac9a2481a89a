import type { Settings } from "../../config/settings-schema";
import type { JorttCustomer } from "../../domain/jortt/customer-schema";
import { normalizeEmail } from "../../domain/mapping/email-address";
import {
  type CustomerSource,
  customerEmail,
  customerName,
  mapAccountToJorttCustomer,
} from "../../domain/reverse/map-account-to-customer";
import { SyncError } from "../../errors/sync-error";
import type { JorttInvoicing } from "../../ports/jortt-invoicing";
import type { JorttValidRecord } from "../../ports/jortt-source";
import type { StateStore } from "../../ports/state-store";
import { asSyncError } from "../as-sync-error";

export const AMBIGUOUS_EMAIL_MATCH = "AMBIGUOUS_EMAIL_MATCH";
export const CREATE_IN_PROGRESS = "CREATE_IN_PROGRESS";

/** How the Jortt customer of an Account was found. */
export type CustomerSourceKind = "account" | "reference" | "email" | "default" | "created";

export type CustomerResolution =
  | { ok: true; customerId: string; via: CustomerSourceKind }
  | { ok: false; error: SyncError; quarantined: boolean };

export interface FindOrCreateCustomerDeps {
  jortt: JorttInvoicing;
  state: StateStore;
  settings: Settings;
  /** How long a create is reserved for one worker (see createLockSeconds in push-orders-to-jortt). */
  lockSeconds: number;
}

/**
 * The Jortt customer an Account's invoices go to, found before anything is created:
 * 1. the Account's `Jortt_Customer_Id__c` (synced from Jortt, or linked by an earlier push);
 * 2. a customer whose `reference` is the Account Id (one we created; Jortt's `query`, exact filter);
 * 3. a customer with the Account's e-mail address (bill-to Contact, oldest Contact, or PersonEmail;
 *    `query`, then trimmed case-insensitive equality): one → that one; several → quarantined;
 * 4. settings.reverse.defaultCustomerId;
 * 5. else a new customer from the Account (company, or private for a person account) with
 *    `reference` = Account Id, under a create reservation so two workers cannot both create it.
 *    Without an e-mail address, the Account's name is searched first (a reference match there is
 *    an earlier create whose response was lost, should Jortt's search not cover `reference`).
 * Archived customers are never matched. Never throws: failures come back classified.
 */
export async function findOrCreateJorttCustomer(
  deps: FindOrCreateCustomerDeps,
  source: CustomerSource,
): Promise<CustomerResolution> {
  try {
    return await resolve(deps, source);
  } catch (error) {
    return { ok: false, error: asSyncError(error), quarantined: false };
  }
}

async function resolve(deps: FindOrCreateCustomerDeps, source: CustomerSource): Promise<CustomerResolution> {
  const linked = source.account.Jortt_Customer_Id__c;
  if (linked) return { ok: true, customerId: linked, via: "account" };

  const byReference = await referencedBy(deps.jortt, source.accountId, source.accountId);
  if (byReference) return { ok: true, customerId: byReference, via: "reference" };

  const email = customerEmail(source);
  if (email !== null) {
    const matches = (await deps.jortt.searchCustomers(email)).records.filter(
      (record) =>
        isActive(record) && record.value.email !== null && normalizeEmail(record.value.email) === normalizeEmail(email),
    );
    const ours = matches.find((record) => record.value.reference === source.accountId);
    if (ours) return { ok: true, customerId: ours.value.id, via: "reference" };
    if (matches.length === 1 && matches[0]) return { ok: true, customerId: matches[0].value.id, via: "email" };
    if (matches.length > 1) return { ok: false, error: ambiguous(source.accountId, matches.length), quarantined: true };
  }

  const fallback = deps.settings.reverse.defaultCustomerId;
  if (fallback) return { ok: true, customerId: fallback, via: "default" };

  const body = mapAccountToJorttCustomer(source);
  if (!(await deps.state.claimOnce(`reverse.customer-create:${source.accountId}`, deps.lockSeconds))) {
    return { ok: false, error: inProgress("customer", source.accountId), quarantined: false };
  }
  const name = customerName(source);
  if (email === null && name !== null && name.trim().length >= 3) {
    const earlier = await referencedBy(deps.jortt, name, source.accountId);
    if (earlier) return { ok: true, customerId: earlier, via: "reference" };
  }
  const created = await deps.jortt.createCustomer(body, `account:${source.accountId}`);
  return { ok: true, customerId: created.id, via: "created" };
}

/** The first active customer found by `query` whose `reference` is exactly `accountId`. */
async function referencedBy(jortt: JorttInvoicing, query: string, accountId: string): Promise<string | undefined> {
  const { records } = await jortt.searchCustomers(query);
  return records.find((record) => isActive(record) && record.value.reference === accountId)?.value.id;
}

function isActive(record: JorttValidRecord<JorttCustomer>): boolean {
  return record.value.archived !== true;
}

function ambiguous(accountId: string, count: number): SyncError {
  return new SyncError(`${count} Jortt customers share the e-mail address of Account ${accountId}`, {
    code: AMBIGUOUS_EMAIL_MATCH,
    errorClass: "data",
    source: "jortt",
    field: "email",
    hint: "Merge or archive the duplicates in Jortt, or set the Account's Jortt_Customer_Id__c to the right one.",
  });
}

export function inProgress(what: "customer" | "invoice", id: string): SyncError {
  return new SyncError(`Another worker is creating the Jortt ${what} for ${id}`, {
    code: CREATE_IN_PROGRESS,
    errorClass: "transient",
    source: "pipeline",
    hint: "Retried on redelivery; the create reservation must be shorter than the queue's visibility timeout.",
  });
}
