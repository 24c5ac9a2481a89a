import { GetParameterError, TransformParameterError } from "@aws-lambda-powertools/parameters";
import { getSecret } from "@aws-lambda-powertools/parameters/secrets";
import { getParameter } from "@aws-lambda-powertools/parameters/ssm";
import { SyncError } from "../errors/sync-error";
import { FunctionEnv } from "../observability/metric-names";
import {
  JORTT_CREDENTIAL_KEYS,
  parseJorttCredentials,
  parseSalesforceCredentials,
  pickKeys,
  SALESFORCE_CREDENTIAL_KEYS,
} from "./credentials-schema";
import { type ConfiguredSystem, type LoadedConfig, withSettingsApiVersion } from "./loaded-config";
import { parseSettings, parseSettingsJson } from "./parse-settings";

export interface AwsConfigOptions {
  env?: Readonly<Record<string, string | undefined>>;
  /** Systems whose secret must be configured (default both). */
  require?: readonly ConfiguredSystem[];
  /** Powertools cache lifetime for the parameter and secrets. */
  maxAgeSeconds: number;
}

/** AWS error names that a person must fix (wrong name, missing permission, bad key); others are transient. */
const CONFIGURATION_ERROR_NAMES = new Set([
  "ResourceNotFoundException",
  "ParameterNotFound",
  "ParameterVersionNotFound",
  "AccessDeniedException",
  "DecryptionFailure",
  "InvalidParameterException",
  "InvalidRequestException",
  "ValidationException",
  "UnrecognizedClientException",
  "InvalidSignatureException",
  "ParameterNotFoundError",
]);

/**
 * Lambda runtime: settings from the SSM parameter `SETTINGS_PARAMETER_NAME` (JSON; unset means
 * defaults), credentials from the Secrets Manager JSON secrets `JORTT_SECRET_ID` and
 * `SALESFORCE_SECRET_ID`, fetched in parallel through Powertools (cached for maxAge).
 */
export async function loadAwsConfig(options: AwsConfigOptions): Promise<LoadedConfig> {
  const env = options.env ?? process.env;
  const required = new Set(options.require ?? ["jortt", "salesforce"]);
  const parameterName = env[FunctionEnv.SettingsParameterName];
  const jorttSecretId = env[FunctionEnv.JorttSecretId];
  const salesforceSecretId = env[FunctionEnv.SalesforceSecretId];
  for (const [system, id, variable] of [
    ["jortt", jorttSecretId, FunctionEnv.JorttSecretId],
    ["salesforce", salesforceSecretId, FunctionEnv.SalesforceSecretId],
  ] as const) {
    if (required.has(system) && !id) {
      throw new SyncError(`${variable} is not set`, {
        code: "config.secret.unset",
        errorClass: "configuration",
        source: "config",
        field: variable,
        hint: `The function needs ${variable} (set by the CDK stack); redeploy the stack.`,
      });
    }
  }

  const [settingsText, jorttSecret, salesforceSecret] = await Promise.all([
    parameterName ? readParameter(parameterName, options.maxAgeSeconds) : undefined,
    jorttSecretId ? readJsonSecret(jorttSecretId, options.maxAgeSeconds) : undefined,
    salesforceSecretId ? readJsonSecret(salesforceSecretId, options.maxAgeSeconds) : undefined,
  ]);

  const settings =
    parameterName && settingsText !== undefined
      ? parseSettingsJson(settingsText, `SSM parameter ${parameterName}`)
      : parseSettings({});
  const jortt =
    jorttSecretId && jorttSecret !== undefined
      ? parseJorttCredentials(pickKeys(jorttSecret, JORTT_CREDENTIAL_KEYS), `secret ${jorttSecretId}`)
      : null;
  const salesforce =
    salesforceSecretId && salesforceSecret !== undefined
      ? parseSalesforceCredentials(
          pickKeys(salesforceSecret, SALESFORCE_CREDENTIAL_KEYS),
          `secret ${salesforceSecretId}`,
        )
      : null;

  return {
    runtime: "aws",
    settings,
    jortt,
    salesforce: withSettingsApiVersion(salesforce, settings),
    settingsOrigin: parameterName ? `ssm:${parameterName}` : "defaults",
  };
}

async function readParameter(name: string, maxAge: number): Promise<string> {
  let value: string | undefined;
  try {
    value = await getParameter(name, { maxAge });
  } catch (error) {
    throw awsReadError(error, `SSM parameter ${name}`, "SETTINGS_PARAMETER_NAME");
  }
  if (value === undefined) throw notFound(`SSM parameter ${name}`, "SETTINGS_PARAMETER_NAME");
  return value;
}

async function readJsonSecret(id: string, maxAge: number): Promise<Record<string, unknown>> {
  let value: unknown;
  try {
    value = await getSecret(id, { transform: "json", maxAge });
  } catch (error) {
    if (error instanceof TransformParameterError) {
      // The parser's message quotes the secret text: report the shape problem only, without cause.
      throw secretShapeError(id);
    }
    throw awsReadError(error, `secret ${id}`, "secret id");
  }
  if (value === undefined) throw notFound(`secret ${id}`, "secret id");
  if (value === null || typeof value !== "object" || Array.isArray(value)) throw secretShapeError(id);
  return value as Record<string, unknown>;
}

/** The AWS error name behind Powertools' wrapper (duck-typed: SDK and network errors may come from another realm). */
function errorName(error: unknown): string {
  const wrapped = error instanceof GetParameterError && error.cause !== undefined ? error.cause : error;
  if (typeof wrapped !== "object" || wrapped === null) return "UnknownError";
  const { name, code, message } = wrapped as { name?: unknown; code?: unknown; message?: unknown };
  if (name !== undefined && name !== "Error") return typeof name === "string" ? name : "UnknownError";
  // Network failures arrive as a plain Error with a code (ECONNREFUSED), or wrapped with it in the message.
  if (typeof code === "string") return code;
  const fromMessage = typeof message === "string" ? /\b(E[A-Z]{4,})\b/.exec(message)?.[1] : undefined;
  return fromMessage ?? "Error";
}

function awsReadError(error: unknown, what: string, field: string): SyncError {
  const name = errorName(error);
  const configuration = CONFIGURATION_ERROR_NAMES.has(name);
  return new SyncError(`${what} could not be read: ${name}`, {
    code: configuration ? "config.aws.unreadable" : "config.aws.unavailable",
    errorClass: configuration ? "configuration" : "transient",
    source: "aws",
    field,
    hint: configuration
      ? `Check that ${what} exists in this account/region and that the function's role may read it.`
      : "AWS did not answer; the run is retried.",
    cause: error,
  });
}

function notFound(what: string, field: string): SyncError {
  return new SyncError(`${what} has no value`, {
    code: "config.aws.unreadable",
    errorClass: "configuration",
    source: "aws",
    field,
    hint: `Give ${what} a value.`,
  });
}

function secretShapeError(id: string): SyncError {
  return new SyncError(`secret ${id} is not a JSON object`, {
    code: "config.credentials.invalid",
    errorClass: "configuration",
    source: "config",
    field: id,
    hint: `Store the secret as JSON with the contract's keys, e.g. {"JORTT_CLIENT_ID": "…", "JORTT_CLIENT_SECRET": "…"}.`,
  });
}
