import type { IncomingMessage, ServerResponse } from "node:http";
import { setTimeout as sleep } from "node:timers/promises";
import { handleSoapLogin } from "./auth/soap-login";
import { handleRevokeRequest, handleTokenRequest } from "./auth/token-endpoint";
import { handleControlRequest } from "./control/control-api";
import type { SandboxController } from "./control/sandbox-controller";
import { bearerToken, handleDataCall } from "./http/handle-data-call";
import { readRequestBody } from "./http/read-request-body";
import { type SimResponse, writeSimResponse } from "./http/sim-response";
import type { SandboxServices } from "./sandbox-services";

/** Routes an HTTP request to the token endpoint, the identity URL, the REST data API or the control API. */
const DATA_PATH = /^\/services\/data\/v(\d+\.\d+)(\/.*)?$/;

function parseJsonBody(raw: string): { ok: true; body: unknown } | { ok: false; response: SimResponse } {
  if (raw.trim() === "") return { ok: true, body: undefined };
  try {
    return { ok: true, body: JSON.parse(raw) };
  } catch (error) {
    const message = error instanceof Error ? error.message : "invalid JSON";
    return { ok: false, response: { status: 400, body: [{ errorCode: "JSON_PARSER_ERROR", message }] } };
  }
}

function headersOf(req: IncomingMessage): Record<string, string | undefined> {
  return Object.fromEntries(
    Object.entries(req.headers).map(([key, value]) => [
      key.toLowerCase(),
      Array.isArray(value) ? value.join(",") : value,
    ]),
  );
}

function identity(req: IncomingMessage, services: SandboxServices): SimResponse {
  const token = bearerToken(req.headers.authorization);
  if (!token || !services.sessions.isValid(token)) return { status: 403, body: "Bad_OAuth_Token" };
  const { orgId, userId, username } = services.identity;
  const url = services.baseUrl();
  return {
    status: 200,
    body: {
      id: `${url}/id/${orgId}/${userId}`,
      asserted_user: true,
      user_id: userId,
      organization_id: orgId,
      username,
      nick_name: "integration",
      display_name: "Jortt Sync Integration",
      active: true,
      user_type: "STANDARD",
      language: "en_US",
      locale: "nl_NL",
      utcOffset: 3_600_000,
      urls: { rest: `${url}/services/data/v{version}/`, query: `${url}/services/data/v{version}/query/` },
    },
  };
}

async function route(
  req: IncomingMessage,
  services: SandboxServices,
  controller: SandboxController,
): Promise<SimResponse> {
  const url = new URL(req.url ?? "/", "http://127.0.0.1");
  const method = (req.method ?? "GET").toUpperCase();
  const raw = await readRequestBody(req);
  if (url.pathname.startsWith("/__control")) {
    const parsed = parseJsonBody(raw);
    return parsed.ok ? handleControlRequest(method, url.pathname, parsed.body, controller) : parsed.response;
  }
  if (services.faults.latencyMs > 0) await sleep(services.faults.latencyMs);
  if (url.pathname === "/services/oauth2/token" && method === "POST") {
    return handleTokenRequest(raw, {
      identity: services.identity,
      sessions: services.sessions,
      baseUrl: services.baseUrl,
    });
  }
  if (url.pathname === "/services/oauth2/revoke" && method === "POST") {
    return handleRevokeRequest(raw, {
      identity: services.identity,
      sessions: services.sessions,
      baseUrl: services.baseUrl,
    });
  }
  const soap = /^\/services\/Soap\/u\/(\d+\.\d+)\/?$/.exec(url.pathname);
  if (soap && method === "POST") {
    return handleSoapLogin(raw, soap[1] ?? "", {
      identity: services.identity,
      sessions: services.sessions,
      baseUrl: services.baseUrl,
    });
  }
  if (/^\/id\/[^/]+\/[^/]+\/?$/.test(url.pathname)) return identity(req, services);
  if (url.pathname === "/services/data" || url.pathname === "/services/data/") {
    return {
      status: 200,
      body: ["58.0", "59.0", "60.0", "61.0", "62.0", "63.0", "64.0", "65.0", "66.0", "67.0"].map((version) => ({
        label: `v${version}`,
        url: `/services/data/v${version}`,
        version,
      })),
    };
  }
  const data = DATA_PATH.exec(url.pathname);
  if (!data)
    return { status: 404, body: [{ errorCode: "NOT_FOUND", message: "The requested resource does not exist" }] };
  const parsed = method === "GET" || method === "DELETE" ? { ok: true as const, body: undefined } : parseJsonBody(raw);
  if (!parsed.ok) return parsed.response;
  return handleDataCall(
    {
      method,
      version: data[1] ?? "",
      path: data[2] ?? "/",
      query: url.searchParams,
      headers: headersOf(req),
      body: parsed.body,
    },
    services,
  );
}

export function createRequestListener(services: SandboxServices, controller: SandboxController) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    route(req, services, controller).then(
      (response) => writeSimResponse(res, response),
      (error: unknown) => {
        const message = error instanceof Error ? error.message : String(error);
        writeSimResponse(res, { status: 500, body: [{ errorCode: "UNKNOWN_EXCEPTION", message }] });
      },
    );
  };
}
