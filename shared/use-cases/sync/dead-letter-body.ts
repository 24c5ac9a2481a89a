import { MAX_MESSAGE_BYTES } from "../../domain/sync-message";

/** The body to dead-letter: a DLQ message has the same size limit as the queue. */
export function deadLetterBody(body: string): string {
  return Buffer.byteLength(body) <= MAX_MESSAGE_BYTES ? body : body.slice(0, MAX_MESSAGE_BYTES / 4);
}
