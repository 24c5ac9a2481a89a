import { describeIssues } from "../../domain/jortt/parse-jortt-record";
import {
  type CustomerMessage,
  type InvoiceMessage,
  MAX_MESSAGE_BYTES,
  SyncMessageSchema,
} from "../../domain/sync-message";
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
  const latest = new Map<string, ParsedMessage>();
  for (const incoming of messages) {
    const parsed = parseBody(incoming.body);
    if (!parsed.ok) {
      ledger.rejectMessage(incoming.messageId, truncateBody(incoming.body), {
        key: parsed.key ?? `message:${incoming.messageId}`,
        code: parsed.code,
        message: parsed.message,
        hint: parsed.hint,
      });
      continue;
    }
    const previous = latest.get(parsed.message.key);
    if (previous) {
      ledger.skip(
        previous.incoming.messageId,
        parsed.message.key,
        "duplicate-in-batch",
        "a later message of this batch carries the same record",
      );
    }
    latest.set(parsed.message.key, { incoming, message: parsed.message });
  }
  return [...latest.values()];
}

type BodyParse =
  | { ok: true; message: CustomerMessage | InvoiceMessage }
  | { ok: false; key?: string; code: string; message: string; hint: string };

function parseBody(body: string): BodyParse {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return {
      ok: false,
      code: "message.invalid-json",
      message: "The message body is not JSON",
      hint: "Only the fetch function should send to the sync queue; remove the message.",
    };
  }
  const key = keyOf(json);
  const result = SyncMessageSchema.safeParse(json);
  if (!result.success) {
    return {
      ok: false,
      ...(key ? { key } : {}),
      code: "message.invalid",
      message: `The message does not match the sync message contract: ${describeIssues(result.error.issues)}`,
      hint: "Only the fetch function should send to the sync queue; a replay of an old message format needs a re-fetch.",
    };
  }
  if (result.data.kind === "order") {
    return {
      ok: false,
      key: result.data.key,
      code: "message.unsupported-kind",
      message: "Order messages belong to the Salesforce → Jortt flow, not to the Jortt → Salesforce sync queue",
      hint: "Replay it to the reverse-flow queue.",
    };
  }
  return { ok: true, message: result.data };
}

function keyOf(json: unknown): string | undefined {
  if (typeof json !== "object" || json === null) return undefined;
  const key = (json as { key?: unknown }).key;
  return typeof key === "string" && /^(customer|invoice|order):.+$/.test(key) ? key : undefined;
}

/** A DLQ message has the same size limit as the queue. */
function truncateBody(body: string): string {
  return Buffer.byteLength(body) <= MAX_MESSAGE_BYTES ? body : body.slice(0, MAX_MESSAGE_BYTES / 4);
}
