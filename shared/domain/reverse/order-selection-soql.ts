import type { Settings } from "../../config/settings-schema";
import { soqlDateTimeLiteral } from "./order-modstamp";

type Selection = Settings["reverse"]["selection"];

/**
 * Orders to invoice: the selection checkbox ticked, no Jortt invoice yet, the optional extra
 * criterion, and (after the first poll) modified since the watermark minus the overlap. Oldest
 * change first, so a LIMIT cut leaves the rest for the next poll with the watermark at the cut.
 */
export function ordersToInvoiceSoql(selection: Selection, sinceMs: number | undefined, limit: number): string {
  const conditions = [`${selection.field} = true`, "Jortt_Invoice_Id__c = null"];
  if (selection.soqlWhere) conditions.push(`(${selection.soqlWhere})`);
  if (sinceMs !== undefined) conditions.push(`SystemModstamp >= ${soqlDateTimeLiteral(sinceMs)}`);
  return `SELECT Id, SystemModstamp FROM Order WHERE ${conditions.join(" AND ")} ORDER BY SystemModstamp ASC, Id ASC LIMIT ${limit}`;
}

/**
 * Orders the reverse flow created with a send method and whose Jortt status is still unknown
 * (`Jortt_Status__c` empty until Jortt reports the invoice sent and numbered). Not watermarked:
 * the set is small and shrinks as Jortt sends.
 */
export function ordersAwaitingNumberSoql(selection: Selection, limit: number): string {
  return (
    `SELECT Id, SystemModstamp FROM Order WHERE ${selection.field} = true AND Jortt_Invoice_Id__c != null` +
    ` AND Jortt_Status__c = null ORDER BY SystemModstamp ASC LIMIT ${limit}`
  );
}
