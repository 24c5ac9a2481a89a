import type { SyncError } from "../errors/sync-error";
import type { Alert } from "../ports/notifier";

/** What an alert needs to know about an error (a SyncError, or a summary's error block). */
export interface AlertableError {
  code: string;
  message: string;
  hint?: string | undefined;
  field?: string | undefined;
}

/** Configuration errors stop the run before records move: a person must act. */
export function configurationAlert(step: "fetch" | "sync", error: AlertableError): Alert {
  return {
    incident: `configuration:${error.code}`,
    severity: "critical",
    subject: `Jortt-Salesforce sync stopped: configuration error (${error.code})`,
    body: [
      `The ${step} step stopped on a configuration error; no records were processed.`,
      `Error: ${error.message}`,
      ...(error.field ? [`Setting: ${error.field}`] : []),
      `Next step: ${error.hint ?? "fix the configuration; the next scheduled run picks up from where it stopped."}`,
    ].join("\n"),
  };
}

export function alertableError(error: SyncError): AlertableError {
  return { code: error.code, message: error.message, hint: error.hint, field: error.field };
}
