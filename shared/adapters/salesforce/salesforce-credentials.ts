import { createPrivateKey } from "node:crypto";
import { z } from "zod";
import { SyncError } from "../../errors/sync-error";

/** Pinned REST API version (jsforce would default to 50.0, reference §2). */
export const DEFAULT_SALESFORCE_API_VERSION = "62.0";

const LOOPBACK_HOSTS = new Set(["127.0.0.1", "localhost", "[::1]"]);

/** Empty environment values count as unset. */
const optionalText = z.preprocess(
  (value) => (typeof value === "string" && value.trim() === "" ? undefined : value),
  z.string().trim().min(1).optional(),
);

/** https only, except loopback hosts (the local sandboxes). */
const serviceUrl = z
  .url({ protocol: /^https?$/ })
  .refine((value) => {
    const url = new URL(value);
    return url.protocol === "https:" || LOOPBACK_HOSTS.has(url.hostname);
  }, "must be an https:// URL (http:// is allowed for 127.0.0.1/localhost only)")
  .transform((value) => new URL(value).origin);

const optionalUrl = z.preprocess(
  (value) => (typeof value === "string" && value.trim() === "" ? undefined : value),
  serviceUrl.optional(),
);

/**
 * The Salesforce part of the configuration contract (ARCHITECTURE.md): one Secrets Manager JSON
 * secret in Lambda, environment variables locally. Keys are the variable names.
 */
export const SalesforceCredentials = z.object({
  SALESFORCE_LOGIN_URL: optionalUrl,
  SALESFORCE_CLIENT_ID: optionalText,
  SALESFORCE_CLIENT_SECRET: optionalText,
  SALESFORCE_USERNAME: optionalText,
  /** PEM (PKCS#1 or PKCS#8); literal `\n` sequences (common in env files) are accepted. */
  SALESFORCE_PRIVATE_KEY: optionalText,
  SALESFORCE_API_VERSION: z.preprocess(
    (value) => (typeof value === "string" && value.trim() === "" ? undefined : value),
    z
      .string()
      .trim()
      .regex(/^\d{2,3}\.0$/, "must look like 62.0")
      .default(DEFAULT_SALESFORCE_API_VERSION),
  ),
  SALESFORCE_INSTANCE_URL: optionalUrl,
  SALESFORCE_ACCESS_TOKEN: optionalText,
});
export type SalesforceCredentials = z.infer<typeof SalesforceCredentials>;

/** A grant this client can run (again) to get a token. */
export type SalesforceGrant =
  | { flow: "client-credentials"; loginUrl: string; clientId: string; clientSecret: string }
  | { flow: "jwt-bearer"; loginUrl: string; clientId: string; username: string; privateKeyPem: string };

/** Resolved authentication: a grant, a pre-issued token, or both (the grant then refreshes the token). */
export interface SalesforceAuth {
  apiVersion: string;
  grant?: SalesforceGrant;
  preIssued?: { instanceUrl: string; accessToken: string };
}

const KEYS = Object.keys(SalesforceCredentials.shape) as (keyof SalesforceCredentials)[];

/** Picks the contract's keys from an environment-like object (others are ignored). */
export function salesforceCredentialsFromEnv(
  env: Readonly<Record<string, string | undefined>>,
): Record<string, unknown> {
  return Object.fromEntries(KEYS.map((key) => [key, env[key]]));
}

/**
 * Validates the credentials and decides the flow: client credentials when a client secret is set,
 * else JWT bearer when a username and private key are set; a pre-issued instance URL + access token
 * may be used alone or together with either grant. Throws a configuration SyncError naming every
 * missing or invalid key (never their values).
 */
