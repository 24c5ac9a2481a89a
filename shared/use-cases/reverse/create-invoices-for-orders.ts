import type { Settings } from "../../config/settings-schema";
import { type CustomerSource, isPersonAccount } from "../../domain/reverse/map-account-to-customer";
import { mapOrderToInvoice } from "../../domain/reverse/map-order-to-invoice";
import { orderWriteBack } from "../../domain/reverse/order-write-back";
import type { OrderRow } from "../../domain/reverse/salesforce-order-rows";
import { SyncError } from "../../errors/sync-error";
import type { JorttInvoicing } from "../../ports/jortt-invoicing";
import type { SalesforceGateway } from "../../ports/salesforce-gateway";
import type { StateStore } from "../../ports/state-store";
import { asSyncError } from "../as-sync-error";
import { stopsTheRun } from "../sync/failure-policy";
import { applyOrderWriteBacks, type PendingWriteBack } from "./apply-order-write-backs";
import { createJorttInvoiceOnce } from "./create-jortt-invoice-once";
import { type CustomerResolution, findOrCreateJorttCustomer } from "./find-or-create-jortt-customer";
import { loadAccountContacts, loadOrderItems } from "./load-orders";
import type { OrderTask } from "./order-task";
import type { ReverseLedger } from "./reverse-ledger";

export interface CreateInvoicesDeps {
  salesforce: SalesforceGateway;
  jortt: JorttInvoicing;
  state: StateStore;
  settings: Settings;
  now: () => Date;
  lockSeconds: number;
}

export interface CreateCounters {
  invoicesCreated: number;
  invoicesLinked: number;
  customersCreated: number;
}

/**
 * Orders selected and not invoiced yet (neither state nor the Order knows a Jortt id):
 * 1. their OrderItems (one query) and, for Accounts without a bill-to e-mail, a Contact (one query);
 * 2. one Jortt customer per Account (find-or-create-jortt-customer), the links written back to the
 *    Accounts' `Jortt_Customer_Id__c` in one update (so the forward sync and later pushes reuse it);
 * 3. per Order: map, then create-once (reservation + search by reference), then state written at
 *    once with the Jortt id: from here on the Order can never get a second invoice;
 * 4. the ids written back to the Orders in one update.
 * Order by Order, so a rate limit stops the batch with the rest left for redelivery.
 */
export async function createInvoicesForOrders(
  deps: CreateInvoicesDeps,
  tasks: readonly OrderTask[],
  ledger: ReverseLedger,
  counters: CreateCounters,
): Promise<void> {
  if (tasks.length === 0) return;
  const items = await loadOrderItems(
    deps.salesforce,
    tasks.map((task) => task.orderId),
  );
  const customers = await resolveCustomers(deps, tasks, ledger, counters);
  const writes: PendingWriteBack[] = [];
  for (const task of tasks) {
    if (ledger.stop) break;
    if (task.decided) continue;
    const row = task.row as OrderRow;
    const customer = customers.get(row.AccountId ?? "");
    if (!customer) continue; // the batch stopped before its Account was resolved: settled as retry
    if (!customer.ok) {
      ledger.fail(task, customer.error, { quarantined: customer.quarantined });
      continue;
    }
    try {
      const mapping = mapOrderToInvoice(row, items.get(task.orderId) ?? [], customer.customerId, deps.settings);
      for (const notice of mapping.notices) ledger.warn(task.key, notice.code, notice.message);
      const invoice = await createJorttInvoiceOnce(deps, task.orderId, mapping.body);
      task.jorttId = invoice.jorttId;
      if (invoice.found) counters.invoicesLinked += 1;
      else counters.invoicesCreated += 1;
      if (invoice.duplicates > 0) {
        ledger.warn(
          task.key,
          "DUPLICATE_JORTT_INVOICES",
          `${invoice.duplicates + 1} Jortt invoices carry this Order's reference; the oldest is linked`,
        );
      }
      await rememberInvoice(deps.state, ledger, task);
      writes.push({
        task,
        ...orderWriteBack(
          task.orderId,
          invoice.jorttId,
          invoice.found,
          deps.settings.reverse.sendMethod !== null,
          deps.now().getTime(),
        ),
      });
    } catch (error) {
      ledger.fail(task, asSyncError(error));
    }
  }
  await applyOrderWriteBacks(deps.salesforce, writes, ledger);
}

