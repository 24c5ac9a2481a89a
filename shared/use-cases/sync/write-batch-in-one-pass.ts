import { recordKey } from "../../domain/record-key";
import { EXTERNAL_ID_FIELD } from "../../domain/salesforce/field-catalog";
import { SyncError } from "../../errors/sync-error";
import type { CollectionWrite, SalesforceGateway, WriteResult } from "../../ports/salesforce-gateway";
import { orderItemsFromState } from "./order-item-state";
import { dependentError } from "./plan-sync-tasks";
import type { SyncBatchLedger } from "./sync-batch-ledger";
import { type CustomerTask, type InvoiceTask, isPending } from "./sync-tasks";
import { type ItemWrite, invoiceStateIds, itemRecord, planOrderItems } from "./upsert-order-items";
import { PARENT_ACCOUNT_MISSING } from "./upsert-orders";
import { customerStateIds, customerWrites } from "./write-customers";

/** Tasks the one pass could not finish: they go through the step-by-step writes. */
export interface SlowPath {
  customers: CustomerTask[];
  invoices: InvoiceTask[];
}

/** Codes a step-by-step re-run can cure (the adapter retries them in-call; Composite does not). */
const RETRYABLE_CODES = new Set(["UNABLE_TO_LOCK_ROW", "DUPLICATE_VALUE"]);
/** Whole-call answers of a server without Composite Collections: fall back for good. */
const UNSUPPORTED_CODES = new Set([
  "NOT_FOUND",
  "METHOD_NOT_ALLOWED",
  "ERROR_HTTP_404",
  "ERROR_HTTP_405",
  "ERROR_HTTP_501",
]);
const unsupportedGateways = new WeakSet<object>();

type Failure = { error: SyncError; wholeCall: boolean; cure?: "slow" };

/**
 * Writes the whole batch in ONE pass: Accounts, Contacts, Orders, stale-item deletions and
 * OrderItems as consecutive Collections writes that the gateway bundles into Composite calls
 * (≤5 Collections subrequests each), so 200 new invoices with new customers cost one call.
 * Everything is planned up front from what is known (adoptions, state, cached price book
 * entries): an invoice without synced state is assumed new (lines inserted with their Order link).
 * Subrequests run in order, so Contacts, Orders and items find their parents by external id.
 *
 * Results are judged per record: a task whose records all succeeded is synced; a real error (data,
 * rate limit, configuration) fails it as usual; anything a careful re-run fixes (a lock, a race, an
 * Order that existed without state, an item that vanished) sends the task to the step-by-step
 * writes, which are idempotent upserts. A server without Composite Collections makes every task
 * take that path (and later batches skip this pass).
 */