export function resolveSalesforceAuth(input: unknown): SalesforceAuth {
  const parsed = SalesforceCredentials.safeParse(input);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join(".") || "(root)"} ${issue.message}`);
    throw credentialsError(`Salesforce credentials are invalid: ${problems.join("; ")}.`);
  }
  const c = parsed.data;
  const preIssued = resolvePreIssued(c);
  const grant = resolveGrant(c, preIssued !== undefined);
  return { apiVersion: c.SALESFORCE_API_VERSION, ...(grant ? { grant } : {}), ...(preIssued ? { preIssued } : {}) };
}

function resolvePreIssued(c: SalesforceCredentials): SalesforceAuth["preIssued"] {
  const { SALESFORCE_INSTANCE_URL: instanceUrl, SALESFORCE_ACCESS_TOKEN: accessToken } = c;
  if (instanceUrl && accessToken) return { instanceUrl, accessToken };
  if (instanceUrl || accessToken) {
    throw credentialsError(
      `Salesforce credentials are incomplete: missing ${instanceUrl ? "SALESFORCE_ACCESS_TOKEN" : "SALESFORCE_INSTANCE_URL"} (a pre-issued token needs both).`,
    );
  }
  return undefined;
}

function resolveGrant(c: SalesforceCredentials, hasPreIssued: boolean): SalesforceGrant | undefined {
  const wantsJwt = Boolean(c.SALESFORCE_USERNAME || c.SALESFORCE_PRIVATE_KEY);
  const wantsClientCredentials = Boolean(c.SALESFORCE_CLIENT_SECRET);
  if (!wantsJwt && !wantsClientCredentials) {
    if (hasPreIssued) return undefined;
    throw credentialsError(
      "Salesforce credentials are incomplete: set SALESFORCE_LOGIN_URL and SALESFORCE_CLIENT_ID, plus " +
        "SALESFORCE_CLIENT_SECRET (client-credentials flow) or SALESFORCE_USERNAME + SALESFORCE_PRIVATE_KEY " +
        "(JWT bearer flow), or SALESFORCE_INSTANCE_URL + SALESFORCE_ACCESS_TOKEN (pre-issued token).",
    );
  }
  const flow = wantsClientCredentials ? "client-credentials" : "jwt-bearer";
  const required: (keyof SalesforceCredentials)[] =
    flow === "client-credentials"
      ? ["SALESFORCE_LOGIN_URL", "SALESFORCE_CLIENT_ID", "SALESFORCE_CLIENT_SECRET"]
      : ["SALESFORCE_LOGIN_URL", "SALESFORCE_CLIENT_ID", "SALESFORCE_USERNAME", "SALESFORCE_PRIVATE_KEY"];
  const missing = required.filter((key) => !c[key]);
  if (missing.length > 0) {
    throw credentialsError(
      `Salesforce credentials are incomplete for the ${flow} flow: missing ${missing.join(", ")}.`,
    );
  }
  const loginUrl = c.SALESFORCE_LOGIN_URL as string;
  const clientId = c.SALESFORCE_CLIENT_ID as string;
  if (flow === "client-credentials") {
    return { flow, loginUrl, clientId, clientSecret: c.SALESFORCE_CLIENT_SECRET as string };
  }
  const privateKeyPem = normalisePem(c.SALESFORCE_PRIVATE_KEY as string);
  return { flow, loginUrl, clientId, username: c.SALESFORCE_USERNAME as string, privateKeyPem };
}

function normalisePem(value: string): string {
  const pem = value.includes("\\n") ? value.replaceAll("\\n", "\n") : value;
  try {
    const key = createPrivateKey(pem);
    if (key.asymmetricKeyType !== "rsa") throw new Error("not RSA");
  } catch {
    throw credentialsError("SALESFORCE_PRIVATE_KEY is not a PEM-encoded RSA private key (RS256 needs RSA).");
  }
  return pem;
}

function credentialsError(message: string): SyncError {
  return new SyncError(message, {
    code: "CREDENTIALS_INVALID",
    errorClass: "configuration",
    source: "config",
    hint: "Set the Salesforce keys in the secret (Lambda) or the environment / .env file (local).",
  });
}
