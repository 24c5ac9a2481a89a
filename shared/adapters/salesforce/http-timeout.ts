/**
 * Default per-request HTTP timeout. It must stay below the Lambda timeout, so a hung Salesforce
 * call fails (and is retried or redelivered) instead of killing the invocation; jsforce's own
 * default is 30 minutes (reference §8).
 */
export const DEFAULT_HTTP_TIMEOUT_MS = 60_000;

/**
 * jsforce reads `HTTP_TIMEOUT` once, when it is first imported, and uses it for calls that take no
 * per-request options (the OAuth token requests). This module is imported before jsforce by
 * `jsforce-connection.ts` so an unset value gets our default; an operator-set value is kept.
 * Data calls do not depend on it: they pass `timeout` per request.
 */
if (!process.env.HTTP_TIMEOUT) process.env.HTTP_TIMEOUT = String(DEFAULT_HTTP_TIMEOUT_MS);