export async function writeBatchInOnePass(
  salesforce: SalesforceGateway & { writeCollections: NonNullable<SalesforceGateway["writeCollections"]> },
  customers: readonly CustomerTask[],
  invoices: readonly InvoiceTask[],
  pricebookEntries: ReadonlyMap<string, string>,
  ledger: SyncBatchLedger,
): Promise<SlowPath> {
  const pendingCustomers = customers.filter(isPending);
  const plans = planInvoices(invoices.filter(isPending), pricebookEntries, ledger);
  const failures = new Map<CustomerTask | InvoiceTask, Failure>();
  const noteFailure = (task: CustomerTask | InvoiceTask, failure: Failure) => {
    if (!failures.has(task)) failures.set(task, failure);
  };

  const accounts = customerWrites(pendingCustomers, "Account");
  const contacts = customerWrites(pendingCustomers, "Contact");
  const items = plans.flatMap((plan) => plan.writes);
  const deletions = plans.flatMap((plan) => plan.deletions);
  const steps: { write: CollectionWrite; apply: (result: WriteResult) => void }[] = [];
  const add = <T>(
    write: CollectionWrite,
    owners: readonly T[],
    onOk: (owner: T, id: string, created: boolean) => void,
    onError: (owner: T, failure: Failure) => void,
  ) => {
    if (owners.length === 0) return;
    steps.push({
      write,
      apply: (result) =>
        owners.forEach((owner, index) => {
          const outcome = result.outcomes[index];
          if (outcome?.ok) onOk(owner, outcome.id, outcome.created);
          else {
            const error = outcome?.error ?? result.stopped ?? missingResult();
            onError(owner, { error, wholeCall: result.stopped !== undefined && error === result.stopped });
          }
        }),
    });
  };
  const CUSTOMER_ID = EXTERNAL_ID_FIELD.Account;
  add(
    {
      operation: "upsert",
      objectType: "Account",
      externalIdField: CUSTOMER_ID,
      records: accounts.upserts.map((w) => w.record),
    },
    accounts.upserts.map((w) => w.item),
    (t, id) => {
      t.ids.account = id;
    },
    noteFailure,
  );
  add(
    { operation: "update", objectType: "Account", records: accounts.updates.map((w) => w.record) },
    accounts.updates.map((w) => w.item),
    (t, id) => {
      t.ids.account = id;
    },
    noteFailure,
  );
  add(
    {
      operation: "upsert",
      objectType: "Contact",
      externalIdField: CUSTOMER_ID,
      records: contacts.upserts.map((w) => w.record),
    },
    contacts.upserts.map((w) => w.item),
    (t, id) => {
      t.ids.contact = id;
    },
    noteFailure,
  );
  add(
    { operation: "update", objectType: "Contact", records: contacts.updates.map((w) => w.record) },
    contacts.updates.map((w) => w.item),
    (t, id) => {
      t.ids.contact = id;
    },
    noteFailure,
  );
  add(
    {
      operation: "upsert",
      objectType: "Order",
      externalIdField: EXTERNAL_ID_FIELD.Order,
      records: plans.map((p) => p.task.mapping.records.order.fields),
    },
    plans.map((p) => p.task),
    (task, id, created) => {
      task.ids.order = id;
      task.ids.orderCreated = created;
    },
    (task, failure) => noteFailure(task, orderFailure(task, failure)),
  );
  add(
    { operation: "delete", ids: deletions.map((d) => d.orderItemId) },
    deletions.map((d) => d.task),
    () => undefined,
    noteFailure,
  );
  add(
    {
      operation: "upsert",
      objectType: "OrderItem",
      externalIdField: EXTERNAL_ID_FIELD.OrderItem,
      records: items.map(itemRecord),
    },
    items,
    (write, id) => write.task.ids.items.set(write.line.externalId, { id, pricebookEntryId: write.pricebookEntryId }),
    (write, failure) => noteFailure(write.task, itemFailure(write, failure)),
  );
  if (steps.length === 0) return { customers: [], invoices: [] };

  const results = await salesforce.writeCollections(steps.map((step) => step.write));
  if (isUnsupported(results)) {
    unsupportedGateways.add(salesforce);
    return { customers: pendingCustomers, invoices: plans.map((plan) => plan.task) };
  }
  for (const [index, step] of steps.entries()) step.apply(results[index] ?? { outcomes: [], stopped: missingResult() });
  return judge(pendingCustomers, plans, failures, ledger);
}

/** False once a gateway answered that it has no Composite Collections. */
export function canWriteInOnePass(
  salesforce: SalesforceGateway,
): salesforce is SalesforceGateway & { writeCollections: NonNullable<SalesforceGateway["writeCollections"]> } {
  return typeof salesforce.writeCollections === "function" && !unsupportedGateways.has(salesforce);
}

interface InvoicePlan {
  task: InvoiceTask;
  writes: ItemWrite[];
  deletions: { task: InvoiceTask; orderItemId: string }[];
  /** No synced state: the Order is assumed new (a pre-existing one is handled step by step). */
  assumedNew: boolean;
}

function planInvoices(
  tasks: readonly InvoiceTask[],
  entries: ReadonlyMap<string, string>,
  ledger: SyncBatchLedger,
): InvoicePlan[] {
  const plans: InvoicePlan[] = [];
  for (const task of tasks) {
    const known = task.state?.outcome === "synced" ? orderItemsFromState(task.state) : undefined;
    const planned = planOrderItems(task, known ?? new Map(), entries);
    if (planned instanceof SyncError) {
      ledger.fail(task, planned);
      continue;
    }
    plans.push({ task, ...planned, assumedNew: known === undefined });
  }
  return plans;
}

