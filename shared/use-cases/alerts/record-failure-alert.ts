import type { Alert } from "../../ports/notifier";
import { type FailureGroup, groupFailures, type RecordFailure } from "./failure-groups";
import { incidentAlert } from "./incident-alert";

/** Incident key of "records did not sync": one alert per window however many records or batches. */
export const DEAD_LETTER_INCIDENT = "dead-letters";

/** At most this many codes are listed; the rest are summed up in one line. */
const MAX_GROUPS_LISTED = 6;

const DEFAULT_NEXT_STEP =
  "Read each record's reason (DLQ message attributes RecordKey, ErrorCode, ErrorMessage, Hint; locally the run " +
  "report), fix the cause in Jortt or Salesforce, then run `jortt-sf replay` (all, --key or --code).";

/**
 * One alert for all records of a batch/run that were dead-lettered or quarantined, grouped by error
 * code: "12 records: 9 × mapping.invalid-record (…), 3 × AMBIGUOUS_EMAIL_MATCH (…)". Undefined when
 * nothing failed. Texts carry record keys and codes only, never names or e-mail addresses.
 */
export function recordFailureAlert(
  failures: readonly RecordFailure[],
  context: { step: "fetch" | "sync" | "run" | "replay"; runId?: string },
): Alert | undefined {
  const groups = groupFailures(failures);
  if (groups.length === 0) return undefined;
  const total = groups.reduce((sum, group) => sum + group.count, 0);
  const quarantined = groups.filter((group) => group.outcome === "quarantined").reduce((sum, g) => sum + g.count, 0);
  const listed = groups.slice(0, MAX_GROUPS_LISTED);
  const rest = groups.slice(MAX_GROUPS_LISTED);
  const why = listed.map(groupLine);
  if (rest.length > 0) {
    why.push(`${rest.reduce((sum, group) => sum + group.count, 0)} more record(s) with ${rest.length} other code(s)`);
  }
  const hints = [...new Set(listed.flatMap((group) => (group.hint ? [`${group.code}: ${group.hint}`] : [])))];
  const run = context.runId ? ` (run ${context.runId})` : "";
  return incidentAlert({
    incident: DEAD_LETTER_INCIDENT,
    severity: "warning",
    subject: `Jortt-Salesforce sync: ${total} record(s) not synced (${listed[0]?.code ?? "error"}${groups.length > 1 ? ", …" : ""})`,
    whatFailed: `records of the ${context.step} step${run} were ${quarantined === total ? "quarantined" : "dead-lettered"}; the other records went on.`,
    howMany: `${total} record(s)${quarantined > 0 && quarantined < total ? `, of which ${quarantined} quarantined` : ""}, ${groups.length} distinct reason(s).`,
    why,
    nextStep: [DEFAULT_NEXT_STEP, ...hints].join("\n  "),
  });
}

function groupLine(group: FailureGroup): string {
  const keys = group.sampleKeys.join(", ");
  const more = group.count > group.sampleKeys.length ? ", …" : "";
  return `${group.count} × ${group.code}${group.outcome === "quarantined" ? " (quarantined)" : ""}: ${group.reason} [${keys}${more}]`;
}
