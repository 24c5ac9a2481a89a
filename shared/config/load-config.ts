import { clearCaches } from "@aws-lambda-powertools/parameters";
import { logger } from "../observability/logger";
import { FunctionEnv } from "../observability/metric-names";
import { loadAwsConfig } from "./load-aws-config";
import { type LocalConfigOptions, loadLocalConfig } from "./load-local-config";
import type { ConfiguredSystem, LoadedConfig } from "./loaded-config";

export type { LoadedConfig } from "./loaded-config";

export interface LoadConfigOptions {
  /** `auto` (default): AWS when a settings parameter or secret id is in the environment, else local. */
  runtime?: "auto" | "local" | "aws";
  env?: Readonly<Record<string, string | undefined>>;
  /** Local only: `.env` path (false: none). */
  envFile?: LocalConfigOptions["envFile"];
  /** Local only: settings JSON path (else `SETTINGS_FILE`, else defaults). */
  settingsFile?: string;
  /** Systems that must have credentials. Default: both in AWS, none locally (missing = sandbox). */
  require?: readonly ConfiguredSystem[];
  /** How long a loaded configuration is reused (default 300 s); settings changes apply after it. */
  maxAgeSeconds?: number;
  /** Ignore the cached configuration. */
  forceReload?: boolean;
}

const DEFAULT_MAX_AGE_SECONDS = 300;

interface CacheEntry {
  key: string;
  loadedAt: number;
  promise: Promise<LoadedConfig>;
}

let cache: CacheEntry | undefined;

/**
 * Loads and validates settings and credentials once, and reuses them for `maxAgeSeconds`
 * (a Lambda container loads at cold start; a failed load is not cached, so the next invocation
 * tries again). Invalid configuration throws a configuration-class SyncError before any record
 * moves. Logs where the configuration came from, never a value.
 */
export function loadConfig(options: LoadConfigOptions = {}): Promise<LoadedConfig> {
  const env = options.env ?? process.env;
  const runtime = resolveRuntime(options.runtime ?? "auto", env);
  const maxAgeSeconds = options.maxAgeSeconds ?? DEFAULT_MAX_AGE_SECONDS;
  const key = JSON.stringify([runtime, options.envFile, options.settingsFile, options.require]);
  const now = Date.now();
  if (!options.forceReload && cache && cache.key === key && now - cache.loadedAt < maxAgeSeconds * 1000) {
    return cache.promise;
  }
  const promise = load(runtime, env, options, maxAgeSeconds);
  const entry: CacheEntry = { key, loadedAt: now, promise };
  cache = entry;
  promise.then(logLoaded, () => {
    if (cache === entry) cache = undefined;
  });
  return promise;
}

/** Forgets the cached configuration and Powertools' parameter cache (tests, or after a settings change). */
export function resetConfigCache(): void {
  cache = undefined;
  clearCaches();
}

function resolveRuntime(
  runtime: NonNullable<LoadConfigOptions["runtime"]>,
  env: Readonly<Record<string, string | undefined>>,
): "local" | "aws" {
  if (runtime !== "auto") return runtime;
  const awsKeys = [FunctionEnv.SettingsParameterName, FunctionEnv.JorttSecretId, FunctionEnv.SalesforceSecretId];
  return awsKeys.some((name) => (env[name] ?? "") !== "") ? "aws" : "local";
}

async function load(
  runtime: "local" | "aws",
  env: Readonly<Record<string, string | undefined>>,
  options: LoadConfigOptions,
  maxAgeSeconds: number,
): Promise<LoadedConfig> {
  if (runtime === "aws") return loadAwsConfig({ env, require: options.require, maxAgeSeconds });
  return loadLocalConfig({
    env,
    envFile: options.envFile,
    settingsFile: options.settingsFile,
    require: options.require,
  });
}

function logLoaded(config: LoadedConfig): void {
  logger.info("configuration loaded", {
    runtime: config.runtime,
    settingsOrigin: config.settingsOrigin,
    jorttConfigured: config.jortt !== null,
    salesforceConfigured: config.salesforce !== null,
    flows: config.settings.flows,
  });
}
