import { normalizeEmail } from "../../domain/mapping/email-address";
import type { AccountModel } from "../../domain/mapping/mapping-types";
import { SyncError } from "../../errors/sync-error";
import type { SalesforceGateway } from "../../ports/salesforce-gateway";
import type { SyncBatchLedger } from "./sync-batch-ledger";
import { type CustomerTask, isPending } from "./sync-tasks";

export const AMBIGUOUS_EMAIL_MATCH = "AMBIGUOUS_EMAIL_MATCH";
export const EMAIL_MATCH_CONFLICT = "EMAIL_MATCH_CONFLICT";

interface ContactRow {
  Id: string;
  AccountId: string | null;
  Email: string | null;
  Jortt_Customer_Id__c: string | null;
}
interface PersonAccountRow {
  Id: string;
  PersonEmail: string | null;
  Jortt_Customer_Id__c: string | null;
}
interface AccountRow {
  Id: string;
  Jortt_Customer_Id__c: string | null;
}

interface Candidate {
  recordId: string;
  contactId?: string;
  accountId?: string;
}

/**
 * Adopts existing Salesforce people for customers that are new to the sync (no synced state), so
 * the first sync does not duplicate what the org already has (ARCHITECTURE.md "Matching"):
 * - ONE SOQL for all e-mail addresses of the batch on Contact (business contacts in a
 *   person-account org), and one on person accounts (`PersonEmail`) when the batch has private
 *   customers in a person-account org. Chunked only when the address list would not fit one
 *   request URL.
 * - a record that already carries this customer's Jortt id (a person resolved a quarantine by
 *   setting it, or a crash hit between the Salesforce and the state write) → nothing to adopt: the
 *   upsert by external id finds it. Records carrying another customer's Jortt id are not candidates.
 * - exactly one candidate without a Jortt id → the task adopts it (written by Id with the Jortt id
 *   set: an upsert by external id would create a duplicate); its Account's Jortt id is checked with
 *   one more query.
 * - two or more candidates, or one record matched by several customers → quarantined with
 *   AMBIGUOUS_EMAIL_MATCH, never guessed.
 * Addresses are compared trimmed and case-insensitively, and never logged.
 */
export async function matchCustomersByEmail(
  salesforce: SalesforceGateway,
  tasks: readonly CustomerTask[],
  accountModel: AccountModel,
  ledger: SyncBatchLedger,
): Promise<void> {
  const candidates = tasks.filter(
    (task) => isPending(task) && task.state?.outcome !== "synced" && task.mapping.matchEmail !== null,
  );
  const business = candidates.filter((task) => !task.mapping.isPersonAccount);
  const persons = candidates.filter((task) => task.mapping.isPersonAccount);
  const matches = new Map<CustomerTask, Candidate[]>();

  if (business.length > 0) {
    const personFilter = accountModel === "person-accounts" ? " AND IsPersonAccount = false" : "";
    const rows = await salesforce.queryIn<ContactRow>(
      emailsOf(business),
      (list) => `SELECT Id, AccountId, Email, Jortt_Customer_Id__c FROM Contact WHERE Email IN ${list}${personFilter}`,
    );
    const byEmail = groupByEmail(rows, (row) => row.Email);
    for (const task of business) {
      const found = candidatesFor(task, byEmail.get(task.mapping.matchEmail as string) ?? []);
      if (found) {
        matches.set(
          task,
          found.map((row) => ({
            recordId: row.Id,
            contactId: row.Id,
            ...(row.AccountId ? { accountId: row.AccountId } : {}),
          })),
        );
      }
    }
  }
  if (persons.length > 0) {
    const rows = await salesforce.queryIn<PersonAccountRow>(
      emailsOf(persons),
      (list) =>
        `SELECT Id, PersonEmail, Jortt_Customer_Id__c FROM Account WHERE PersonEmail IN ${list} AND IsPersonAccount = true`,
    );
    const byEmail = groupByEmail(rows, (row) => row.PersonEmail);
    for (const task of persons) {
      const found = candidatesFor(task, byEmail.get(task.mapping.matchEmail as string) ?? []);
      if (found)
        matches.set(
          task,
          found.map((row) => ({ recordId: row.Id, accountId: row.Id })),
        );
    }
  }

  const single = new Map<CustomerTask, Candidate>();
  for (const [task, found] of matches) {
    if (found.length > 1) {
      quarantine(
        ledger,
        task,
        AMBIGUOUS_EMAIL_MATCH,
        `${found.length} Salesforce records without a Jortt id have this customer's e-mail address`,
      );
    } else if (found[0]) {
      single.set(task, found[0]);
    }
  }
  rejectSharedClaims(ledger, single, (candidate) => candidate.recordId, "record");
  rejectSharedClaims(ledger, single, (candidate) => candidate.accountId, "Account");
  await rejectLinkedAccounts(salesforce, ledger, single);

  for (const [task, candidate] of single) {
    if (!isPending(task)) continue;
    task.adopt = {
      ...(candidate.contactId ? { contactId: candidate.contactId } : {}),
      ...(candidate.accountId ? { accountId: candidate.accountId } : {}),
    };
  }
}

