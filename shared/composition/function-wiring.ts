import { type LoadedConfig, loadConfig } from "../config/load-config";
import type { Notifier } from "../ports/notifier";
import { composeAlerting } from "./compose-alerting";
import { type PipelineResourceNames, pipelineResourceNamesFromEnv } from "./pipeline-resource-names";

/** How a handler gets its configuration, its composed adapters and its alerting. */
export interface FunctionWiring<C> {
  /** Configuration and adapters; reused across invocations of one container. */
  load(): Promise<{ config: LoadedConfig; composition: C }>;
  /** Alerting that needs no settings or credentials (so a configuration error can be reported). */
  alerting(): Notifier;
}

export type Compose<C> = (config: LoadedConfig, names: PipelineResourceNames) => C;

/**
 * Lambda: resource names from the function environment, configuration from SSM + Secrets Manager
 * (loadConfig decides by the environment). Adapters are composed once per loaded configuration —
 * i.e. once per cold start, and again only when loadConfig's cache lifetime brings new settings.
 * A failed load is not cached, so the next invocation tries again.
 */
export function environmentWiring<C>(compose: Compose<C>, options: { needsSyncQueue: boolean }): FunctionWiring<C> {
  let composed: { config: LoadedConfig; composition: C } | undefined;
  let alerting: Notifier | undefined;
  return {
    async load() {
      const names = pipelineResourceNamesFromEnv(process.env, options);
      const config = await loadConfig();
      if (composed?.config !== config) composed = { config, composition: compose(config, names) };
      return composed;
    },
    alerting() {
      alerting ??= composeAlerting(pipelineResourceNamesFromEnv(process.env, { needsSyncQueue: false }));
      return alerting;
    },
  };
}

/** A fixed configuration and resources (the local runtime and tests): composed once. */
export function fixedWiring<C>(
  config: LoadedConfig,
  names: PipelineResourceNames,
  compose: Compose<C>,
  alerting: Notifier = composeAlerting(names),
): FunctionWiring<C> {
  let composed: { config: LoadedConfig; composition: C } | undefined;
  return {
    async load() {
      composed ??= { config, composition: compose(config, names) };
      return composed;
    },
    alerting: () => alerting,
  };
}
