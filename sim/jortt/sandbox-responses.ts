import type { IncomingMessage, ServerResponse } from "node:http";

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = body === undefined ? "" : JSON.stringify(body);
  res.writeHead(status, {
    ...(text === "" ? {} : { "content-type": "application/json" }),
    "content-length": String(Buffer.byteLength(text)),
    ...headers,
  });
  res.end(text);
}

export interface JorttErrorDetailOut {
  key: string;
  param?: string;
  message: string;
}

const DEFAULT_MESSAGES: Record<string, string> = {
  "access_token.invalid": "The access token is invalid.",
  "access_token.expired": "The access token has expired.",
  "access_token.revoked": "The access token has been revoked.",
  "scopes.insufficient": "The access token does not have the required scopes.",
  "endpoint.not_found": "The requested endpoint does not exist.",
  "resource.not_found": "The requested resource could not be found.",
  "resource.method_not_allowed": "The method is not allowed for this resource.",
  "params.invalid": "The parameters are invalid (either missing, not of the correct type or incorrect format).",
  "params.invalid_format": "The request body does not match its Content-Type.",
  "operation.invalid": "The operation is invalid for this resource.",
  "request.throttled": "Too many requests, please slow down.",
  "server.internal_error": "An internal server error occurred.",
  "server.maintenance": "The server is under maintenance, please try again later.",
};

/** Jortt's error envelope `{"error":{code,key,message,details}}` (reference/jortt-api.md §8). */
export function sendJorttError(
  res: ServerResponse,
  status: number,
  key: string,
  details: JorttErrorDetailOut[] = [],
  message?: string,
  headers: Record<string, string> = {},
): void {
  sendJson(
    res,
    status,
    { error: { code: status, key, message: message ?? DEFAULT_MESSAGES[key] ?? key, details } },
    headers,
  );
}

/** What nginx in front of Jortt answers on a 502 (recorded as HTML, not JSON). */
export function sendHtml(res: ServerResponse, status: number, headers: Record<string, string> = {}): void {
  const reason = status === 502 ? "Bad Gateway" : status === 503 ? "Service Temporarily Unavailable" : "Error";
  const html = `<html>\r\n<head><title>${status} ${reason}</title></head>\r\n<body>\r\n<center><h1>${status} ${reason}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`;
  res.writeHead(status, { "content-type": "text/html", "content-length": String(Buffer.byteLength(html)), ...headers });
  res.end(html);
}

const MAX_BODY_BYTES = 1024 * 1024;

export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_BODY_BYTES) throw new Error("request body too large");
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}
