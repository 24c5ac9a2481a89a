import type { Alert } from "../../ports/notifier";

/** The four things every alert says, in this order (ISSUE 6: what failed, how many, why, next step). */
export interface IncidentText {
  incident: string;
  severity: Alert["severity"];
  subject: string;
  whatFailed: string;
  howMany: string;
  /** One line per cause (e.g. per error code). */
  why: readonly string[];
  nextStep: string;
}

/**
 * The one alert layout, so e-mail, Slack and the local terminal read the same:
 *
 *     What failed: …
 *     How many: …
 *     Why:
 *     - …
 *     Next step: …
 */
export function incidentAlert(text: IncidentText): Alert {
  const why = text.why.length === 1 ? [`Why: ${text.why[0]}`] : ["Why:", ...text.why.map((line) => `- ${line}`)];
  return {
    incident: text.incident,
    severity: text.severity,
    subject: text.subject,
    body: [`What failed: ${text.whatFailed}`, `How many: ${text.howMany}`, ...why, `Next step: ${text.nextStep}`].join(
      "\n",
    ),
  };
}

/** An alert as printed locally: the same subject and body SNS delivers. */
export function formatAlertText(alert: Alert): string {
  return [`ALERT [${alert.severity}] ${alert.subject}`, ...alert.body.split("\n").map((line) => `  ${line}`)].join(
    "\n",
  );
}
