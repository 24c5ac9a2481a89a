import type { Prng } from "./prng";

/** The scopes Jortt defines (reference/jortt-api.md §2). */
export const ALL_JORTT_SCOPES = [
  "customers:read",
  "customers:write",
  "estimates:read",
  "estimates:write",
  "expenses:read",
  "expenses:write",
  "financing:read",
  "inbox:write",
  "invoices:read",
  "invoices:write",
  "organizations:read",
  "organizations:write",
  "payroll:read",
  "payroll:write",
  "reports:read",
] as const;

interface IssuedToken {
  scopes: Set<string>;
  expiresAtMs: number;
  revoked: boolean;
}

export type TokenCheck =
  | { ok: true; token: string }
  | {
      ok: false;
      key: "access_token.invalid" | "access_token.expired" | "access_token.revoked" | "scopes.insufficient";
    };

export interface TokenResponse {
  status: number;
  body: Record<string, unknown>;
}

/**
 * The sandbox's OAuth server (client-credentials only): client id and secret via HTTP Basic,
 * form body `grant_type=client_credentials&scope=…`, 2-hour bearer tokens (Doorkeeper-style
 * errors on failure, like app.jortt.nl).
 */
export class SandboxAuth {
  private readonly tokens = new Map<string, IssuedToken>();

  constructor(
    private readonly options: {
      clientId: string;
      clientSecret: string;
      tokenTtlSeconds: number;
      /** Scopes the app is registered for. */
      registeredScopes: readonly string[];
      prng: Prng;
      now: () => number;
    },
  ) {}

  get issuedCount(): number {
    return this.tokens.size;
  }

  issue(authorization: string | undefined, contentType: string | undefined, body: string): TokenResponse {
    const credentials = parseBasic(authorization);
    if (!credentials || credentials.id !== this.options.clientId || credentials.secret !== this.options.clientSecret) {
      return {
        status: 401,
        body: {
          error: "invalid_client",
          error_description:
            "Client authentication failed due to unknown client, no client authentication included, or unsupported authentication method.",
        },
      };
    }
    if (!contentType?.toLowerCase().startsWith("application/x-www-form-urlencoded")) {
      return { status: 400, body: { error: "invalid_request", error_description: "Expected a form-encoded body." } };
    }
    const form = new URLSearchParams(body);
    if (form.get("grant_type") !== "client_credentials") {
      return {
        status: 400,
        body: { error: "unsupported_grant_type", error_description: "The authorization grant type is not supported." },
      };
    }
    const requested = (form.get("scope") ?? "").split(/\s+/).filter((scope) => scope.length > 0);
    const registered = new Set(this.options.registeredScopes);
    if (requested.some((scope) => !registered.has(scope))) {
      return {
        status: 400,
        body: { error: "invalid_scope", error_description: "The requested scope is invalid, unknown, or malformed." },
      };
    }
    const scopes = requested.length > 0 ? requested : [...registered];
    const token = randomToken(this.options.prng);
    const nowMs = this.options.now();
    this.tokens.set(token, {
      scopes: new Set(scopes),
      expiresAtMs: nowMs + this.options.tokenTtlSeconds * 1000,
      revoked: false,
    });
    return {
      status: 200,
      body: {
        access_token: token,
        token_type: "Bearer",
        expires_in: this.options.tokenTtlSeconds,
        scope: scopes.join(" "),
        created_at: Math.floor(nowMs / 1000),
      },
    };
  }

  check(authorization: string | undefined, requiredScope: string): TokenCheck {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? "");
    const token = match?.[1];
    const issued = token === undefined ? undefined : this.tokens.get(token);
    if (token === undefined || issued === undefined) return { ok: false, key: "access_token.invalid" };
    if (issued.revoked) return { ok: false, key: "access_token.revoked" };
    if (this.options.now() >= issued.expiresAtMs) return { ok: false, key: "access_token.expired" };
    if (!issued.scopes.has(requiredScope)) return { ok: false, key: "scopes.insufficient" };
    return { ok: true, token };
  }

  /** Tests: every issued token is now expired (the next call gets `access_token.expired`). */
  expireAll(): void {
    for (const issued of this.tokens.values()) issued.expiresAtMs = 0;
  }

  /** Tests: forget every token (the next call gets `access_token.invalid`). */
  forgetAll(): void {
    this.tokens.clear();
  }
}

function parseBasic(header: string | undefined): { id: string; secret: string } | undefined {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(header ?? "");
  if (!match?.[1]) return undefined;
  const decoded = Buffer.from(match[1], "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon < 0) return undefined;
  return { id: decoded.slice(0, colon), secret: decoded.slice(colon + 1) };
}

function randomToken(prng: Prng): string {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  let token = "";
  for (let i = 0; i < 43; i += 1) token += alphabet[Math.floor(prng.next() * alphabet.length)];
  return token;
}
