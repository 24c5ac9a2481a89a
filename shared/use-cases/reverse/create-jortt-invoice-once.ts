import type { JorttCreateInvoiceV3Body } from "../../domain/jortt/create-invoice-schema";
import type { JorttInvoice } from "../../domain/jortt/invoice-schema";
import type { JorttInvoicing } from "../../ports/jortt-invoicing";
import type { StateStore } from "../../ports/state-store";
import { inProgress } from "./find-or-create-jortt-customer";

export interface InvoiceForOrder {
  jorttId: string;
  /** The invoice as Jortt lists it, when it was found rather than created (status, number). */
  found: JorttInvoice | null;
  /** Further invoices already carrying this Order's reference (should be 0; reported). */
  duplicates: number;
}

/**
 * The Jortt invoice of one Order, created at most once. Jortt has no idempotency key
 * (reference/jortt-api.md §11), so before creating:
 * - the create is reserved for this worker (`claimOnce`), so two deliveries of the same Order
 *   running at once cannot both pass the check below;
 * - Jortt is searched for an invoice whose `reference` is the Order Id (the `query` search, then
 *   an exact match): one there is an earlier create whose outcome was lost (timeout, crash before
 *   state was written) and is linked instead; the oldest wins if there are several.
 * Only then is it created, with `reference` = Order Id. The caller checks state and the Order's
 * `Jortt_Invoice_Id__c` first and writes state right after this returns.
 */
export async function createJorttInvoiceOnce(
  deps: { jortt: JorttInvoicing; state: StateStore; lockSeconds: number },
  orderId: string,
  body: JorttCreateInvoiceV3Body,
): Promise<InvoiceForOrder> {
  if (!(await deps.state.claimOnce(`reverse.invoice-create:${orderId}`, deps.lockSeconds))) {
    throw inProgress("invoice", orderId);
  }
  const existing = (await deps.jortt.findInvoicesByReference(orderId))
    .map((record) => record.value)
    .sort((a, b) => Date.parse(a.created_at) - Date.parse(b.created_at) || a.id.localeCompare(b.id));
  const first = existing[0];
  if (first) return { jorttId: first.id, found: first, duplicates: existing.length - 1 };
  const created = await deps.jortt.createInvoice({ ...body, reference: orderId }, `order:${orderId}`);
  return { jorttId: created.id, found: null, duplicates: 0 };
}
