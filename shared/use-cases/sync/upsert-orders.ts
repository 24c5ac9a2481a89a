import { recordKey } from "../../domain/record-key";
import { EXTERNAL_ID_FIELD } from "../../domain/salesforce/field-catalog";
import { SyncError } from "../../errors/sync-error";
import type { SalesforceGateway } from "../../ports/salesforce-gateway";
import type { SyncBatchLedger } from "./sync-batch-ledger";
import { type InvoiceTask, isPending } from "./sync-tasks";
import { writeRecords } from "./write-records";

export const PARENT_ACCOUNT_MISSING = "PARENT_ACCOUNT_MISSING";

/**
 * Upserts the Orders of the batch in one Collections call per 200, by Jortt_Invoice_Id__c. Each
 * Order names its Account by external id (`Account: {Jortt_Customer_Id__c}`) and the standard price
 * book by Id (both set by the mapping), so no lookup is needed. Whether Salesforce created the Order
 * tells the item step if the Order can have items already.
 *
 * A per-record INVALID_FIELD here means the Account reference did not resolve (whole-call
 * INVALID_FIELD, a missing field, comes as a stopped call): the customer's Account is gone although
 * state said synced. The customer's state is invalidated and the invoice retried, so the next
 * attempt writes the customer first.
 */
export async function upsertOrders(
  salesforce: SalesforceGateway,
  tasks: readonly InvoiceTask[],
  ledger: SyncBatchLedger,
): Promise<void> {
  await writeRecords(
    tasks.filter(isPending).map((task) => ({ item: task, record: task.mapping.records.order.fields })),
    (records) => salesforce.upsertRecords("Order", EXTERNAL_ID_FIELD.Order, records),
    (task, id, created) => {
      task.ids.order = id;
      task.ids.orderCreated = created;
    },
    (task, error, wholeCall) => {
      if (wholeCall || error.code !== "INVALID_FIELD") {
        ledger.fail(task, error);
        return;
      }
      const customerKey = recordKey("customer", task.mapping.customerId);
      ledger.invalidateCustomer(customerKey, PARENT_ACCOUNT_MISSING);
      ledger.fail(
        task,
        new SyncError(`The Account of ${customerKey} is missing in Salesforce; the customer is written again first`, {
          code: PARENT_ACCOUNT_MISSING,
          errorClass: "transient",
          source: "salesforce",
          recordKey: task.key,
          field: "Order.AccountId",
          hint: "Retried on redelivery; if the Account was deleted on purpose, the customer is re-created.",
        }),
      );
    },
  );
}
