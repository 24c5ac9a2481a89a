/** One alert per incident, not per record: what failed, how many, why, and the next step. */
export interface Alert {
  /** Stable incident code for grouping/rate limiting, e.g. `dead-letters`, `salesforce-auth`. */
  incident: string;
  severity: "warning" | "critical";
  subject: string;
  /** Plain text: what failed, how many, why, what to do next. */
  body: string;
}

export interface Notifier {
  notify(alert: Alert): Promise<void>;
}
