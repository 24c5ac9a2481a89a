import type { DeadLetterReason } from "../../ports/sync-queue";
import { deadLetterBody } from "./dead-letter-body";
import type { IncomingMessage } from "./sync-batch-result";

/** A body read by a flow's parser: its message, or why it cannot be used. */
export type BodyParse<M extends { key: string }> =
  | { ok: true; message: M }
  | { ok: false; key?: string; code: string; message: string; hint: string };

/** Where the decisions about unusable and superseded messages go (the flow's ledger). */
export interface MessageDecisions {
  reject(messageId: string, body: string, reason: DeadLetterReason): void;
  skip(messageId: string, key: string, code: string, reason: string): void;
}

/**
 * Parses every body and keeps ONE message per record key: the last in the batch wins (it was
 * enqueued last); earlier ones are skipped as duplicates. An unusable body is rejected with its
 * reason at once: redelivery cannot fix it.
 */
export function keepLatestMessagePerRecord<M extends { key: string }>(
  messages: readonly IncomingMessage[],
  parseBody: (body: string) => BodyParse<M>,
  decisions: MessageDecisions,
  duplicateReason: string,
): { incoming: IncomingMessage; message: M }[] {
  const latest = new Map<string, { incoming: IncomingMessage; message: M }>();
  for (const incoming of messages) {
    const parsed = parseBody(incoming.body);
    if (!parsed.ok) {
      decisions.reject(incoming.messageId, deadLetterBody(incoming.body), {
        key: parsed.key ?? `message:${incoming.messageId}`,
        code: parsed.code,
        message: parsed.message,
        hint: parsed.hint,
      });
      continue;
    }
    const previous = latest.get(parsed.message.key);
    if (previous) {
      decisions.skip(previous.incoming.messageId, parsed.message.key, "duplicate-in-batch", duplicateReason);
    }
    latest.set(parsed.message.key, { incoming, message: parsed.message });
  }
  return [...latest.values()];
}
