import Table from "cli-table3";
import { sizeLabel } from "./bench-datasets";
import type { BenchReport } from "./bench-report";
import type { PhaseMeasurement } from "./phase-measurement";

/** Prints the benchmark report as three tables: runs, ratios, design targets. */
const MB = 1024 * 1024;

const integer = (value: number) => Math.round(value).toLocaleString("en-US");
const seconds = (ms: number) => (ms >= 600_000 ? `${(ms / 60_000).toFixed(1)} min` : `${(ms / 1000).toFixed(1)} s`);
const perInvoice = (value: number) => (value >= 10 ? value.toFixed(1) : value.toFixed(3));
const times = (value: number | null) => (value === null ? "—" : `${value >= 100 ? integer(value) : value.toFixed(1)}×`);

function runName(m: PhaseMeasurement): string {
  const set = sizeLabel(m.datasetSize);
  if (m.side === "baseline") return "baseline (naive), measured";
  return m.phase === "first-sync" ? `product, first sync, ${set}` : `product, re-run unchanged, ${set}`;
}

function endState(m: PhaseMeasurement): string {
  if (!m.endState) return "—";
  if (m.endState.ok)
    return `correct (${integer(m.endState.found.orders)} orders, ${integer(m.endState.found.orderItems)} items)`;
  return `WRONG: ${m.endState.mismatches} mismatches`;
}

function jorttCell(requests: number, pages?: number): string {
  return pages === undefined ? integer(requests) : `${integer(requests)} (${integer(pages)} pages)`;
}

function runsTable(report: BenchReport): string {
  const table = new Table({
    head: [
      "run",
      "measured on",
      "invoices",
      "SF API calls",
      "SF calls per invoice",
      "Jortt requests",
      "wall time",
      "records/s",
      "peak RSS",
      "end state",
    ],
    colWidths: [28, 36, 10, 10, 10, 15, 10, 11, 11, 22],
    wordWrap: true,
  });
  const ordered = [...report.measurements].sort((a, b) =>
    a.side === b.side ? a.datasetSize - b.datasetSize || a.phase.localeCompare(b.phase) : a.side === "product" ? -1 : 1,
  );
  for (const m of ordered) {
    table.push([
      runName(m),
      m.measuredOn,
      integer(m.invoices),
      integer(m.salesforce.total),
      perInvoice(m.salesforceCallsPerInvoice),
      jorttCell(m.jortt.requests, m.jortt.listPages),
      seconds(m.wallMs),
      m.recordsPerSecond.toFixed(1),
      `${(m.peakRss.processMaxRssBytes / MB).toFixed(0)} MB (start ${(m.peakRss.startBytes / MB).toFixed(0)})`,
      endState(m),
    ]);
  }
  const baseline = report.measurements.find((m) => m.side === "baseline");
  for (const e of report.baselineExtrapolated) {
    table.push([
      `baseline, extrapolated to ${sizeLabel(e.datasetSize)}`,
      `not run: ${e.basis}`,
      integer(e.invoices),
      `≈ ${integer(e.salesforceCalls)}`,
      baseline ? perInvoice(baseline.salesforceCallsPerInvoice) : "—",
      `≈ ${integer(e.jorttRequests)}`,
      `≈ ${seconds(e.wallMs)}`,
      baseline ? baseline.recordsPerSecond.toFixed(1) : "—",
      "—",
      "—",
    ]);
  }
  return table.toString();
}

function ratiosTable(report: BenchReport): string {
  const table = new Table({
    head: ["ratio (baseline figures from its sample)", ...report.ratios.map((r) => `${sizeLabel(r.datasetSize)} set`)],
  });
  const row = (name: string, pick: (r: BenchReport["ratios"][number]) => number | null) =>
    table.push([name, ...report.ratios.map((r) => times(pick(r)))]);
  row("Salesforce calls per invoice: baseline ÷ product", (r) => r.salesforceCallsPerInvoice);
  row("records/s: product ÷ baseline", (r) => r.recordsPerSecond);
  row("Jortt requests: baseline (extrapolated) ÷ product", (r) => r.jorttRequests);
  return table.toString();
}

function targetsTable(report: BenchReport): string {
  const table = new Table({
    head: ["design target", "target", "reached", "met", "measured on"],
    colWidths: [36, 9, 40, 6, 60],
    wordWrap: true,
  });
  for (const t of report.targets)
    table.push([t.name, t.target, t.reached, t.met === null ? "—" : t.met ? "yes" : "NO", t.basis]);
  return table.toString();
}

function baselineSteps(report: BenchReport): string | undefined {
  const baseline = report.measurements.find((m) => m.side === "baseline");
  const detail = baseline?.detail as { salesforceCallsByStep?: Record<string, number> } | undefined;
  if (!baseline || !detail?.salesforceCallsByStep) return undefined;
  const steps = Object.entries(detail.salesforceCallsByStep)
    .map(([step, count]) => `${step} ${(count / baseline.invoices).toFixed(2)}`)
    .join(", ");
  return `baseline Salesforce calls per invoice by step: ${steps}`;
}

export function printBenchReport(report: BenchReport): void {
  const { options } = report;
  console.log(
    `\nSalesforce latency ${options.latencyMs} ms/call · Jortt ${options.jorttRequestsPerSecond} req/s · seed ${options.seed} · ` +
      `${report.environment.cpus} CPUs, Node ${report.environment.node} · total ${seconds(report.totalWallMs)}`,
  );
  console.log(runsTable(report));
  const steps = baselineSteps(report);
  if (steps) console.log(steps);
  if (report.ratios.some((r) => r.recordsPerSecond !== null)) console.log(ratiosTable(report));
  console.log(targetsTable(report));
  for (const m of report.measurements) {
    if (m.endState && !m.endState.ok) {
      console.log(
        `\n${runName(m)}: end state differs from the expected mapping (first ${m.endState.examples.length}):`,
      );
      for (const example of m.endState.examples) console.log(`  - ${example}`);
    }
  }
}
