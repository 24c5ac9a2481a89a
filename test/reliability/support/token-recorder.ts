import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A pass-through proxy in front of a sandbox's OAuth token endpoint that remembers every token it
 * hands out, so the privacy scan can look for the real access tokens (not guessed patterns).
 */
export interface TokenRecorder {
  /** Base URL of the proxy (replace the sandbox's origin with it in the token/login URL). */
  url: string;
  tokens: Set<string>;
  close(): Promise<void>;
}

export async function startTokenRecorder(targetOrigin: string): Promise<TokenRecorder> {
  const tokens = new Set<string>();
  const server: Server = createServer((request, response) => {
    void forward(request, targetOrigin)
      .then(async (upstream) => {
        const body = Buffer.from(await upstream.arrayBuffer());
        remember(body, tokens);
        const headers: Record<string, string> = {};
        upstream.headers.forEach((value, name) => {
          if (name !== "content-encoding" && name !== "transfer-encoding" && name !== "content-length") {
            headers[name] = value;
          }
        });
        response.writeHead(upstream.status, headers).end(body);
      })
      .catch((error: unknown) => {
        response.writeHead(502).end(String(error));
      });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    tokens,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** Headers that belong to one connection (fetch refuses some of them). */
const HOP_BY_HOP = new Set([
  "host",
  "content-length",
  "connection",
  "keep-alive",
  "transfer-encoding",
  "upgrade",
  "te",
  "trailer",
  "expect",
  "proxy-connection",
]);

async function forward(request: IncomingMessage, targetOrigin: string): Promise<Response> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const headers = new Headers();
  for (const [name, value] of Object.entries(request.headers)) {
    if (typeof value === "string" && !HOP_BY_HOP.has(name)) headers.set(name, value);
  }
  return fetch(new URL(request.url ?? "/", targetOrigin), {
    method: request.method ?? "GET",
    headers,
    ...(chunks.length > 0 ? { body: Buffer.concat(chunks) } : {}),
  });
}

function remember(body: Buffer, tokens: Set<string>): void {
  try {
    const json = JSON.parse(body.toString("utf8")) as Record<string, unknown>;
    for (const name of ["access_token", "refresh_token", "id_token"]) {
      const value = json[name];
      if (typeof value === "string" && value.length >= 16) tokens.add(value);
    }
  } catch {
    // Not JSON: not a token response.
  }
}
