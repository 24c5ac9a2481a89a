import type { Settings } from "../../config/settings-schema";
import { recordKey } from "../../domain/record-key";
import { readField } from "../../domain/reverse/salesforce-order-rows";
import { SyncError } from "../../errors/sync-error";
import type { JorttInvoicing } from "../../ports/jortt-invoicing";
import type { SalesforceGateway } from "../../ports/salesforce-gateway";
import type { StateStore } from "../../ports/state-store";
import type { DeadLetterQueue } from "../../ports/sync-queue";
import { asSyncError } from "../as-sync-error";
import { resolveAccountModel } from "../org-profile";
import { assertWithinApiBudget } from "../sync/assert-within-api-budget";
import { stopsTheRun } from "../sync/failure-policy";
import { summarizeSyncBatch } from "../sync/summarize-sync-batch";
import type { IncomingMessage, SyncBatchResult } from "../sync/sync-batch-result";
import { undecidedReason } from "../sync/undecided-reason";
import type { UseCaseRuntime } from "../use-case-deps";
import { recordFailuresOnOrders } from "./apply-order-write-backs";
import { completeInvoicedOrders } from "./complete-invoiced-orders";
import { type CreateCounters, createInvoicesForOrders } from "./create-invoices-for-orders";
import { loadOrders } from "./load-orders";
import { type OrderTask, pendingTasks } from "./order-task";
import { parseOrderMessages } from "./parse-order-messages";
import { ReverseLedger } from "./reverse-ledger";

export const ORDER_JORTT_ID_CONFLICT = "ORDER_JORTT_ID_CONFLICT";

/** Default create reservation: longer than one create takes, shorter than the queue's visibility timeout. */
export const DEFAULT_CREATE_LOCK_SECONDS = 60;

export interface PushOrdersToJorttDeps extends UseCaseRuntime {
  salesforce: SalesforceGateway;
  jortt: JorttInvoicing;
  state: StateStore;
  deadLetters: DeadLetterQueue;
  settings: Settings;
  /**
   * Seconds one worker holds the right to create an Order's invoice (or an Account's customer).
   * Must be shorter than the sync queue's visibility timeout, so a redelivery after a failed
   * attempt finds it free (default 60).
   */
  createLockSeconds?: number;
}

/** The sync handler's result type (same outcomes), plus what happened in Jortt. */
export interface PushOrdersResult extends SyncBatchResult {
  jorttRequests: number;
  invoicesCreated: number;
  /** Found by reference (an earlier attempt's create) and linked instead of created. */
  invoicesLinked: number;
  customersCreated: number;
}

/**
 * The sync side of the reverse flow: one SQS batch of OrderMessages → Jortt invoices, exactly once
 * per Order. For each Order (one message per Order; duplicates skipped):
 * 1. the Jortt id is already known (state, or the Order's `Jortt_Invoice_Id__c`): nothing is
 *    created; the write-back, status/number and state are completed (complete-invoiced-orders);
 * 2. the Order is gone or no longer selected: skipped;
 * 3. otherwise (create-invoices-for-orders): find or create the Jortt customer, map Order +
 *    OrderItems to `POST /v3/invoices`, reserve the create, search Jortt by `reference` = Order Id
 *    and link what is there, else create; state is written with the Jortt id at once; then the id
 *    (and status/number) is written back to the Order.
 * Per-Order outcomes use the forward sync's vocabulary (synced | skipped | quarantined |
 * dead-lettered | retry) and failure policy; a dead-lettered Order also shows its reason in
 * `Jortt_Sync_Error__c`. Rate-limit and configuration errors stop the batch (rest: retry).
 * Costs per batch: 1 state BatchGet, 1 Order query, 1 OrderItem query, ≤1 Contact query,
 * ≤1 Account update, 1 Order update; Jortt: 2 requests per new invoice (search + create), up to 3
 * per new customer, 1 per number check.
 */
