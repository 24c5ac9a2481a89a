import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { setTimeout as delay } from "node:timers/promises";
import { generateJorttDemoData, type JorttDemoData, type JorttDemoDataOptions } from "./demo-data";
import { createPrng } from "./prng";
import { ALL_JORTT_SCOPES, SandboxAuth } from "./sandbox-auth";
import { FaultInjector, type JorttSandboxFaults } from "./sandbox-faults";
import { SandboxRateLimit } from "./sandbox-rate-limit";
import { readBody, sendHtml, sendJorttError, sendJson } from "./sandbox-responses";
import { findRoute, runRoute } from "./sandbox-routes";
import { type JorttSandboxStats, SandboxStatsRecorder } from "./sandbox-stats";
import { JorttSandboxStore } from "./sandbox-store";

export const SANDBOX_TOKEN_PATH = "/oauth-provider/oauth/token";

export interface JorttSandboxOptions {
  /** Default 0 (any free port). */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  clientId?: string;
  clientSecret?: string;
  /** Scopes the sandbox app is registered for (default: all 15). */
  registeredScopes?: readonly string[];
  /** Token lifetime (default 7200 s, like Jortt). */
  tokenTtlSeconds?: number;
  /** Per-token limit (default 10/s, like Jortt); null turns it off. */
  rateLimitPerSecond?: number | null;
  /** Seeds ids, tokens and (by default) faults. Default 1. */
  seed?: number;
  /** Records to serve. */
  data?: JorttDemoData;
  /** Or generate demo records (ignored when `data` is given). */
  demo?: JorttDemoDataOptions;
  faults?: JorttSandboxFaults;
  /** Clock for tokens, created_at and "late" (default Date.now). */
  now?: () => number;
}

export interface JorttSandbox {
  /** API base URL, e.g. http://127.0.0.1:53817 (pass as JORTT_API_URL). */
  url: string;
  /** Token URL (pass as JORTT_TOKEN_URL). */
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  store: JorttSandboxStore;
  /** Replaces the fault settings (omitted fields mean "no fault"). */
  setFaults(faults: JorttSandboxFaults): void;
  faults(): JorttSandboxFaults;
  stats(): JorttSandboxStats;
  /** Clears stats, faults and the rate-limit windows (data and tokens stay). */
  reset(): void;
  /** Every issued token answers `access_token.expired` from now on. */
  expireTokens(): void;
  /** Every issued token answers `access_token.invalid` from now on. */
  forgetTokens(): void;
  close(): Promise<void>;
}

/**
 * A Jortt API sandbox on 127.0.0.1 that follows the OpenAPI contract and the recorded behaviour
 * in reference/jortt-api.md: client-credentials tokens, v1 customers and invoices (100 per page,
 * `_links.next` that drops `invoice_status`), `POST /customers`, `POST /v3/invoices`,
 * `POST /invoices/{id}/send`, Jortt's error envelope, 10 requests/s per token, and optional
 * seeded fault injection. Control API (no auth, localhost only): `GET /__control/stats`,
 * `GET|POST /__control/faults`, `POST /__control/reset`, `POST /__control/tokens/expire`.
 */
