/**
 * Side process: the product's pipeline through the local runtime (the same handlers and use cases
 * as Lambda), a first sync and then a re-run with nothing changed, each one measured phase.
 */
import { z } from "zod";
import { runLocalCycle } from "../cli/local/run-local-cycle";
import type { RunReport } from "../cli/local/run-report";
import { parseJorttCredentials, parseSalesforceCredentials } from "../shared/config/credentials-schema";
import { parseSettings } from "../shared/config/parse-settings";
import { runSideChild } from "./side-child";

export const ProductJobSchema = z.object({
  /** Credentials in the configuration contract's names (ARCHITECTURE.md). */
  jortt: z.record(z.string(), z.string()),
  salesforce: z.record(z.string(), z.string()),
  aws: z.object({ region: z.string(), sqs: z.string(), sns: z.string(), dynamodb: z.string() }),
  dataDir: z.string(),
});
export type ProductJob = z.infer<typeof ProductJobSchema>;

export const FIRST_SYNC_PHASE = "first-sync";
export const STEADY_STATE_PHASE = "steady-state";

const MAX_FAILURES_SHOWN = 5;

/** What the benchmark keeps of a run report: outcome counts and the product's own counters. */
export function summarizeRunReport(report: RunReport) {
  return {
    exitCode: report.exitCode,
    durationMs: report.durationMs,
    fetch: report.fetch,
    totals: report.totals,
    records: report.records,
    salesforceApiCalls: report.salesforceApiCalls,
    jorttRequests: report.jorttRequests,
    sync: report.sync,
    warnings: report.warnings.length,
    failures: report.failures.length,
    firstFailures: report.failures.slice(0, MAX_FAILURES_SHOWN).map(({ key, code, reason }) => ({ key, code, reason })),
    ...(report.stop ? { stop: report.stop } : {}),
    ...(report.fatal ? { fatal: report.fatal } : {}),
  };
}
export type RunSummary = ReturnType<typeof summarizeRunReport>;

if (require.main === module) {
  runSideChild(async (rawJob, phase) => {
    const job = ProductJobSchema.parse(rawJob);
    const cycle = () =>
      runLocalCycle({
        endpoints: job.aws,
        jortt: parseJorttCredentials(job.jortt, "the benchmark's Jortt sandbox"),
        salesforce: parseSalesforceCredentials(job.salesforce, "the benchmark's Salesforce sandbox"),
        // The defaults: what a user gets without a settings file.
        settings: parseSettings({}),
        dataDir: job.dataDir,
        sandbox: { jortt: true, salesforce: true },
      });
    await phase(FIRST_SYNC_PHASE, cycle, summarizeRunReport);
    await phase(STEADY_STATE_PHASE, cycle, summarizeRunReport);
  });
}