/** Records without a Jortt id, or undefined when one already carries this customer's id. */
function candidatesFor<R extends { Jortt_Customer_Id__c: string | null }>(
  task: CustomerTask,
  rows: readonly R[],
): R[] | undefined {
  if (rows.some((row) => row.Jortt_Customer_Id__c?.toLowerCase() === task.id.toLowerCase())) return undefined;
  return rows.filter((row) => !row.Jortt_Customer_Id__c);
}

function emailsOf(tasks: readonly CustomerTask[]): string[] {
  return [...new Set(tasks.map((task) => task.mapping.matchEmail as string))];
}

function groupByEmail<R>(rows: readonly R[], emailOf: (row: R) => string | null): Map<string, R[]> {
  const groups = new Map<string, R[]>();
  for (const row of rows) {
    const email = emailOf(row);
    if (!email) continue;
    const key = normalizeEmail(email);
    groups.set(key, [...(groups.get(key) ?? []), row]);
  }
  return groups;
}

/** One Salesforce record (or Account) claimed by several customers of the batch: none may take it. */
function rejectSharedClaims(
  ledger: SyncBatchLedger,
  single: Map<CustomerTask, Candidate>,
  claimOf: (candidate: Candidate) => string | undefined,
  what: string,
): void {
  const claims = new Map<string, CustomerTask[]>();
  for (const [task, candidate] of single) {
    const id = claimOf(candidate);
    if (id && isPending(task)) claims.set(id, [...(claims.get(id) ?? []), task]);
  }
  for (const tasks of claims.values()) {
    if (tasks.length < 2) continue;
    for (const task of tasks) {
      quarantine(
        ledger,
        task,
        AMBIGUOUS_EMAIL_MATCH,
        `${tasks.length} Jortt customers of this batch match the same Salesforce ${what} by e-mail`,
      );
    }
  }
}

/** A matched Contact whose Account already belongs to another Jortt customer is not adopted. */
async function rejectLinkedAccounts(
  salesforce: SalesforceGateway,
  ledger: SyncBatchLedger,
  single: Map<CustomerTask, Candidate>,
): Promise<void> {
  const withAccount = [...single].filter(
    ([task, candidate]) => isPending(task) && candidate.contactId && candidate.accountId,
  );
  if (withAccount.length === 0) return;
  const accounts = await salesforce.queryIn<AccountRow>(
    withAccount.map(([, candidate]) => candidate.accountId as string),
    (list) => `SELECT Id, Jortt_Customer_Id__c FROM Account WHERE Id IN ${list}`,
  );
  const linked = new Map(accounts.map((row) => [row.Id, row.Jortt_Customer_Id__c]));
  for (const [task, candidate] of withAccount) {
    const owner = linked.get(candidate.accountId as string);
    if (owner && owner !== task.id) {
      quarantine(
        ledger,
        task,
        EMAIL_MATCH_CONFLICT,
        "The Salesforce Contact with this customer's e-mail address belongs to an Account of another Jortt customer",
      );
    }
  }
}

function quarantine(ledger: SyncBatchLedger, task: CustomerTask, code: string, message: string): void {
  if (!isPending(task)) return;
  ledger.fail(
    task,
    new SyncError(`${task.key}: ${message}`, {
      code,
      errorClass: "data",
      source: "salesforce",
      recordKey: task.key,
      field: task.mapping.isPersonAccount ? "Account.PersonEmail" : "Contact.Email",
      hint:
        `A person must decide: merge the duplicates in Salesforce, or set Jortt_Customer_Id__c = ${task.id} on the ` +
        "right record (Account and Contact), then replay this dead letter.",
    }),
    { quarantined: true },
  );
}
