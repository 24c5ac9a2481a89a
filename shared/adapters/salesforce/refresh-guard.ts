import { AsyncLocalStorage } from "node:async_hooks";
import type { Connection, ConnectionConfig, TokenResponse } from "jsforce";
import { salesforceError } from "./classify-salesforce-error";

/** One logical client call (all its retries and jsforce's replays run inside it). */
export interface CallScope {
  /** Token refreshes this call triggered (attempted). */
  refreshes: number;
  /** Refreshes that succeeded: jsforce replays the request after each, one more API call. */
  replays: number;
  /** The real reason the last refresh failed: jsforce replaces it with a plain message. */
  refreshError?: unknown;
}

const callScopes = new AsyncLocalStorage<CallScope>();

/** Runs `operation` as one call: the refresh cap counts per scope. */
export function runInCallScope<T>(operation: (scope: CallScope) => Promise<T>): Promise<T> {
  const scope: CallScope = { refreshes: 0, replays: 0 };
  return callScopes.run(scope, () => operation(scope));
}

export type RefreshFn = NonNullable<ConnectionConfig["refreshFn"]>;

export interface RefreshGuardOptions {
  /** Token refreshes one call may trigger (INVALID_SESSION_ID → refresh → replay). Default 1. */
  maxRefreshesPerCall: number;
  /** For refreshes outside any call scope: at most maxRefreshesPerCall per window. */
  windowMs?: number;
  onRefresh?: () => void;
  now?: () => number;
}

/**
 * jsforce refreshes on every 401 and replays the request with no cap, so a server that keeps
 * answering 401 loops until the refresh function fails (reference §3.5). This wraps the grant in a
 * refreshFn that fails once the current call has used its refreshes: jsforce then throws
 * "Unable to refresh session due to: …", which the client reports as INVALID_SESSION_ID
 * (configuration). jsforce calls refreshFn inside the request's async context, so the call scope is
 * visible here; refreshes outside a scope are capped per time window instead.
 */
export function cappedRefreshFn(
  requestToken: (conn: Connection) => Promise<TokenResponse>,
  options: RefreshGuardOptions,
): RefreshFn {
  const now = options.now ?? Date.now;
  const windowMs = options.windowMs ?? 60_000;
  let unscoped: { startedAt: number; scope: CallScope } | undefined;
  const scopeForThisRefresh = (): CallScope => {
    const scoped = callScopes.getStore();
    if (scoped) return scoped;
    if (!unscoped || now() - unscoped.startedAt > windowMs)
      unscoped = { startedAt: now(), scope: { refreshes: 0, replays: 0 } };
    return unscoped.scope;
  };
  return (conn, callback) => {
    const scope = scopeForThisRefresh();
    if (scope.refreshes >= options.maxRefreshesPerCall) {
      const error = salesforceError(
        "INVALID_SESSION_ID",
        { scope: "call" },
        { detail: `the session was still rejected after ${scope.refreshes} token refresh(es)`, status: 401 },
      );
      scope.refreshError = error;
      callback(error);
      return;
    }
    scope.refreshes += 1;
    requestToken(conn as Connection).then(
      (token) => {
        if (typeof token?.access_token !== "string" || token.access_token === "") {
          const error = salesforceError("TOKEN_RESPONSE_INVALID", { scope: "call" }, { detail: "no access_token" });
          scope.refreshError = error;
          callback(error);
          return;
        }
        scope.replays += 1;
        options.onRefresh?.();
        callback(null, token.access_token, token);
      },
      (error: unknown) => {
        scope.refreshError = error;
        callback(error instanceof Error ? error : new Error(String(error)));
      },
    );
  };
}
