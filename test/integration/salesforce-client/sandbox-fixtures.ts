import type { RetryPolicy } from "../../../shared/adapters/salesforce/retry-policy";
import type { SalesforceSandbox } from "../../../sim/salesforce";

/** Short backoff so retry paths run in milliseconds. */
export const FAST_RETRY: RetryPolicy = { maxAttempts: 4, baseDelayMs: 2, maxDelayMs: 10 };

export function clientCredentialsFor(sandbox: SalesforceSandbox): Record<string, string> {
  return {
    SALESFORCE_LOGIN_URL: sandbox.loginUrl,
    SALESFORCE_CLIENT_ID: sandbox.clientId,
    SALESFORCE_CLIENT_SECRET: sandbox.clientSecret,
  };
}
