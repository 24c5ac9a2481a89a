import type { OrderMessage } from "../../domain/sync-message";
import { type BodyParse, keepLatestMessagePerRecord } from "../sync/keep-latest-message-per-record";
import { parseMessageBody } from "../sync/parse-message-body";
import type { IncomingMessage } from "../sync/sync-batch-result";
import type { ReverseLedger } from "./reverse-ledger";

export interface ParsedOrderMessage {
  incoming: IncomingMessage;
  message: OrderMessage;
}

const REPLAY_HINT = "Only the fetch function should send order messages; the next poll re-selects the Order.";

/**
 * Parses every body with the queue contract and keeps ONE message per Order (the last wins; the
 * earlier ones are acknowledged as skipped). A body that is not JSON, not the contract, or not an
 * order message is dead-lettered with the reason at once: redelivery cannot fix it.
 */
export function parseOrderMessages(messages: readonly IncomingMessage[], ledger: ReverseLedger): ParsedOrderMessage[] {
  return keepLatestMessagePerRecord(messages, parseBody, ledger, "a later message of this batch names the same Order");
}

function parseBody(body: string): BodyParse<OrderMessage> {
  const parsed = parseMessageBody(body);
  if (!parsed.ok) return { ...parsed, hint: REPLAY_HINT };
  const message = parsed.message;
  if (message.kind !== "order") {
    return {
      ok: false,
      key: message.key,
      code: "message.unsupported-kind",
      message: `A ${message.kind} message belongs to the Jortt → Salesforce sync, not to the Order push`,
      hint: REPLAY_HINT,
    };
  }
  if (message.key !== `order:${message.orderId}`) {
    return {
      ok: false,
      key: message.key,
      code: "message.invalid",
      message: "The message key does not name its orderId",
      hint: REPLAY_HINT,
    };
  }
  return { ok: true, message };
}
