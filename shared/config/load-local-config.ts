import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { parseEnv } from "node:util";
import { SyncError } from "../errors/sync-error";
import {
  JORTT_CREDENTIAL_KEYS,
  parseJorttCredentials,
  parseSalesforceCredentials,
  pickKeys,
  SALESFORCE_CREDENTIAL_KEYS,
} from "./credentials-schema";
import { type ConfiguredSystem, type LoadedConfig, withSettingsApiVersion } from "./loaded-config";
import { parseSettings, parseSettingsJson } from "./parse-settings";

export interface LocalConfigOptions {
  /** The process environment (default `process.env`); it wins over the `.env` file. */
  env?: Readonly<Record<string, string | undefined>>;
  /** `.env` path; default `ENV_FILE` or `./.env` (ignored when absent unless named explicitly); false: none. */
  envFile?: string | false;
  /** Settings JSON path; default `SETTINGS_FILE`; none: the defaults. */
  settingsFile?: string;
  /** Systems whose credentials must be present (default none: missing ones mean "use the sandbox"). */
  require?: readonly ConfiguredSystem[];
}

/** Keys whose presence means "this system is configured" (URLs alone may just point at a sandbox). */
const JORTT_IDENTITY_KEYS = ["JORTT_CLIENT_ID", "JORTT_CLIENT_SECRET"];
const SALESFORCE_IDENTITY_KEYS = [
  "SALESFORCE_CLIENT_ID",
  "SALESFORCE_CLIENT_SECRET",
  "SALESFORCE_USERNAME",
  "SALESFORCE_PRIVATE_KEY",
  "SALESFORCE_INSTANCE_URL",
  "SALESFORCE_ACCESS_TOKEN",
];

/**
 * Local runtime: environment + `.env` (Node's own parser, no dotenv) and a settings JSON file.
 * Pure with respect to `process.env`: the `.env` values are merged, never written back.
 */
export function loadLocalConfig(options: LocalConfigOptions = {}): LoadedConfig {
  const processEnv = options.env ?? process.env;
  const env = { ...readEnvFile(options.envFile, processEnv), ...definedOnly(processEnv) };
  const required = new Set(options.require ?? []);

  const settingsFile = options.settingsFile ?? env.SETTINGS_FILE;
  const settings =
    settingsFile === undefined || settingsFile === "" ? parseSettings({}) : readSettingsFile(settingsFile);

  const jortt =
    isConfigured(env, JORTT_IDENTITY_KEYS) || required.has("jortt")
      ? parseJorttCredentials(pickKeys(env, JORTT_CREDENTIAL_KEYS), "the environment / .env")
      : null;
  const salesforce =
    isConfigured(env, SALESFORCE_IDENTITY_KEYS) || required.has("salesforce")
      ? parseSalesforceCredentials(pickKeys(env, SALESFORCE_CREDENTIAL_KEYS), "the environment / .env")
      : null;

  return {
    runtime: "local",
    settings,
    jortt,
    salesforce: withSettingsApiVersion(salesforce, settings),
    settingsOrigin: settingsFile ? resolve(settingsFile) : "defaults",
  };
}

function definedOnly(env: Readonly<Record<string, string | undefined>>): Record<string, string> {
  return Object.fromEntries(Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined));
}

function isConfigured(env: Readonly<Record<string, string | undefined>>, keys: readonly string[]): boolean {
  return keys.some((key) => (env[key] ?? "").trim() !== "");
}

function readEnvFile(
  envFile: string | false | undefined,
  env: Readonly<Record<string, string | undefined>>,
): Record<string, string> {
  if (envFile === false) return {};
  const explicit = envFile ?? env.ENV_FILE;
  const path = resolve(explicit ?? ".env");
  if (!existsSync(path)) {
    if (explicit === undefined) return {};
    throw fileError(`env file ${path} does not exist`, "ENV_FILE");
  }
  // parseEnv's result holds secrets: it is merged, never logged.
  return parseEnv(readFileSync(path, "utf8")) as Record<string, string>;
}

function readSettingsFile(file: string): ReturnType<typeof parseSettings> {
  const path = resolve(file);
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    throw fileError(
      `settings file ${path} cannot be read (${(error as NodeJS.ErrnoException).code ?? "error"})`,
      "SETTINGS_FILE",
    );
  }
  return parseSettingsJson(text, `settings file ${path}`);
}

function fileError(message: string, field: string): SyncError {
  return new SyncError(message, {
    code: "config.file.missing",
    errorClass: "configuration",
    source: "config",
    field,
    hint: `Point ${field} at an existing file, or unset it.`,
  });
}