/** State first: a crash after this point is completed by the next delivery, never re-created. */
async function rememberInvoice(state: StateStore, ledger: ReverseLedger, task: OrderTask): Promise<void> {
  try {
    await state.putRecordStates([ledger.stateFor(task, "synced")]);
    task.jorttIdInState = true;
    task.stateSynced = true;
  } catch {
    // The write-back below still puts the id on the Order, and Jortt holds the reference: both
    // are checked before any create.
  }
}

/** One resolution per Account of the batch, sequentially (Jortt allows ~8 requests/s). */
async function resolveCustomers(
  deps: CreateInvoicesDeps,
  tasks: readonly OrderTask[],
  ledger: ReverseLedger,
  counters: CreateCounters,
): Promise<Map<string, CustomerResolution>> {
  const sources = new Map<string, CustomerSource>();
  for (const task of tasks) {
    const row = task.row as OrderRow;
    if (!row.AccountId || !row.Account) {
      ledger.fail(task, noAccount(task.key));
      continue;
    }
    if (!sources.has(row.AccountId)) {
      sources.set(row.AccountId, { accountId: row.AccountId, account: row.Account, contact: row.BillToContact });
    }
  }
  const needContact = [...sources.values()].filter(
    (source) => !source.account.Jortt_Customer_Id__c && !isPersonAccount(source) && !source.contact?.Email,
  );
  const contacts = await loadAccountContacts(
    deps.salesforce,
    needContact.map((source) => source.accountId),
  );
  const resolutions = new Map<string, CustomerResolution>();
  for (const source of sources.values()) {
    if (ledger.stop) break;
    const contact = source.contact?.Email ? source.contact : (contacts.get(source.accountId) ?? source.contact);
    const resolution = await findOrCreateJorttCustomer(deps, { ...source, contact });
    if (resolution.ok && resolution.via === "created") counters.customersCreated += 1;
    if (!resolution.ok && stopsTheRun(resolution.error)) ledger.stopWith(resolution.error);
    resolutions.set(source.accountId, resolution);
  }
  await linkAccounts(deps.salesforce, resolutions, ledger);
  return resolutions;
}

/**
 * Writes the found or created Jortt customer id to each Account (`Jortt_Customer_Id__c`): the next
 * push needs no search, and the forward sync updates this Account instead of creating another. A
 * refusal (e.g. another Account already holds that Jortt id) is a warning: the invoice is unaffected.
 */
async function linkAccounts(
  salesforce: SalesforceGateway,
  resolutions: ReadonlyMap<string, CustomerResolution>,
  ledger: ReverseLedger,
): Promise<void> {
  const links = [...resolutions].flatMap(([accountId, resolution]) =>
    resolution.ok && resolution.via !== "account" && resolution.via !== "default"
      ? [{ Id: accountId, Jortt_Customer_Id__c: resolution.customerId }]
      : [],
  );
  if (links.length === 0) return;
  try {
    const result = await salesforce.updateRecords("Account", links);
    links.forEach((link, index) => {
      const outcome = result.outcomes[index];
      if (outcome && !outcome.ok) {
        ledger.warn(
          `account:${link.Id}`,
          "ACCOUNT_LINK_FAILED",
          `Account.Jortt_Customer_Id__c not written: ${outcome.error.code}`,
        );
      }
    });
  } catch (error) {
    ledger.warn(
      "account:*",
      "ACCOUNT_LINK_FAILED",
      `Account.Jortt_Customer_Id__c not written: ${asSyncError(error).code}`,
    );
  }
}

function noAccount(key: string): SyncError {
  return new SyncError(`${key} has no Account`, {
    code: "ORDER_ACCOUNT_MISSING",
    errorClass: "data",
    source: "salesforce",
    recordKey: key,
    field: "Order.AccountId",
  });
}
