import type { JorttCredentials, SalesforceCredentials } from "./credentials-schema";
import type { Settings } from "./settings-schema";

/** The configuration a run starts with: validated settings and credentials. */
export interface LoadedConfig {
  runtime: "local" | "aws";
  settings: Settings;
  /**
   * Null only locally when no Jortt credentials are set: the local runtime then uses the built-in
   * Jortt sandbox (and says so).
   */
  jortt: JorttCredentials | null;
  /**
   * Null only locally when no Salesforce credentials are set (built-in sandbox). Its
   * `SALESFORCE_API_VERSION` is already resolved: settings.salesforce.apiVersion, else the key, else the pinned default.
   */
  salesforce: SalesforceCredentials | null;
  /** Where the settings came from: a file path, `ssm:<name>`, or `defaults`. */
  settingsOrigin: string;
}

export type ConfiguredSystem = "jortt" | "salesforce";

/** Applies the settings' API version over the credentials' one. */
export function withSettingsApiVersion(
  salesforce: SalesforceCredentials | null,
  settings: Settings,
): SalesforceCredentials | null {
  if (!salesforce || settings.salesforce.apiVersion === undefined) return salesforce;
  return { ...salesforce, SALESFORCE_API_VERSION: settings.salesforce.apiVersion };
}
