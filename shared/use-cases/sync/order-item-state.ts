import type { RecordState } from "../../ports/state-store";

/** An OrderItem Salesforce holds for one invoice line. */
export interface ExistingOrderItem {
  id: string;
  /** Fixed after insert: a line whose product changed must be deleted and inserted again. */
  pricebookEntryId: string | null;
}

const ITEM = "item:";
const ENTRY = "entry:";

/**
 * An invoice's state keeps, per line external id, the OrderItem Id (`item:<lineId>`) and its
 * PricebookEntry Id (`entry:<lineId>`), next to `order`. That is what lets a changed invoice
 * update its items, delete the ones it no longer has, and re-insert a line whose product changed,
 * without reading Salesforce first.
 */
export function orderItemStateIds(
  items: ReadonlyMap<string, { id: string; pricebookEntryId: string }>,
): Record<string, string> {
  const ids: Record<string, string> = {};
  for (const [lineId, item] of items) {
    ids[`${ITEM}${lineId}`] = item.id;
    ids[`${ENTRY}${lineId}`] = item.pricebookEntryId;
  }
  return ids;
}

export function orderItemsFromState(state: RecordState): Map<string, ExistingOrderItem> {
  const items = new Map<string, ExistingOrderItem>();
  for (const [name, id] of Object.entries(state.salesforceIds)) {
    if (!name.startsWith(ITEM)) continue;
    const lineId = name.slice(ITEM.length);
    items.set(lineId, { id, pricebookEntryId: state.salesforceIds[`${ENTRY}${lineId}`] ?? null });
  }
  return items;
}
