import type { IncomingMessage } from "node:http";
import { createGunzip, createInflate } from "node:zlib";

const MAX_BODY_BYTES = 50 * 1024 * 1024;

/** Reads the raw request body as UTF-8 (gzip/deflate request bodies are accepted like Salesforce does). */
export async function readRequestBody(req: IncomingMessage): Promise<string> {
  const encoding = String(req.headers["content-encoding"] ?? "").toLowerCase();
  const source =
    encoding === "gzip" ? req.pipe(createGunzip()) : encoding === "deflate" ? req.pipe(createInflate()) : req;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of source) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buffer.length;
    if (size > MAX_BODY_BYTES) throw new Error("request body too large");
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}
