import { parseRecordKey, type RecordKind } from "../../shared/domain/record-key";
import type { Alert } from "../../shared/ports/notifier";
import type { FetchSummary } from "../../shared/use-cases/fetch-changes";
import type { MessageResult, SyncBatchResult, SyncStop } from "../../shared/use-cases/sync-records";

/** Where a record ended up in this run; `pending` = still queued (the run stopped early). */
export type RecordFinalOutcome = "synced" | "skipped" | "dead-lettered" | "quarantined" | "pending";
export const FINAL_OUTCOMES: readonly RecordFinalOutcome[] = [
  "synced",
  "skipped",
  "dead-lettered",
  "quarantined",
  "pending",
];
export const RECORD_KINDS: readonly RecordKind[] = ["customer", "invoice", "order"];

export interface RecordFailure {
  key: string;
  outcome: "dead-lettered" | "quarantined";
  code: string;
  reason: string;
  hint?: string;
}

/**
 * The JSON run report (`--report FILE`) and the source of the terminal summary. Exit codes: 0 every
 * record synced or skipped; 3 some dead-lettered or quarantined; 2 the run stopped early (rate limit
 * or API budget: the rest stays queued for the next run); 1 fatal (configuration, authentication).
 */
export interface RunReport {
  runId: string;
  startedAt: string;
  finishedAt: string;
  durationMs: number;
  exitCode: 0 | 1 | 2 | 3;
  sandbox: { jortt: boolean; salesforce: boolean };
  fetch: Pick<FetchSummary, "status" | "counts" | "error" | "orders"> | null;
  /** Per record kind and outcome (records the sync saw, plus records fetch dead-lettered). */
  records: Record<RecordKind, Record<RecordFinalOutcome, number>>;
  totals: Record<RecordFinalOutcome, number>;
  salesforceApiCalls: number;
  jorttRequests: number;
  sync: { invocations: number; deliveries: number; failedDeliveries: number };
  failures: RecordFailure[];
  warnings: { key: string; message: string }[];
  alerts: Alert[];
  stop?: SyncStop;
  fatal?: { code: string; message: string; hint?: string };
}

/** Collects what one local cycle saw, batch by batch, into a RunReport. */
export class RunReportBuilder {
  private readonly started = new Date();
  private readonly outcomes = new Map<string, { outcome: RecordFinalOutcome; result?: MessageResult }>();
  private fetchSummary: FetchSummary | undefined;
  /** The reverse flow's pushes talk to Jortt from the sync side. */
  private syncJorttRequests = 0;
  private salesforceApiCalls = 0;
  private readonly warnings: { key: string; message: string }[] = [];
  private readonly deadLetters: RecordFailure[] = [];
  private readonly alerts: Alert[] = [];
  private stop: SyncStop | undefined;
  private fatal: RunReport["fatal"];
  private drain = { invocations: 0, deliveries: 0, failedDeliveries: 0 };

  constructor(private readonly sandbox: RunReport["sandbox"]) {}

  addFetch(summary: FetchSummary): void {
    this.fetchSummary = summary;
    this.salesforceApiCalls += summary.counts.salesforceApiCalls;
  }

  /** Records that reached a final outcome for the first time in this batch (for progress). */
  addSyncBatch(result: SyncBatchResult): number {
    let finished = 0;
    for (const entry of result.results) {
      const key = entry.key ?? `message:${entry.messageId}`;
      const previous = this.outcomes.get(key);
      if (entry.outcome === "retry") {
        if (!previous) this.outcomes.set(key, { outcome: "pending", result: entry });
        continue;
      }
      // A later duplicate that is skipped must not hide the outcome of the delivery that did the work.
      if (previous && previous.outcome !== "pending" && entry.outcome === "skipped") continue;
      if (!previous || previous.outcome === "pending") finished += 1;
      this.outcomes.set(key, { outcome: entry.outcome, result: entry });
    }
    this.salesforceApiCalls += result.salesforceApiCalls;
    this.syncJorttRequests += result.jorttRequests ?? 0;
    this.warnings.push(...result.warnings);
    if (result.stop) this.stop = result.stop;
    return finished;
  }

  /** Dead letters found in the DLQ after the drain (fetch-invalid records, redrive after maxReceiveCount). */
  addDeadLetter(failure: RecordFailure): void {
    const known = this.outcomes.get(failure.key);
    if (known && (known.outcome === "dead-lettered" || known.outcome === "quarantined")) return;
    this.outcomes.set(failure.key, { outcome: failure.outcome });
    this.deadLetters.push(failure);
  }

  addDrain(drain: { invocations: number; deliveries: number; failedDeliveries: number }): void {
    this.drain = {
      invocations: this.drain.invocations + drain.invocations,
      deliveries: this.drain.deliveries + drain.deliveries,
      failedDeliveries: this.drain.failedDeliveries + drain.failedDeliveries,
    };
  }

  addAlerts(alerts: readonly Alert[]): void {
    this.alerts.push(...alerts);
  }

  setFatal(fatal: NonNullable<RunReport["fatal"]>): void {
    this.fatal = fatal;
  }

  get stopped(): SyncStop | undefined {
    return this.stop;
  }

  build(): RunReport {
    const finished = new Date();
    const records = Object.fromEntries(RECORD_KINDS.map((kind) => [kind, zeroOutcomes()])) as RunReport["records"];
    const totals = zeroOutcomes();
    const failures: RecordFailure[] = [];
    for (const [key, { outcome, result }] of this.outcomes) {
      const kind = parseRecordKey(key)?.kind;
      if (kind) records[kind][outcome] += 1;
      totals[outcome] += 1;
      if ((outcome === "dead-lettered" || outcome === "quarantined") && result) {
        failures.push({ key, outcome, code: result.code ?? "unknown", reason: result.reason ?? "" });
      }
    }
    failures.push(...this.deadLetters);
    const summary = this.fetchSummary;
    const report: RunReport = {
      runId: summary?.runId ?? "none",
      startedAt: this.started.toISOString(),
      finishedAt: finished.toISOString(),
      durationMs: finished.getTime() - this.started.getTime(),
      exitCode: 0,
      sandbox: this.sandbox,
      fetch: summary
        ? {
            status: summary.status,
            counts: summary.counts,
            error: summary.error,
            ...(summary.orders ? { orders: summary.orders } : {}),
          }
        : null,
      records,
      totals,
      salesforceApiCalls: this.salesforceApiCalls,
      jorttRequests: (summary?.counts.jorttRequests ?? 0) + this.syncJorttRequests,
      sync: this.drain,
      failures: failures.sort((a, b) => a.key.localeCompare(b.key)),
      warnings: this.warnings,
      alerts: this.alerts,
      ...(this.stop ? { stop: this.stop } : {}),
      ...(this.fatal ? { fatal: this.fatal } : {}),
    };
    report.exitCode = exitCodeOf(report);
    return report;
  }
}

function zeroOutcomes(): Record<RecordFinalOutcome, number> {
  return { synced: 0, skipped: 0, "dead-lettered": 0, quarantined: 0, pending: 0 };
}

function exitCodeOf(report: RunReport): RunReport["exitCode"] {
  if (report.fatal) return 1;
  if (report.totals["dead-lettered"] + report.totals.quarantined > 0) return 3;
  if (report.stop || report.totals.pending > 0 || report.fetch?.status === "stopped") return 2;
  return 0;
}
