import type { JorttInvoice } from "../jortt/invoice-schema";
import type { OrderRow } from "./salesforce-order-rows";

/** How long an invoice created with a send method may stay unsent before the Order says so. */
export const SEND_WAIT_MS = 24 * 60 * 60 * 1000;

export const SEND_OVERDUE_MESSAGE =
  "Jortt has not sent this invoice within 24 hours of its creation; send it in Jortt (it stays linked).";

export interface OrderWriteBack {
  /** Order fields to update (always `Id`). */
  fields: Record<string, string | null>;
  /** Sent with a send method but not numbered yet: the poll checks it again. */
  awaitingNumber: boolean;
}

/**
 * What the reverse flow writes back to an Order about its Jortt invoice: the id, and the status and
 * number as far as they are known. `invoice` null means "just created": a draft when no send
 * method is configured; with one, Jortt sends asynchronously, so the status stays empty until a
 * later check finds the invoice sent and numbered (or still unsent after 24 h: then `draft` with
 * a note in `Jortt_Sync_Error__c`). A successful write-back clears an earlier error.
 */
export function orderWriteBack(
  orderId: string,
  jorttId: string,
  invoice: JorttInvoice | null,
  sendRequested: boolean,
  nowMs: number,
): OrderWriteBack {
  const fields: Record<string, string | null> = {
    Id: orderId,
    Jortt_Invoice_Id__c: jorttId,
    Jortt_Sync_Error__c: null,
  };
  if (invoice?.invoice_status === "sent") {
    return {
      fields: { ...fields, Jortt_Status__c: "sent", Jortt_Invoice_Number__c: invoice.invoice_number },
      awaitingNumber: false,
    };
  }
  if (!sendRequested) return { fields: { ...fields, Jortt_Status__c: "draft" }, awaitingNumber: false };
  const overdue = invoice !== null && nowMs - Date.parse(invoice.created_at) > SEND_WAIT_MS;
  if (overdue) {
    return {
      fields: { ...fields, Jortt_Status__c: "draft", Jortt_Sync_Error__c: SEND_OVERDUE_MESSAGE },
      awaitingNumber: false,
    };
  }
  return { fields: { ...fields, Jortt_Status__c: null }, awaitingNumber: true };
}

/** Whether writing `fields` would change the Order as read (an unchanged Order costs no call). */
export function changesOrder(row: OrderRow | undefined, fields: Readonly<Record<string, string | null>>): boolean {
  if (!row) return true;
  const current = row as Readonly<Record<string, unknown>>;
  return Object.entries(fields).some(([name, value]) => name !== "Id" && (current[name] ?? null) !== value);
}

/** `Jortt_Sync_Error__c` holds 255 characters. */
export function syncErrorText(code: string, message: string): string {
  const text = `${code}: ${message}`;
  return text.length <= 255 ? text : `${text.slice(0, 254)}…`;
}