export async function startJorttSandbox(options: JorttSandboxOptions = {}): Promise<JorttSandbox> {
  const seed = options.seed ?? 1;
  const now = options.now ?? Date.now;
  const prng = createPrng(seed);
  const clientId = options.clientId ?? "sandbox-client-id";
  const clientSecret = options.clientSecret ?? "sandbox-client-secret";
  const store = new JorttSandboxStore(prng, now);
  const data = options.data ?? (options.demo ? generateJorttDemoData(options.demo) : undefined);
  if (data) store.load(data);

  const auth = new SandboxAuth({
    clientId,
    clientSecret,
    tokenTtlSeconds: options.tokenTtlSeconds ?? 7200,
    registeredScopes: options.registeredScopes ?? ALL_JORTT_SCOPES,
    prng: createPrng(seed ^ 0x5eed),
    now,
  });
  const faults = new FaultInjector(seed);
  if (options.faults) faults.set(options.faults);
  const rateLimit = new SandboxRateLimit(options.rateLimitPerSecond === undefined ? 10 : options.rateLimitPerSecond);
  const stats = new SandboxStatsRecorder();
  const startedAt = performance.now();
  // Aborted by close() so injected latency never outlives the server (and a test worker).
  const closing = new AbortController();

  const handleApi = async (req: IncomingMessage, res: ServerResponse, url: URL, origin: string): Promise<void> => {
    const method = req.method ?? "GET";
    const atMs = Math.round(performance.now() - startedAt);
    stats.recordArrival(atMs);
    const found = findRoute(method, url.pathname);
    const routeName = typeof found === "object" ? found.route.name : `${method} ${url.pathname}`;
    let kind: "throttled" | "fault" | "normal" = "normal";
    res.on("finish", () => {
      stats.recordResponse(
        { method, path: url.pathname, query: Object.fromEntries(url.searchParams), status: res.statusCode, atMs },
        routeName,
        kind,
      );
    });
    if (faults.latencyMs > 0) {
      await delay(faults.latencyMs, undefined, { signal: closing.signal }).catch(() => undefined);
      if (closing.signal.aborted) return void res.destroy();
    }
    const fault = faults.draw();
    if (fault) {
      kind = "fault";
      const headers: Record<string, string> =
        fault.retryAfterSeconds === undefined ? {} : { "retry-after": String(fault.retryAfterSeconds) };
      if (fault.html || fault.status === 502) return sendHtml(res, fault.status, headers);
      const key =
        fault.status === 429
          ? "request.throttled"
          : fault.status === 503
            ? "server.maintenance"
            : "server.internal_error";
      return sendJorttError(res, fault.status, key, [], undefined, headers);
    }
    if (found === undefined) return sendJorttError(res, 404, "endpoint.not_found");
    if (found === "method") return sendJorttError(res, 405, "resource.method_not_allowed");
    const check = auth.check(req.headers.authorization, found.route.scope);
    if (!check.ok) return sendJorttError(res, 401, check.key);
    if (!rateLimit.admit(check.token, performance.now())) {
      kind = "throttled";
      return sendJorttError(res, 429, "request.throttled");
    }
    await runRoute(
      found.route,
      store,
      {
        method,
        path: url.pathname,
        url,
        origin,
        params: found.params,
        readBody: () => readBody(req),
        contentType: req.headers["content-type"],
      },
      res,
    );
  };

  const handleControl = async (req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> => {
    const route = `${req.method} ${url.pathname}`;
    if (route === "GET /__control/stats") return sendJson(res, 200, stats.snapshot());
    if (route === "GET /__control/faults") return sendJson(res, 200, faults.current());
    if (route === "POST /__control/faults") {
      const text = await readBody(req);
      faults.set(text.trim() === "" ? {} : (JSON.parse(text) as JorttSandboxFaults));
      return sendJson(res, 200, faults.current());
    }
    if (route === "POST /__control/reset") {
      sandbox.reset();
      return sendJson(res, 200, { ok: true });
    }
    if (route === "POST /__control/tokens/expire") {
      auth.expireAll();
      return sendJson(res, 200, { ok: true });
    }
    return sendJson(res, 404, { error: "unknown control endpoint" });
  };

  const server = createServer((req, res) => {
    const origin = `http://${req.headers.host ?? "127.0.0.1"}`;
    const url = new URL(req.url ?? "/", origin);
    const work = async () => {
      if (url.pathname.startsWith("/__control/")) return handleControl(req, res, url);
      if (url.pathname === SANDBOX_TOKEN_PATH) {
        stats.recordTokenRequest();
        if (req.method !== "POST") return sendJson(res, 405, { error: "invalid_request" });
        const body = await readBody(req);
        const issued = auth.issue(req.headers.authorization, req.headers["content-type"], body);
        return sendJson(res, issued.status, issued.body, { "cache-control": "no-store" });
      }
      return handleApi(req, res, url, origin);
    };
    work().catch(() => {
      if (!res.headersSent) sendJorttError(res, 500, "server.internal_error");
      else res.destroy();
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, options.host ?? "127.0.0.1", () => resolve());
  });
  const address = server.address() as AddressInfo;
  const url = `http://${options.host ?? "127.0.0.1"}:${address.port}`;

  const sandbox: JorttSandbox = {
    url,
    tokenUrl: `${url}${SANDBOX_TOKEN_PATH}`,
    clientId,
    clientSecret,
    store,
    setFaults: (next) => faults.set(next),
    faults: () => faults.current(),
    stats: () => stats.snapshot(),
    reset: () => {
      stats.reset();
      faults.set({});
      rateLimit.reset();
    },
    expireTokens: () => auth.expireAll(),
    forgetTokens: () => auth.forgetAll(),
    close: () =>
      new Promise<void>((resolve, reject) => {
        closing.abort();
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
  return sandbox;
}
