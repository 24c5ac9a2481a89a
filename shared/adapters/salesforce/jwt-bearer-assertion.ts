import { sign } from "node:crypto";

/** Salesforce accepts a JWT bearer assertion for at most 3 minutes (reference §3.2). */
export const MAX_JWT_LIFETIME_SECONDS = 180;

export interface JwtAssertionInput {
  /** Connected app consumer key. */
  clientId: string;
  username: string;
  /** `aud` claim; see {@link jwtAudienceFor}. */
  audience: string;
  privateKeyPem: string;
  lifetimeSeconds?: number;
  now?: () => number;
}

/**
 * The JWT audience is the authorization server, not the My Domain host: production and My Domain
 * hosts use https://login.salesforce.com, sandboxes https://test.salesforce.com; any other host
 * (Experience Cloud site, a local sandbox) is its own audience.
 */
export function jwtAudienceFor(loginUrl: string): string {
  const url = new URL(loginUrl);
  const host = url.hostname.toLowerCase();
  if (host === "test.salesforce.com" || host.endsWith(".sandbox.my.salesforce.com")) {
    return "https://test.salesforce.com";
  }
  if (host === "login.salesforce.com" || host.endsWith(".my.salesforce.com")) return "https://login.salesforce.com";
  return url.origin;
}

/** Signs `{iss, sub, aud, exp}` with RS256 (node:crypto only, no JWT library). */
export function signJwtAssertion(input: JwtAssertionInput): string {
  const lifetime = Math.min(input.lifetimeSeconds ?? MAX_JWT_LIFETIME_SECONDS, MAX_JWT_LIFETIME_SECONDS);
  const nowSeconds = Math.floor((input.now ?? Date.now)() / 1000);
  const header = base64url(JSON.stringify({ alg: "RS256", typ: "JWT" }));
  const claims = base64url(
    JSON.stringify({ iss: input.clientId, sub: input.username, aud: input.audience, exp: nowSeconds + lifetime }),
  );
  const signingInput = `${header}.${claims}`;
  const signature = sign("RSA-SHA256", Buffer.from(signingInput), input.privateKeyPem);
  return `${signingInput}.${signature.toString("base64url")}`;
}

function base64url(text: string): string {
  return Buffer.from(text, "utf8").toString("base64url");
}
