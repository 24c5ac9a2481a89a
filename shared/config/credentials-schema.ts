import { z } from "zod";
import {
  DEFAULT_SALESFORCE_API_VERSION,
  resolveSalesforceAuth,
  type SalesforceAuth,
  SalesforceCredentials as SalesforceCredentialsSchema,
} from "../adapters/salesforce/salesforce-credentials";
import { configurationError, configurationIssues } from "./configuration-error";

/**
 * Credentials of the configuration contract (ARCHITECTURE.md). Lambda: one Secrets Manager JSON
 * secret per system with these keys; local: environment variables / `.env`. The keys are the
 * variable names in both places.
 *
 * The Salesforce part is the schema the Salesforce adapter already validates with
 * (`SalesforceCredentials`, `resolveSalesforceAuth`), re-exported so there is one definition.
 */
export { DEFAULT_SALESFORCE_API_VERSION, type SalesforceAuth, SalesforceCredentialsSchema };
export type SalesforceCredentials = z.output<typeof SalesforceCredentialsSchema>;

export const DEFAULT_JORTT_API_URL = "https://api.jortt.nl";
export const DEFAULT_JORTT_TOKEN_URL = "https://app.jortt.nl/oauth-provider/oauth/token";

const LOOPBACK_HOSTS = new Set(["127.0.0.1", "localhost", "[::1]"]);

/** Empty strings (common in `.env` templates) count as unset. */
function blankAsUnset<T extends z.ZodType>(schema: T) {
  return z.preprocess((value) => (typeof value === "string" && value.trim() === "" ? undefined : value), schema);
}

/** https, or http to a loopback host (the local sandboxes); trailing slashes dropped. */
const serviceUrl = z
  .url({ protocol: /^https?$/, error: "expected an http(s) URL" })
  .refine((value) => {
    const url = new URL(value);
    return url.protocol === "https:" || LOOPBACK_HOSTS.has(url.hostname);
  }, "must be an https:// URL (http:// is allowed for 127.0.0.1/localhost only)")
  .transform((value) => value.replace(/\/+$/, ""));

const requiredText = blankAsUnset(z.string({ error: "is missing" }).trim().min(1, { error: "is missing" }));

export const JorttCredentialsSchema = z.object({
  JORTT_CLIENT_ID: requiredText,
  JORTT_CLIENT_SECRET: requiredText,
  JORTT_API_URL: blankAsUnset(serviceUrl.default(DEFAULT_JORTT_API_URL)),
  JORTT_TOKEN_URL: blankAsUnset(serviceUrl.default(DEFAULT_JORTT_TOKEN_URL)),
  /** Space-separated scopes; unset lets the client request what the enabled flows need. */
  JORTT_SCOPES: blankAsUnset(
    z
      .string()
      .trim()
      .regex(/^[a-z_]+:[a-z_]+( +[a-z_]+:[a-z_]+)*$/, { error: 'expected space-separated scopes like "invoices:read"' })
      .optional(),
  ),
});
export type JorttCredentials = z.output<typeof JorttCredentialsSchema>;

export const JORTT_CREDENTIAL_KEYS = Object.keys(JorttCredentialsSchema.shape) as (keyof JorttCredentials)[];
export const SALESFORCE_CREDENTIAL_KEYS = Object.keys(
  SalesforceCredentialsSchema.shape,
) as (keyof SalesforceCredentials)[];

export const CREDENTIALS_INVALID = "config.credentials.invalid";

/** The contract's keys of one system from an environment-like object (other keys are ignored). */
export function pickKeys(source: Readonly<Record<string, unknown>>, keys: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(keys.filter((key) => source[key] !== undefined).map((key) => [key, source[key]]));
}

/** Validates Jortt credentials; throws a configuration SyncError naming the keys (never the values). */
export function parseJorttCredentials(raw: unknown, origin: string): JorttCredentials {
  const parsed = JorttCredentialsSchema.safeParse(raw ?? {});
  if (parsed.success) return parsed.data;
  throw configurationError(`Jortt credentials (${origin})`, configurationIssues(parsed.error), {
    code: CREDENTIALS_INVALID,
    hint: `Set the named keys in ${origin}.`,
  });
}

/**
 * Validates Salesforce credentials, including that one complete authentication flow is present
 * (client credentials, JWT bearer, or a pre-issued instance URL + access token).
 */
export function parseSalesforceCredentials(raw: unknown, origin: string): SalesforceCredentials {
  const parsed = SalesforceCredentialsSchema.safeParse(raw ?? {});
  if (!parsed.success) {
    throw configurationError(`Salesforce credentials (${origin})`, configurationIssues(parsed.error), {
      code: CREDENTIALS_INVALID,
      hint: `Set the named keys in ${origin}.`,
    });
  }
  resolveSalesforceAuth(parsed.data);
  return parsed.data;
}