function judge(
  customers: readonly CustomerTask[],
  plans: readonly InvoicePlan[],
  failures: ReadonlyMap<CustomerTask | InvoiceTask, Failure>,
  ledger: SyncBatchLedger,
): SlowPath {
  const slow: SlowPath = { customers: [], invoices: [] };
  for (const task of customers) {
    const failure = failures.get(task);
    if (!failure) ledger.succeed(task, customerStateIds(task));
    else if (curable(failure)) slow.customers.push(reset(task));
    else ledger.fail(task, failure.error);
  }
  for (const { task, assumedNew } of plans) {
    if (!isPending(task)) continue;
    const customer = task.customer;
    if (customer && customer.status === "failed" && customer.error) {
      ledger.fail(task, dependentError(customer.key, customer.error), { quarantined: customer.quarantined ?? false });
      continue;
    }
    const failure = failures.get(task);
    const customerSlow = customer !== undefined && slow.customers.includes(customer);
    if (customerSlow || (failure && curable(failure)) || (!failure && assumedNew && task.ids.orderCreated === false)) {
      slow.invoices.push(reset(task));
    } else if (failure) {
      if (failure.error.code === PARENT_ACCOUNT_MISSING)
        ledger.invalidateCustomer(recordKey("customer", task.mapping.customerId), PARENT_ACCOUNT_MISSING);
      ledger.fail(task, failure.error);
    } else {
      ledger.succeed(task, invoiceStateIds(task));
    }
  }
  return slow;
}

function curable(failure: Failure): boolean {
  if (failure.cure === "slow") return true;
  const { error } = failure;
  return error.errorClass === "transient" ? error.code !== PARENT_ACCOUNT_MISSING : RETRYABLE_CODES.has(error.code);
}

/** A per-record INVALID_FIELD on an Order is its Account reference not resolving (see upsertOrders). */
function orderFailure(task: InvoiceTask, failure: Failure): Failure {
  if (failure.wholeCall || failure.error.code !== "INVALID_FIELD") return failure;
  // Its customer was written in this batch: judged with the customer (or re-run step by step).
  if (task.customer) return { ...failure, cure: "slow" };
  return {
    wholeCall: false,
    error: new SyncError(
      `The Account of customer:${task.mapping.customerId} is missing in Salesforce; the customer is written again first`,
      {
        code: PARENT_ACCOUNT_MISSING,
        errorClass: "transient",
        source: "salesforce",
        recordKey: task.key,
        field: "Order.AccountId",
        hint: "Retried on redelivery; if the Account was deleted on purpose, the customer is re-created.",
      },
    ),
  };
}

/** Item failures that mean "the Order's items are not what we assumed": re-run step by step. */
function itemFailure(write: ItemWrite, failure: Failure): Failure {
  if (failure.wholeCall) return failure;
  const { code } = failure.error;
  const assumedWrongly =
    (write.form === "create" && code === "INVALID_FIELD_FOR_INSERT_UPDATE") ||
    (write.form === "update" && code === "REQUIRED_FIELD_MISSING") ||
    code === "INVALID_FIELD";
  return assumedWrongly ? { ...failure, cure: "slow" } : failure;
}

function isUnsupported(results: readonly WriteResult[]): boolean {
  return (
    results.length > 0 &&
    results.every((result) => result.stopped !== undefined && UNSUPPORTED_CODES.has(result.stopped.code)) &&
    results.every((result) => result.outcomes.every((outcome) => !outcome.ok))
  );
}

function reset<T extends CustomerTask | InvoiceTask>(task: T): T {
  if (task.kind === "invoice") task.ids = { items: new Map() };
  else task.ids = {};
  return task;
}

function missingResult(): SyncError {
  return new SyncError("Salesforce returned no result for this record", {
    code: "UNEXPECTED_RESPONSE",
    errorClass: "transient",
    source: "salesforce",
  });
}
