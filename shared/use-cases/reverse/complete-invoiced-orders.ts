import type { Settings } from "../../config/settings-schema";
import type { JorttInvoice } from "../../domain/jortt/invoice-schema";
import { changesOrder, orderWriteBack } from "../../domain/reverse/order-write-back";
import { SyncError } from "../../errors/sync-error";
import type { JorttInvoicing } from "../../ports/jortt-invoicing";
import type { SalesforceGateway } from "../../ports/salesforce-gateway";
import { asSyncError } from "../as-sync-error";
import { applyOrderWriteBacks, type PendingWriteBack } from "./apply-order-write-backs";
import type { OrderTask } from "./order-task";
import type { ReverseLedger } from "./reverse-ledger";

export const JORTT_INVOICE_MISSING = "JORTT_INVOICE_MISSING";

export interface CompleteInvoicedOrdersDeps {
  salesforce: SalesforceGateway;
  jortt: JorttInvoicing;
  settings: Settings;
  now: () => Date;
}

/**
 * Orders whose Jortt invoice is already known (state or the Order's `Jortt_Invoice_Id__c`): nothing
 * is created. What is missing is completed: the id written back (a crash after the create), the
 * status and number once Jortt has sent the invoice (asked with one GET, only while the Order's
 * status is empty), and the state. An Order with nothing missing is skipped at zero cost.
 */
export async function completeInvoicedOrders(
  deps: CompleteInvoicedOrdersDeps,
  tasks: readonly OrderTask[],
  ledger: ReverseLedger,
): Promise<void> {
  const writes: PendingWriteBack[] = [];
  for (const task of tasks) {
    if (ledger.stop) return;
    const row = task.row;
    const jorttId = task.jorttId;
    if (!row || !jorttId) continue;
    if (row.Jortt_Invoice_Id__c === jorttId && row.Jortt_Status__c !== null) {
      if (task.stateSynced) ledger.skipTask(task, "already-invoiced", "the Order already has its Jortt invoice");
      else ledger.succeed(task, "state-restored");
      continue;
    }
    let invoice: JorttInvoice;
    try {
      invoice = (await deps.jortt.getInvoice(jorttId)).value;
    } catch (error) {
      ledger.fail(task, missingOrFailed(error, task));
      continue;
    }
    const writeBack = orderWriteBack(
      task.orderId,
      jorttId,
      invoice,
      deps.settings.reverse.sendMethod !== null,
      deps.now().getTime(),
    );
    if (changesOrder(row, writeBack.fields)) {
      writes.push({ task, ...writeBack });
    } else if (!task.stateSynced) {
      ledger.succeed(task, "state-restored");
    } else {
      ledger.skipTask(task, "number-pending", "Jortt has not sent the invoice yet");
    }
  }
  await applyOrderWriteBacks(deps.salesforce, writes, ledger);
}

function missingOrFailed(error: unknown, task: OrderTask): SyncError {
  const failure = asSyncError(error);
  if (failure.errorClass !== "data" || failure.status !== 404) return failure;
  return new SyncError(`The Jortt invoice linked to ${task.key} no longer exists in Jortt`, {
    code: JORTT_INVOICE_MISSING,
    errorClass: "data",
    source: "jortt",
    recordKey: task.key,
    field: "Order.Jortt_Invoice_Id__c",
    hint: "Restore the invoice in Jortt; to invoice the Order anew, clear its Jortt_Invoice_Id__c and its sync state.",
  });
}
