import type { RunReport } from "../../cli/local/run-report";
import { uniqueName, useAwsEmulators } from "../support/aws-emulators";
import { type PipelineSandboxes, startPipelineSandboxes } from "../support/pipeline-sandboxes";
import { salesforceMirrorProblems } from "../support/salesforce-mirror";
import { reportFigures } from "./support/reliability-figures";

/**
 * ISSUE 6, items 1 and 5: on REQUEST_LIMIT_EXCEEDED, or when the configured share of the org's
 * daily API allocation is used (the budget governor reads `Sforce-Limit-Info` from the responses),
 * the sync stops taking work, the messages stay queued, ONE alert goes out, and the next scheduled
 * run resumes and converges without duplicates.
 */
useAwsEmulators();

let sandboxes: PipelineSandboxes;
const figures: Record<string, unknown> = {};

beforeAll(async () => {
  sandboxes = await startPipelineSandboxes({ seed: 31, customers: 12, invoices: 30 });
});

afterAll(async () => {
  reportFigures("stop-and-resume", figures);
  await sandboxes?.close();
});

beforeEach(() => {
  sandboxes.salesforce.reset();
});

function incidents(report: RunReport): string[] {
  return report.alerts.map((alert) => alert.incident);
}

describe("stop taking work on a limit, alert once, resume on the next schedule", () => {
  it("REQUEST_LIMIT_EXCEEDED: the run stops with records still queued; the next run completes them", async () => {
    const prefix = uniqueName("limit");
    // Every write is refused, as when the org's 24-hour allocation is used up.
    sandboxes.salesforce.setFaults({ requestLimit: { next: 10_000, kinds: ["upsert", "composite", "create"] } });

    const stopped = await sandboxes.runCycle({ resourcePrefix: prefix, settings: { sync: { batchSize: 10 } } });
    const refused = sandboxes.salesforce.faultsFired().requestLimit ?? 0;
    sandboxes.salesforce.clearFaults();

    expect(stopped.stop).toMatchObject({ reason: "rate-limit", code: "REQUEST_LIMIT_EXCEEDED" });
    expect(stopped.exitCode).toBe(2);
    expect(stopped.totals.pending).toBeGreaterThan(0);
    expect(stopped.totals["dead-lettered"]).toBe(0);
    // Stopped after the first refused batch instead of hammering the API with every batch.
    expect(stopped.sync.invocations).toBe(1);
    expect(refused).toBeLessThanOrEqual(2);
    expect(incidents(stopped)).toEqual(["rate-limit:REQUEST_LIMIT_EXCEEDED"]);
    expect(stopped.alerts[0]?.body).toMatch(/^How many: \d+ record\(s\) not yet processed; they stay queued/m);

    const resumed = await sandboxes.runCycle({ resourcePrefix: prefix, settings: { sync: { batchSize: 10 } } });
    expect(resumed.exitCode).toBe(0);
    expect(resumed.alerts).toEqual([]);
    expect(salesforceMirrorProblems(sandboxes.salesforce, sandboxes.data)).toEqual([]);
    figures.requestLimit = {
      refusedCalls: refused,
      pendingAfterStop: stopped.totals.pending,
      alerts: incidents(stopped),
      syncedOnResume: resumed.totals.synced,
      skippedOnResume: resumed.totals.skipped,
    };
  });

  it("API budget share reached mid-run: stops before exceeding it, one alert, resumes when usage drops", async () => {
    const prefix = uniqueName("budget");
    const limit = 1000;
    const share = 0.5;
    const startUsage = limit * share - 6; // six calls left in this sync's share
    sandboxes.salesforce.setDailyApiLimit(limit, startUsage);
    const settings = { sync: { batchSize: 8 }, salesforce: { apiBudgetShare: share } };

    const paused = await sandboxes.runCycle({ resourcePrefix: prefix, settings });
    const usageAtStop = sandboxes.salesforce.apiCalls().total;

    expect(paused.stop).toMatchObject({ reason: "budget", code: "API_BUDGET_REACHED" });
    expect(paused.exitCode).toBe(2);
    expect(paused.totals.pending).toBeGreaterThan(0);
    // The governor checks the usage Salesforce reported before each call: it may finish the call in
    // flight, never more.
    expect(usageAtStop).toBeLessThanOrEqual(limit * share + 1);
    expect(incidents(paused)).toEqual(["budget:API_BUDGET_REACHED"]);

    // A rolling 24-hour allocation: later, usage is low again and the next run resumes.
    sandboxes.salesforce.setDailyApiLimit(limit, 100);
    const resumed = await sandboxes.runCycle({ resourcePrefix: prefix, settings });
    expect(resumed.stop).toBeUndefined();
    expect(resumed.exitCode).toBe(0);
    expect(salesforceMirrorProblems(sandboxes.salesforce, sandboxes.data)).toEqual([]);
    figures.budget = {
      limit,
      share,
      usageBefore: startUsage,
      usageAtStop,
      pendingAfterStop: paused.totals.pending,
      alerts: incidents(paused),
      syncedOnResume: resumed.totals.synced,
    };
  });
});
