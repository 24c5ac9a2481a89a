import { EXTERNAL_ID_FIELD } from "../../domain/salesforce/field-catalog";
import type { SalesforceGateway } from "../../ports/salesforce-gateway";
import type { SyncBatchLedger } from "./sync-batch-ledger";
import { type CustomerTask, isPending } from "./sync-tasks";
import { type WriteItem, writeRecords } from "./write-records";

const CUSTOMER_ID = EXTERNAL_ID_FIELD.Account;

/**
 * Writes the batch's customers in dependency order, one Collections call per object and kind of
 * write: Accounts (upsert by Jortt_Customer_Id__c; adopted ones updated by Id), then the Contacts
 * of business accounts (same). Contacts link to their Account by external id reference
 * (`Account: {Jortt_Customer_Id__c}`), so no lookup is needed. A customer whose Account failed
 * sends no Contact. A customer whose writes all succeeded is recorded as synced.
 */
export async function writeCustomers(
  salesforce: SalesforceGateway,
  tasks: readonly CustomerTask[],
  ledger: SyncBatchLedger,
): Promise<void> {
  const pending = tasks.filter(isPending);
  await writeStep(pending, ledger, "Account", salesforce, (task, id) => {
    task.ids.account = id;
  });
  if (ledger.stop) return;
  await writeStep(pending.filter(isPending), ledger, "Contact", salesforce, (task, id) => {
    task.ids.contact = id;
  });
  if (ledger.stop) return;
  for (const task of pending) if (isPending(task)) ledger.succeed(task, customerStateIds(task));
}

export function customerStateIds(task: CustomerTask): Record<string, string> {
  return {
    ...(task.ids.account ? { account: task.ids.account } : {}),
    ...(task.ids.contact ? { contact: task.ids.contact } : {}),
  };
}

export interface CustomerWrites {
  upserts: WriteItem<CustomerTask>[];
  /** Records adopted by e-mail: written by Id, with the Jortt id set. */
  updates: WriteItem<CustomerTask>[];
}

/** The Account (or Contact) writes of tasks: upserts by Jortt id, updates by Id for adopted records. */
export function customerWrites(tasks: readonly CustomerTask[], sobject: "Account" | "Contact"): CustomerWrites {
  const upserts: WriteItem<CustomerTask>[] = [];
  const updates: WriteItem<CustomerTask>[] = [];
  for (const task of tasks) {
    const fields = sobject === "Account" ? task.mapping.records.account.fields : task.mapping.records.contact?.fields;
    if (!fields) continue;
    const adoptedId = sobject === "Account" ? task.adopt?.accountId : task.adopt?.contactId;
    if (adoptedId) updates.push({ item: task, record: { Id: adoptedId, ...fields, [CUSTOMER_ID]: task.id } });
    else upserts.push({ item: task, record: fields });
  }
  return { upserts, updates };
}

/** Upserts the records of tasks without an adopted Id; updates the adopted ones by Id. */
async function writeStep(
  tasks: readonly CustomerTask[],
  ledger: SyncBatchLedger,
  sobject: "Account" | "Contact",
  salesforce: SalesforceGateway,
  onOk: (task: CustomerTask, id: string) => void,
): Promise<void> {
  const { upserts, updates } = customerWrites(tasks, sobject);
  const onError = (task: CustomerTask, error: Parameters<SyncBatchLedger["fail"]>[1]) => ledger.fail(task, error);
  await writeRecords(upserts, (records) => salesforce.upsertRecords(sobject, CUSTOMER_ID, records), onOk, onError);
  if (ledger.stop) return;
  await writeRecords(updates, (records) => salesforce.updateRecords(sobject, records), onOk, onError);
}
