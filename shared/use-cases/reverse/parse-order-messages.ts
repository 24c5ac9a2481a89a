import { describeIssues } from "../../domain/jortt/parse-jortt-record";
import { MAX_MESSAGE_BYTES, type OrderMessage, SyncMessageSchema } from "../../domain/sync-message";
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
  const latest = new Map<string, ParsedOrderMessage>();
  for (const incoming of messages) {
    const parsed = parseBody(incoming.body);
    if (!parsed.ok) {
      ledger.reject(incoming.messageId, truncate(incoming.body), {
        key: parsed.key ?? `message:${incoming.messageId}`,
        code: parsed.code,
        message: parsed.message,
        hint: REPLAY_HINT,
      });
      continue;
    }
    const previous = latest.get(parsed.message.key);
    if (previous) {
      ledger.skip(
        previous.incoming.messageId,
        parsed.message.key,
        "duplicate-in-batch",
        "a later message of this batch names the same Order",
      );
    }
    latest.set(parsed.message.key, { incoming, message: parsed.message });
  }
  return [...latest.values()];
}

type BodyParse = { ok: true; message: OrderMessage } | { ok: false; key?: string; code: string; message: string };

function parseBody(body: string): BodyParse {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return { ok: false, code: "message.invalid-json", message: "The message body is not JSON" };
  }
  const result = SyncMessageSchema.safeParse(json);
  const key = keyOf(json);
  if (!result.success) {
    return {
      ok: false,
      ...(key ? { key } : {}),
      code: "message.invalid",
      message: `The message does not match the sync message contract: ${describeIssues(result.error.issues)}`,
    };
  }
  if (result.data.kind !== "order") {
    return {
      ok: false,
      key: result.data.key,
      code: "message.unsupported-kind",
      message: `A ${result.data.kind} message belongs to the Jortt → Salesforce sync, not to the Order push`,
    };
  }
  if (result.data.key !== `order:${result.data.orderId}`) {
    return {
      ok: false,
      key: result.data.key,
      code: "message.invalid",
      message: "The message key does not name its orderId",
    };
  }
  return { ok: true, message: result.data };
}

function keyOf(json: unknown): string | undefined {
  if (typeof json !== "object" || json === null) return undefined;
  const key = (json as { key?: unknown }).key;
  return typeof key === "string" && /^(customer|invoice|order):.+$/.test(key) ? key : undefined;
}

function truncate(body: string): string {
  return Buffer.byteLength(body) <= MAX_MESSAGE_BYTES ? body : body.slice(0, MAX_MESSAGE_BYTES / 4);
}
