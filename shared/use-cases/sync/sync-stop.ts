import type { SyncStop } from "./sync-batch-result";

/** What stopped a run, from the error (a SyncError, or a run summary's copy of one). */
export interface StoppingError {
  errorClass: string;
  code: string;
  message: string;
  hint?: string | undefined;
}

/** Why a run stops after this error: configuration, the API budget share, or a rate limit. */
export function syncStopFor(error: StoppingError): SyncStop {
  return {
    reason:
      error.errorClass === "configuration"
        ? "configuration"
        : error.code === "API_BUDGET_REACHED"
          ? "budget"
          : "rate-limit",
    code: error.code,
    message: error.message,
    ...(error.hint ? { hint: error.hint } : {}),
  };
}
