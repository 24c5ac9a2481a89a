import type { ConnectionConfig, TokenResponse } from "jsforce";
import { logger } from "../../observability/logger";
import { classifySalesforceError, salesforceError } from "./classify-salesforce-error";
import { Connection } from "./jsforce-connection";
import { jwtAudienceFor, signJwtAssertion } from "./jwt-bearer-assertion";
import { cappedRefreshFn } from "./refresh-guard";
import type { SalesforceAuth, SalesforceGrant } from "./salesforce-credentials";

const JWT_BEARER_GRANT = "urn:ietf:params:oauth:grant-type:jwt-bearer";

export interface SalesforceSessionOptions {
  /** Token refreshes one client call may trigger before it fails with INVALID_SESSION_ID. Default 1. */
  maxRefreshesPerCall?: number;
  /** Overrides the JWT `aud` claim (default: derived from the login URL, see jwtAudienceFor). */
  jwtAudience?: string;
  /** `Sforce-Call-Options: client=…`, so the org's API usage shows who called. */
  clientName?: string;
  now?: () => number;
}

/**
 * One authenticated jsforce Connection per run: authorizes lazily on first use (concurrent callers
 * share the one token request) and refreshes through a capped refreshFn that re-runs the grant
 * (client credentials and JWT issue no refresh token, reference §3.1–3.2).
 */
export class SalesforceSession {
  private readonly auth: SalesforceAuth;
  private readonly options: SalesforceSessionOptions;
  private connecting: Promise<Connection> | undefined;
  private tokenRequestCount = 0;
  private refreshCountValue = 0;

  constructor(auth: SalesforceAuth, options: SalesforceSessionOptions = {}) {
    this.auth = auth;
    this.options = options;
  }

  /** The authorized Connection (authorizes on the first call; a failed attempt is retried by the next call). */
  connection(): Promise<Connection> {
    if (!this.connecting) {
      this.connecting = this.connect().catch((error: unknown) => {
        this.connecting = undefined;
        throw error;
      });
    }
    return this.connecting;
  }

  /** Token endpoint calls so far (first authorization and refreshes). They do not count as API calls. */
  get tokenRequests(): number {
    return this.tokenRequestCount;
  }

  /** Successful token refreshes after INVALID_SESSION_ID. */
  get refreshes(): number {
    return this.refreshCountValue;
  }

  private async connect(): Promise<Connection> {
    const { grant, preIssued, apiVersion } = this.auth;
    const config: ConnectionConfig = {
      version: apiVersion,
      callOptions: { client: this.options.clientName ?? "jortt-salesforce-sync" },
      ...(grant ? { loginUrl: grant.loginUrl, refreshFn: this.refreshFn(grant) } : {}),
      // Client id/secret make jsforce add them to every token request (the client-credentials grant needs them).
      ...(grant?.flow === "client-credentials"
        ? { oauth2: { loginUrl: grant.loginUrl, clientId: grant.clientId, clientSecret: grant.clientSecret } }
        : {}),
      ...(preIssued ? { instanceUrl: preIssued.instanceUrl, accessToken: preIssued.accessToken } : {}),
    };
    const conn = new Connection(config);
    if (preIssued || !grant) return conn;
    try {
      this.tokenRequestCount += 1;
      await conn.authorize(this.grantParams(grant));
    } catch (error) {
      throw this.authorizationError(error);
    }
    return conn;
  }

  private refreshFn(grant: SalesforceGrant) {
    return cappedRefreshFn(
      (conn) => {
        this.tokenRequestCount += 1;
        return conn.oauth2.requestToken(this.grantParams(grant)) as Promise<TokenResponse>;
      },
      {
        maxRefreshesPerCall: this.options.maxRefreshesPerCall ?? 1,
        onRefresh: () => {
          this.refreshCountValue += 1;
          logger.info("Salesforce session refreshed", { flow: grant.flow, refreshes: this.refreshCountValue });
        },
        ...(this.options.now ? { now: this.options.now } : {}),
      },
    );
  }

  /** Grant parameters; a JWT is signed fresh for every token request (it lives ≤ 180 s). */
  private grantParams(grant: SalesforceGrant): { grant_type: string; [name: string]: string } {
    if (grant.flow === "client-credentials") return { grant_type: "client_credentials" };
    const assertion = signJwtAssertion({
      clientId: grant.clientId,
      username: grant.username,
      audience: this.options.jwtAudience ?? jwtAudienceFor(grant.loginUrl),
      privateKeyPem: grant.privateKeyPem,
      ...(this.options.now ? { now: this.options.now } : {}),
    });
    return { grant_type: JWT_BEARER_GRANT, assertion };
  }

  private authorizationError(error: unknown) {
    // jsforce splits the token response's `id` URL; without it authorize() dies with a TypeError (reference §3).
    if (error instanceof TypeError) {
      return salesforceError("TOKEN_RESPONSE_INVALID", { scope: "call" }, { detail: "token response unusable" });
    }
    return classifySalesforceError(error, { scope: "call" });
  }
}
