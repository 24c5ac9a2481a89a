import type { JorttCustomer } from "../../domain/jortt/customer-schema";
import type { CustomerMapping, InvoiceMapping } from "../../domain/mapping/mapping-types";
import type { SyncError } from "../../errors/sync-error";
import type { RecordState } from "../../ports/state-store";

/** The SQS message a task came from (absent for a customer synced only because an invoice needs it). */
export interface TaskMessage {
  messageId: string;
  body: string;
  receiveCount: number;
  runId: string;
}

export type TaskStatus = "pending" | "done" | "failed";

interface TaskBase {
  key: string;
  id: string;
  /** Hash stored in state once written (the fetch side's hash of the same mapping). */
  hash: string;
  state: RecordState | undefined;
  status: TaskStatus;
  error?: SyncError;
  /** Set when the failure is an e-mail match a person must resolve (outcome quarantined). */
  quarantined?: boolean;
}

export interface CustomerTask extends TaskBase {
  kind: "customer";
  message: TaskMessage | undefined;
  customer: JorttCustomer;
  /** The raw customer as Jortt served it: the body of a dead letter for an implicit customer. */
  raw: Record<string, unknown>;
  mapping: CustomerMapping;
  /** A single Salesforce record matched by e-mail, adopted by Id instead of upserted. */
  adopt?: { contactId?: string; accountId?: string };
  ids: { account?: string; contact?: string };
}

export interface InvoiceTask extends TaskBase {
  kind: "invoice";
  message: TaskMessage;
  mapping: InvoiceMapping;
  /** The invoice's `reference`: a Salesforce Order Id when the reverse flow created it. */
  reference: string | null;
  /** The customer written in this batch first, or undefined when its Account already exists. */
  customer: CustomerTask | undefined;
  ids: {
    order?: string;
    orderCreated?: boolean;
    /** Line external id → OrderItem Id and its PricebookEntry Id, after the write. */
    items: Map<string, { id: string; pricebookEntryId: string }>;
  };
}

export type SyncTask = CustomerTask | InvoiceTask;

export function isPending(task: SyncTask): boolean {
  return task.status === "pending";
}
