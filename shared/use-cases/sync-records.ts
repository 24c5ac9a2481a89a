import type { Settings } from "../config/settings-schema";
import type { AccountModel } from "../domain/mapping/mapping-types";
import type { SyncError } from "../errors/sync-error";
import type { SalesforceGateway } from "../ports/salesforce-gateway";
import type { StateStore } from "../ports/state-store";
import type { DeadLetterQueue } from "../ports/sync-queue";
import { asSyncError } from "./as-sync-error";
import { hashMappingContext, writeMappingContext } from "./mapping-contexts";
import { resolveAccountModel, resolvePersonAccountRecordTypeId, resolveStandardPricebookId } from "./org-profile";
import { assertWithinApiBudget } from "./sync/assert-within-api-budget";
import { stopsTheRun } from "./sync/failure-policy";
import { linkReverseFlowOrders } from "./sync/link-reverse-flow-orders";
import { matchCustomersByEmail } from "./sync/match-customers-by-email";
import { type ParsedMessage, parseIncomingMessages } from "./sync/parse-incoming-messages";
import { dependentError, mapSyncCandidates, readSyncCandidates, type SyncTasks } from "./sync/plan-sync-tasks";
import { resolveProducts } from "./sync/resolve-products";
import { summarizeSyncBatch } from "./sync/summarize-sync-batch";
import { SyncBatchLedger } from "./sync/sync-batch-ledger";
import type { IncomingMessage, SyncBatchResult } from "./sync/sync-batch-result";
import { type InvoiceTask, isPending, type SyncTask } from "./sync/sync-tasks";
import { undecidedReason } from "./sync/undecided-reason";
import { upsertOrderItems } from "./sync/upsert-order-items";
import { upsertOrders } from "./sync/upsert-orders";
import { canWriteInOnePass, type SlowPath, writeBatchInOnePass } from "./sync/write-batch-in-one-pass";
import { writeCustomers } from "./sync/write-customers";
import type { UseCaseRuntime } from "./use-case-deps";

export type {
  IncomingMessage,
  MessageOutcome,
  MessageResult,
  SyncBatchResult,
  SyncStop,
  SyncWarning,
} from "./sync/sync-batch-result";

export interface SyncRecordsDeps extends UseCaseRuntime {
  salesforce: SalesforceGateway;
  state: StateStore;
  deadLetters: DeadLetterQueue;
  settings: Settings;
}

/**
 * Syncs one SQS batch to Salesforce AS A WHOLE (ARCHITECTURE.md "The pipeline"):
 * 1. parse every body (bad → DLQ with reason); one message per record key (last wins);
 * 2. ONE state BatchGet; records synced with the same hash are skipped with zero Salesforce calls;
 * 3. map with the org profile (account model, record type, standard price book: cached 24 h);
 * 4. match new customers by e-mail (one SOQL), adopt single matches, quarantine ambiguous ones;
 *    invoices the reverse flow made from an Order (`reference` = Order Id) are linked to it by Id
 *    (one SOQL + one update, only when the batch has such references) and skip the Order writes;
 * 5. writes in dependency order: Account → Contact → Product2 (+ PricebookEntry; cached in state)
 *    → Order → OrderItem (stale items deleted first). With a gateway offering `writeCollections`
 *    (CompositeCollectionsGateway) the whole batch goes in one pass: ≤5 Collections subrequests per
 *    Composite call; otherwise one Collections call per object per 200 records;
 * 6. dead letters, then ONE state write (only what Salesforce confirmed), then the activity log.
 * Failure policy per error class: see sync/failure-policy.ts. Once org profile and products are
 * cached, 200 new invoices with two lines and new customers cost 2 calls (e-mail SOQL + one
 * Composite), or 6 step by step; an unchanged batch costs none.
 */
export async function syncRecords(
  deps: SyncRecordsDeps,
  messages: readonly IncomingMessage[],
  input: { runId: string; maxReceiveCount: number },
): Promise<SyncBatchResult> {
  const callsBefore = deps.salesforce.callCount;
  const ledger = new SyncBatchLedger(input.runId, input.maxReceiveCount, deps.now);
  const parsed = parseIncomingMessages(messages, ledger);
  let plan: SyncPlan = { tasks: { customers: [], invoices: [] } };
  let batchError: SyncError | undefined;
  try {
    plan = await planTasks(deps, parsed, ledger);
    await writeTasks(deps, plan, ledger);
  } catch (error) {
    // A failure outside one record's writes (state read, org profile): nothing else moves.
    batchError = asSyncError(error);
    if (stopsTheRun(batchError)) ledger.stopWith(batchError);
  }
  settleUndecided(parsed, plan.tasks, ledger, batchError);
  await ledger.flush(deps);

  const result = summarizeSyncBatch(messages, ledger, deps.salesforce, callsBefore);
  deps.logger.info("sync batch done", {
    runId: input.runId,
    messages: messages.length,
    counts: result.counts,
    salesforceApiCalls: result.salesforceApiCalls,
    ...(result.stop ? { stop: { reason: result.stop.reason, code: result.stop.code } } : {}),
  });
  return result;
}

interface SyncPlan {
  tasks: SyncTasks;
  accountModel?: AccountModel;
  standardPricebookId?: string;
}

