import { createHmac } from "node:crypto";
import type { SimResponse } from "../http/sim-response";
import { checkJwtAssertion } from "./jwt-bearer-assertion";
import type { OrgIdentity } from "./org-identity";
import type { SessionStore } from "./session-store";

/**
 * `POST /services/oauth2/token` (reference §3): client_credentials, JWT bearer, password and
 * refresh_token grants. Success always carries `id` and `instance_url` (jsforce needs both).
 */
export interface TokenEndpointContext {
  identity: OrgIdentity;
  sessions: SessionStore;
  baseUrl(): string;
}

const JWT_BEARER = "urn:ietf:params:oauth:grant-type:jwt-bearer";

function oauthError(error: string, description: string, status = 400): SimResponse {
  return { status, body: { error, error_description: description } };
}

function tokenResponse(context: TokenEndpointContext): SimResponse {
  const url = context.baseUrl();
  const id = `${url}/id/${context.identity.orgId}/${context.identity.userId}`;
  const issuedAt = String(Date.now());
  const signature = createHmac("sha256", context.identity.clientSecret)
    .update(id + issuedAt)
    .digest("base64");
  return {
    status: 200,
    body: {
      access_token: context.sessions.issue(),
      signature,
      scope: "api",
      instance_url: url,
      id,
      token_type: "Bearer",
      issued_at: issuedAt,
    },
  };
}

function clientMatches(form: URLSearchParams, identity: OrgIdentity): boolean {
  return form.get("client_id") === identity.clientId && form.get("client_secret") === identity.clientSecret;
}

export function handleTokenRequest(rawBody: string, context: TokenEndpointContext): SimResponse {
  const form = new URLSearchParams(rawBody);
  const { identity } = context;
  switch (form.get("grant_type")) {
    case "client_credentials":
      if (!clientMatches(form, identity)) return oauthError("invalid_client", "invalid client credentials");
      return tokenResponse(context);
    case "password":
      if (!clientMatches(form, identity)) return oauthError("invalid_client", "invalid client credentials");
      if (
        form.get("username")?.toLowerCase() !== identity.username.toLowerCase() ||
        form.get("password") !== identity.password
      ) {
        return oauthError("invalid_grant", "authentication failure");
      }
      return tokenResponse(context);
    case "refresh_token": {
      if (form.get("client_id") !== identity.clientId)
        return oauthError("invalid_client_id", "client identifier invalid");
      const secret = form.get("client_secret");
      if (secret !== null && secret !== identity.clientSecret) {
        return oauthError("invalid_client", "invalid client credentials");
      }
      if (!context.sessions.isValidRefreshToken(form.get("refresh_token") ?? "")) {
        return oauthError("invalid_grant", "expired access/refresh token");
      }
      return tokenResponse(context);
    }
    case JWT_BEARER: {
      const check = checkJwtAssertion(form.get("assertion") ?? "", {
        clientId: identity.clientId,
        usernames: [identity.username],
        audiences: ["https://login.salesforce.com", "https://test.salesforce.com", context.baseUrl()],
      });
      if (!check.ok) return oauthError(check.error, check.description);
      return tokenResponse(context);
    }
    case null:
      return oauthError("unsupported_grant_type", "grant type not supported");
    default:
      return oauthError("unsupported_grant_type", "grant type not supported");
  }
}

export function handleRevokeRequest(rawBody: string, context: TokenEndpointContext): SimResponse {
  const token = new URLSearchParams(rawBody).get("token");
  if (token) context.sessions.revoke(token);
  return { status: 200 };
}