export async function pushOrdersToJortt(
  deps: PushOrdersToJorttDeps,
  messages: readonly IncomingMessage[],
  input: { runId: string; maxReceiveCount: number },
): Promise<PushOrdersResult> {
  const callsBefore = deps.salesforce.callCount;
  const jorttBefore = deps.jortt.requestCount;
  const ledger = new ReverseLedger(input.runId, input.maxReceiveCount, deps.now);
  const counters: CreateCounters = { invoicesCreated: 0, invoicesLinked: 0, customersCreated: 0 };
  const tasks: OrderTask[] = parseOrderMessages(messages, ledger).map(({ incoming, message }) => ({
    key: recordKey("order", message.orderId),
    orderId: message.orderId,
    incoming,
    message,
    state: undefined,
    row: undefined,
    jorttId: undefined,
    jorttIdInState: false,
    stateSynced: false,
    decided: false,
  }));
  let batchError: SyncError | undefined;
  try {
    await readTasks(deps, tasks);
    await pushTasks(deps, tasks, ledger, counters);
  } catch (error) {
    batchError = asSyncError(error);
    if (stopsTheRun(batchError)) ledger.stopWith(batchError);
  }
  const reason = undecidedReason(batchError, ledger.stop);
  for (const task of pendingTasks(tasks)) ledger.fail(task, reason);
  await recordFailuresOnOrders(deps.salesforce, ledger);
  await ledger.flush(deps);

  const result: PushOrdersResult = {
    ...summarizeSyncBatch(messages, ledger, deps.salesforce, callsBefore),
    jorttRequests: deps.jortt.requestCount - jorttBefore,
    ...counters,
  };
  deps.logger.info("order push batch done", {
    runId: input.runId,
    messages: messages.length,
    counts: result.counts,
    invoicesCreated: result.invoicesCreated,
    invoicesLinked: result.invoicesLinked,
    customersCreated: result.customersCreated,
    salesforceApiCalls: result.salesforceApiCalls,
    jorttRequests: result.jorttRequests,
    ...(result.stop ? { stop: { reason: result.stop.reason, code: result.stop.code } } : {}),
  });
  return result;
}

/** One state BatchGet and one Order query for the whole batch. */
async function readTasks(deps: PushOrdersToJorttDeps, tasks: OrderTask[]): Promise<void> {
  if (tasks.length === 0) return;
  const states = await deps.state.getRecordStates(tasks.map((task) => task.key));
  assertWithinApiBudget(deps);
  const accountModel = await resolveAccountModel(deps, deps.settings.accountModel);
  const rows = await loadOrders(
    deps.salesforce,
    tasks.map((task) => task.orderId),
    deps.settings,
    accountModel,
  );
  for (const task of tasks) {
    task.state = states.get(task.key);
    task.row = rows.get(task.orderId);
    task.jorttIdInState = task.state?.jorttId !== undefined;
    task.stateSynced = task.jorttIdInState && task.state?.outcome === "synced";
    task.jorttId = task.state?.jorttId ?? task.row?.Jortt_Invoice_Id__c ?? undefined;
  }
}

async function pushTasks(
  deps: PushOrdersToJorttDeps,
  tasks: readonly OrderTask[],
  ledger: ReverseLedger,
  counters: CreateCounters,
): Promise<void> {
  const invoiced: OrderTask[] = [];
  const toCreate: OrderTask[] = [];
  const selectionField = deps.settings.reverse.selection.field;
  for (const task of tasks) {
    const row = task.row;
    if (!row) {
      ledger.skipTask(task, "order-not-found", "the Order no longer exists in Salesforce");
    } else if (row.Jortt_Invoice_Id__c && task.state?.jorttId && row.Jortt_Invoice_Id__c !== task.state.jorttId) {
      ledger.fail(task, idConflict(task.key));
    } else if (task.jorttId) {
      invoiced.push(task);
    } else if (readField(row, selectionField) !== true) {
      ledger.skipTask(task, "not-selected", `the Order's ${selectionField} is no longer set`);
    } else {
      toCreate.push(task);
    }
  }
  const lockSeconds = deps.createLockSeconds ?? DEFAULT_CREATE_LOCK_SECONDS;
  await completeInvoicedOrders(deps, invoiced, ledger);
  if (ledger.stop) return;
  assertWithinApiBudget(deps);
  await createInvoicesForOrders({ ...deps, lockSeconds }, toCreate, ledger, counters);
}

function idConflict(key: string): SyncError {
  return new SyncError(
    `${key}: the Order's Jortt_Invoice_Id__c differs from the Jortt invoice the sync created for it`,
    {
      code: ORDER_JORTT_ID_CONFLICT,
      errorClass: "data",
      source: "salesforce",
      recordKey: key,
      field: "Order.Jortt_Invoice_Id__c",
      hint: "Check both invoices in Jortt; put the right id in Jortt_Invoice_Id__c and delete the other draft.",
    },
  );
}
