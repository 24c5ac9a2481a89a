import type { ServerResponse } from "node:http";

/** What a route hands back; the server turns it into an HTTP response. */
export interface SimResponse {
  status: number;
  body?: unknown;
  /** A non-JSON body (SOAP XML); its Content-Type comes from `headers`. */
  rawBody?: string;
  headers?: Record<string, string>;
}

/** jsforce only parses JSON when the content type is exactly application/json (reference §7). */
export const JSON_CONTENT_TYPE = "application/json;charset=UTF-8";

export function writeSimResponse(res: ServerResponse, response: SimResponse): void {
  const headers: Record<string, string> = { ...(response.headers ?? {}) };
  if (response.rawBody !== undefined) {
    headers["Content-Length"] = String(Buffer.byteLength(response.rawBody));
    res.writeHead(response.status, headers);
    res.end(response.rawBody);
    return;
  }
  if (response.status === 204 || response.body === undefined) {
    res.writeHead(response.status, headers);
    res.end();
    return;
  }
  const text = JSON.stringify(response.body);
  headers["Content-Type"] = JSON_CONTENT_TYPE;
  headers["Content-Length"] = String(Buffer.byteLength(text));
  res.writeHead(response.status, headers);
  res.end(text);
}
