import type { Alert } from "../../ports/notifier";
import { incidentAlert } from "./incident-alert";

/** Why a run stopped taking work (the sync use case's SyncStop, or a fetch summary's error). */
export interface RunStop {
  reason: "rate-limit" | "budget" | "configuration";
  code: string;
  /** Readable, free of personal data. */
  message: string;
  hint?: string | undefined;
  field?: string | undefined;
}

/**
 * The next step when the error carries no hint of its own. Codes first (they are specific), then
 * the reason's general rule (ARCHITECTURE.md failure policy).
 */
const NEXT_STEP_BY_CODE: Readonly<Record<string, string>> = {
  REQUEST_LIMIT_EXCEEDED:
    "Nothing, if it clears: queued records wait and the next scheduled run resumes. If it repeats, check Salesforce " +
    "Setup → Company Information → API Requests, Last 24 Hours, and lower settings.sync.maxConcurrency.",
  API_BUDGET_REACHED:
    "Queued records wait until the org's rolling 24-hour usage drops below settings.salesforce.apiBudgetShare; " +
    "raise the share only if other integrations can spare it.",
  "request.throttled": "Nothing, if it clears: the next scheduled run scans Jortt again.",
  INVALID_SESSION_ID: "Check the Salesforce credentials (secret or .env) and the connected app's policies.",
  INVALID_FIELD:
    "Deploy the salesforce/ metadata and assign the Jortt_Sync_Integration permission set, or correct the mapping override.",
};

const NEXT_STEP_BY_REASON: Readonly<Record<RunStop["reason"], string>> = {
  "rate-limit": "Nothing, if it clears: queued records stay queued and the next scheduled run resumes.",
  budget: NEXT_STEP_BY_CODE.API_BUDGET_REACHED as string,
  configuration: "Fix the configuration named above; the next scheduled run continues where this one stopped.",
};

/**
 * One alert when a run stops taking work. Incident keys: `configuration:<code>` (critical),
 * `budget:<code>` and `rate-limit:<code>` (warning), so each cause alerts once per window however
 * many batches hit it.
 */
export function runStopAlert(stop: RunStop, context: { step: "fetch" | "sync" | "replay"; pending?: number }): Alert {
  const nextStep = stop.hint ?? NEXT_STEP_BY_CODE[stop.code] ?? NEXT_STEP_BY_REASON[stop.reason];
  const pending =
    context.pending === undefined ? "the records not yet processed" : `${context.pending} record(s) not yet processed`;
  switch (stop.reason) {
    case "configuration":
      return incidentAlert({
        incident: `configuration:${stop.code}`,
        severity: "critical",
        subject: `Jortt-Salesforce sync stopped: configuration error (${stop.code})`,
        whatFailed: `the ${context.step} step stopped on a configuration error before more records moved.`,
        howMany: `${pending}; they stay queued or are re-read by the next run.`,
        why: [`${stop.message}${stop.field ? ` (setting/field: ${stop.field})` : ""}`],
        nextStep,
      });
    case "budget":
      return incidentAlert({
        incident: `budget:${stop.code}`,
        severity: "warning",
        subject: "Jortt-Salesforce sync paused: Salesforce API budget reached",
        whatFailed: `the ${context.step} step stopped taking work (API budget share reached).`,
        howMany: `${pending}; they stay queued and are synced when the budget allows.`,
        why: [stop.message],
        nextStep,
      });
    case "rate-limit":
      return incidentAlert({
        incident: `rate-limit:${stop.code}`,
        severity: "warning",
        subject: `Jortt-Salesforce sync paused: rate limit (${stop.code})`,
        whatFailed: `the ${context.step} step stopped taking work on a rate limit.`,
        howMany: `${pending}; they stay queued and the next scheduled run resumes.`,
        why: [stop.message],
        nextStep,
      });
  }
}
