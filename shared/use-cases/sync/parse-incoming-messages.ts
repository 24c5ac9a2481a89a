import type { CustomerMessage, InvoiceMessage } from "../../domain/sync-message";
import { type BodyParse, keepLatestMessagePerRecord, type MessageDecisions } from "./keep-latest-message-per-record";
import { parseMessageBody } from "./parse-message-body";
import type { SyncBatchLedger } from "./sync-batch-ledger";
import type { IncomingMessage } from "./sync-batch-result";

export interface ParsedMessage {
  incoming: IncomingMessage;
  message: CustomerMessage | InvoiceMessage;
}

/**
 * Parses every body with the queue contract (zod) and keeps ONE message per record key: the last
 * in the batch wins (it was enqueued last, so it is the newest content); earlier ones are
 * acknowledged as skipped. A body that is not JSON or not the contract is dead-lettered with the
 * reason at once: redelivery cannot fix it.
 */
export function parseIncomingMessages(messages: readonly IncomingMessage[], ledger: SyncBatchLedger): ParsedMessage[] {
  const decisions: MessageDecisions = {
    reject: (messageId, body, reason) => ledger.rejectMessage(messageId, body, reason),
    skip: (messageId, key, code, reason) => ledger.skip(messageId, key, code, reason),
  };
  return keepLatestMessagePerRecord(
    messages,
    parseBody,
    decisions,
    "a later message of this batch carries the same record",
  );
}

const HINTS: Record<"message.invalid-json" | "message.invalid", string> = {
  "message.invalid-json": "Only the fetch function should send to the sync queue; remove the message.",
  "message.invalid":
    "Only the fetch function should send to the sync queue; a replay of an old message format needs a re-fetch.",
};

function parseBody(body: string): BodyParse<CustomerMessage | InvoiceMessage> {
  const parsed = parseMessageBody(body);
  if (!parsed.ok) return { ...parsed, hint: HINTS[parsed.code] };
  const message = parsed.message;
  if (message.kind === "order") {
    return {
      ok: false,
      key: message.key,
      code: "message.unsupported-kind",
      message: "Order messages belong to the Salesforce → Jortt flow, not to the Jortt → Salesforce sync queue",
      hint: "Replay it to the reverse-flow queue.",
    };
  }
  return { ok: true, message };
}
