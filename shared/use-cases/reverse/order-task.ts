import type { OrderRow } from "../../domain/reverse/salesforce-order-rows";
import type { OrderMessage } from "../../domain/sync-message";
import type { RecordState } from "../../ports/state-store";
import type { IncomingMessage } from "../sync/sync-batch-result";

/** One Order of the batch while it is being pushed. */
export interface OrderTask {
  key: string;
  orderId: string;
  incoming: IncomingMessage;
  message: OrderMessage;
  state: RecordState | undefined;
  /** The Order as Salesforce has it now (undefined: deleted, or not read yet). */
  row: OrderRow | undefined;
  /** The Jortt invoice of this Order, once known (state, the Order, or this batch's create/link). */
  jorttId: string | undefined;
  /** State already holds `jorttId` (written right after the create or link). */
  jorttIdInState: boolean;
  /** State already says synced with `jorttId`: nothing left to write there. */
  stateSynced: boolean;
  /** Hash to store with a failure (the Order's version after its error was written back). */
  failureHash?: string;
  decided: boolean;
}

export function pendingTasks(tasks: readonly OrderTask[]): OrderTask[] {
  return tasks.filter((task) => !task.decided);
}