async function planTasks(
  deps: SyncRecordsDeps,
  parsed: readonly ParsedMessage[],
  ledger: SyncBatchLedger,
): Promise<SyncPlan> {
  const nothing: SyncPlan = { tasks: { customers: [], invoices: [] } };
  if (parsed.length === 0) return nothing;
  const candidates = await readSyncCandidates(parsed, deps.state, ledger);
  if (candidates.customers.length === 0 && candidates.invoices.length === 0) return nothing;
  assertWithinApiBudget(deps);
  const accountModel = await resolveAccountModel(deps, deps.settings.accountModel);
  const needsRecordType =
    accountModel === "person-accounts" && candidates.customers.some((candidate) => candidate.customer.is_private);
  const personAccountRecordTypeId = needsRecordType
    ? await resolvePersonAccountRecordTypeId(deps, deps.settings.accountModel)
    : undefined;
  const standardPricebookId = candidates.invoices.length > 0 ? await resolveStandardPricebookId(deps) : undefined;
  const tasks = mapSyncCandidates(
    candidates,
    writeMappingContext(deps.settings, accountModel, { personAccountRecordTypeId, standardPricebookId }),
    hashMappingContext(deps.settings, accountModel),
    ledger,
  );
  return { tasks, accountModel, ...(standardPricebookId ? { standardPricebookId } : {}) };
}

/**
 * The writes in dependency order; each step runs only while the batch is not stopped. With a
 * gateway that bundles Collections writes, the whole batch is written in one pass (usually one
 * call); what that pass cannot finish, and everything with a plain gateway, is written step by step.
 */
async function writeTasks(deps: SyncRecordsDeps, plan: SyncPlan, ledger: SyncBatchLedger): Promise<void> {
  const { salesforce } = deps;
  const { tasks, accountModel = "account-contact", standardPricebookId = "" } = plan;
  const all = [...tasks.customers, ...tasks.invoices];
  await step(deps, ledger, tasks.customers, () =>
    matchCustomersByEmail(salesforce, tasks.customers, accountModel, ledger),
  );
  failInvoicesOfFailedCustomers(tasks.invoices, ledger);
  // Reverse-flow invoices are linked to their Order by Id before any Order/OrderItem write.
  await step(deps, ledger, tasks.invoices, () => linkReverseFlowOrders(salesforce, tasks.invoices, ledger));
  let entries = new Map<string, string>();
  await step(deps, ledger, tasks.invoices, async () => {
    entries = await resolveProducts(deps, tasks.invoices, standardPricebookId, ledger);
  });

  let slow: SlowPath = { customers: tasks.customers, invoices: tasks.invoices };
  if (canWriteInOnePass(salesforce)) {
    await step(deps, ledger, all, async () => {
      slow = await writeBatchInOnePass(salesforce, tasks.customers, tasks.invoices, entries, ledger);
    });
  }
  await step(deps, ledger, slow.customers, () => writeCustomers(salesforce, slow.customers, ledger));
  failInvoicesOfFailedCustomers(slow.invoices, ledger);
  await step(deps, ledger, slow.invoices, () => upsertOrders(salesforce, slow.invoices, ledger));
  await step(deps, ledger, slow.invoices, () => upsertOrderItems(salesforce, slow.invoices, entries, ledger));
}

/** An invoice whose customer failed fails with the customer's error (quarantine included). */
function failInvoicesOfFailedCustomers(invoices: readonly InvoiceTask[], ledger: SyncBatchLedger): void {
  for (const invoice of invoices) {
    const customer = invoice.customer;
    if (isPending(invoice) && customer?.status === "failed" && customer.error) {
      ledger.fail(invoice, dependentError(customer.key, customer.error), {
        quarantined: customer.quarantined ?? false,
      });
    }
  }
}

/** Runs one step unless the batch stopped; a step that throws fails the tasks it was writing. */
async function step(
  deps: SyncRecordsDeps,
  ledger: SyncBatchLedger,
  tasks: readonly SyncTask[],
  run: () => Promise<void>,
): Promise<void> {
  if (ledger.stop || !tasks.some(isPending)) return;
  try {
    assertWithinApiBudget(deps);
    await run();
  } catch (error) {
    const syncError = asSyncError(error);
    for (const task of tasks) if (isPending(task)) ledger.fail(task, syncError);
  }
}

/**
 * Whatever the batch did not decide: still-pending tasks (the batch stopped) and messages that never
 * became tasks (a batch-wide failure) are retried, or dead-lettered with the reason on their last
 * receive.
 */
function settleUndecided(
  parsed: readonly ParsedMessage[],
  tasks: SyncTasks,
  ledger: SyncBatchLedger,
  batchError: SyncError | undefined,
): void {
  const reason = undecidedReason(batchError, ledger.stop);
  for (const task of [...tasks.customers, ...tasks.invoices]) if (isPending(task)) ledger.fail(task, reason);
  for (const { incoming, message } of parsed) {
    if (ledger.outcomeOf(incoming.messageId)) continue;
    ledger.fail(
      {
        key: message.key,
        kind: message.kind,
        hash: message.hash,
        state: undefined,
        message: {
          messageId: incoming.messageId,
          body: incoming.body,
          receiveCount: incoming.receiveCount,
          runId: message.runId,
        },
      },
      reason,
      { stateUnknown: true },
    );
  }
}
