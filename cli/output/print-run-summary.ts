import Table from "cli-table3";
import { FINAL_OUTCOMES, RECORD_KINDS, type RunReport } from "../local/run-report";

const MAX_FAILURES_SHOWN = 20;

/** The terminal summary of one cycle: outcomes per kind, totals, failures with reasons, alerts. */
export function formatRunSummary(
  report: RunReport,
  paths: { logFile: string; reportFile?: string },
  options: { color?: boolean } = {},
): string {
  const lines: string[] = [];
  // cli-table3 colours borders and headers with ANSI codes; pipes and files get plain text.
  const style = options.color ? {} : { style: { head: [], border: [] } };
  const outcomes = new Table({
    head: ["records", ...FINAL_OUTCOMES],
    colAligns: ["left", ...FINAL_OUTCOMES.map(() => "right" as const)],
    ...style,
  });
  for (const kind of RECORD_KINDS) {
    const row = report.records[kind];
    if (FINAL_OUTCOMES.every((outcome) => row[outcome] === 0)) continue;
    outcomes.push([`${kind}s`, ...FINAL_OUTCOMES.map((outcome) => row[outcome])]);
  }
  outcomes.push(["total", ...FINAL_OUTCOMES.map((outcome) => report.totals[outcome])]);
  lines.push(outcomes.toString());

  const facts = new Table(style);
  if (report.fetch) {
    facts.push(
      {
        "Scanned in Jortt": `${report.fetch.counts.customersScanned} customers, ${report.fetch.counts.invoicesScanned} invoices`,
      },
      { "Unchanged (not queued)": report.fetch.counts.unchanged },
    );
    const orders = report.fetch.orders;
    if (orders) {
      facts.push({
        "Orders to invoice (Salesforce)": `${orders.ordersSelected} selected, ${orders.ordersEnqueued} queued, ${orders.ordersUnchanged + orders.ordersAlreadyQueued} already handled`,
      });
    }
  }
  facts.push(
    { "Salesforce API calls": report.salesforceApiCalls },
    { "Jortt requests": report.jorttRequests },
    { Duration: `${(report.durationMs / 1000).toFixed(1)} s` },
    { "Log file": paths.logFile },
  );
  if (paths.reportFile) facts.push({ Report: paths.reportFile });
  lines.push(facts.toString());

  if (report.failures.length > 0) {
    const failures = new Table({
      head: ["record", "outcome", "code", "reason"],
      wordWrap: true,
      colWidths: [null, null, null, 60],
      ...style,
    });
    for (const failure of report.failures.slice(0, MAX_FAILURES_SHOWN)) {
      failures.push([
        failure.key,
        failure.outcome,
        failure.code,
        failure.hint ? `${failure.reason} (${failure.hint})` : failure.reason,
      ]);
    }
    lines.push(`Records that need attention (${report.failures.length}):`, failures.toString());
    if (report.failures.length > MAX_FAILURES_SHOWN) {
      lines.push(`… and ${report.failures.length - MAX_FAILURES_SHOWN} more (see --report).`);
    }
  }
  if (report.warnings.length > 0)
    lines.push(`${report.warnings.length} warning(s), e.g. text truncated to a field's length (see --report).`);
  for (const alert of report.alerts) {
    lines.push(`ALERT [${alert.severity}] ${alert.subject}`, ...alert.body.split("\n").map((line) => `  ${line}`));
  }
  if (report.stop) lines.push(`Stopped early (${report.stop.reason}: ${report.stop.code}): ${report.stop.message}`);
  if (report.fatal) {
    lines.push(`Error: ${report.fatal.message} [${report.fatal.code}]`);
    if (report.fatal.hint) lines.push(`Next step: ${report.fatal.hint}`);
  }
  return `${lines.join("\n")}\n`;
}
