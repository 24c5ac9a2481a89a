import { describeIssues } from "../../domain/jortt/parse-jortt-record";
import { type SyncMessage, SyncMessageSchema } from "../../domain/sync-message";

/** A queue message body read with the queue contract; a failure names the record key when the body has one. */
export type MessageBodyParse =
  | { ok: true; message: SyncMessage }
  | { ok: false; key?: string; code: "message.invalid-json" | "message.invalid"; message: string };

export function parseMessageBody(body: string): MessageBodyParse {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return { ok: false, code: "message.invalid-json", message: "The message body is not JSON" };
  }
  const key = keyOf(json);
  const result = SyncMessageSchema.safeParse(json);
  if (!result.success) {
    return {
      ok: false,
      ...(key ? { key } : {}),
      code: "message.invalid",
      message: `The message does not match the sync message contract: ${describeIssues(result.error.issues)}`,
    };
  }
  return { ok: true, message: result.data };
}

function keyOf(json: unknown): string | undefined {
  if (typeof json !== "object" || json === null) return undefined;
  const key = (json as { key?: unknown }).key;
  return typeof key === "string" && /^(customer|invoice|order):.+$/.test(key) ? key : undefined;
}
