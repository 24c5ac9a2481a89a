import { OncePerWindowNotifier } from "../../../shared/composition/once-per-window-notifier";
import type { Alert, Notifier } from "../../../shared/ports/notifier";
import { groupFailures, type RecordFailure } from "../../../shared/use-cases/alerts/failure-groups";
import { formatAlertText } from "../../../shared/use-cases/alerts/incident-alert";
import { alertsForFetch, alertsForSyncBatch } from "../../../shared/use-cases/alerts/pipeline-step-alerts";
import { recordFailureAlert } from "../../../shared/use-cases/alerts/record-failure-alert";
import { runStopAlert } from "../../../shared/use-cases/alerts/run-stop-alert";
import type { FetchSummary } from "../../../shared/use-cases/fetch-changes";
import type { SyncBatchResult } from "../../../shared/use-cases/sync-records";
import { InMemoryStateStore } from "../../support/fakes/in-memory-state-store";

class RecordingNotifier implements Notifier {
  readonly sent: Alert[] = [];
  async notify(alert: Alert): Promise<void> {
    this.sent.push(alert);
  }
}

function failure(index: number, code: string, outcome: RecordFailure["outcome"] = "dead-lettered"): RecordFailure {
  return { key: `invoice:${index}`, outcome, code, reason: `${code} reason`, hint: `${code} hint` };
}

function batchResult(results: SyncBatchResult["results"], stop?: SyncBatchResult["stop"]): SyncBatchResult {
  const counts = { synced: 0, skipped: 0, quarantined: 0, "dead-lettered": 0, retry: 0 };
  for (const result of results) counts[result.outcome] += 1;
  return { results, counts, salesforceApiCalls: 3, warnings: [], ...(stop ? { stop } : {}) };
}

describe("groupFailures", () => {
  it("groups by outcome and code, largest first, counting a key once", () => {
    const failures = [
      ...Array.from({ length: 5 }, (_, i) => failure(i, "REQUIRED_FIELD_MISSING")),
      failure(0, "REQUIRED_FIELD_MISSING"),
      failure(10, "AMBIGUOUS_EMAIL_MATCH", "quarantined"),
      failure(11, "AMBIGUOUS_EMAIL_MATCH", "quarantined"),
    ];
    const groups = groupFailures(failures);
    expect(groups.map((group) => [group.code, group.outcome, group.count])).toEqual([
      ["REQUIRED_FIELD_MISSING", "dead-lettered", 5],
      ["AMBIGUOUS_EMAIL_MATCH", "quarantined", 2],
    ]);
    expect(groups[0]?.sampleKeys).toEqual(["invoice:0", "invoice:1", "invoice:2"]);
    expect(groups[0]?.hint).toBe("REQUIRED_FIELD_MISSING hint");
  });
});

describe("recordFailureAlert", () => {
  it("says what failed, how many, why (per code) and the next step, in one alert for 40 records", () => {
    const failures = [
      ...Array.from({ length: 30 }, (_, i) => failure(i, "mapping.invalid-record")),
      ...Array.from({ length: 10 }, (_, i) => failure(100 + i, "FIELD_CUSTOM_VALIDATION_EXCEPTION")),
    ];
    const alert = recordFailureAlert(failures, { step: "sync", runId: "run-7" });
    expect(alert).toBeDefined();
    expect(alert?.incident).toBe("dead-letters");
    expect(alert?.severity).toBe("warning");
    expect(alert?.subject).toContain("40 record(s)");
    const body = alert?.body ?? "";
    expect(body).toMatch(/^What failed: .*run-7/m);
    expect(body).toMatch(/^How many: 40 record\(s\), 2 distinct reason/m);
    expect(body).toContain(
      "- 30 × mapping.invalid-record: mapping.invalid-record reason [invoice:0, invoice:1, invoice:2, …]",
    );
    expect(body).toContain("- 10 × FIELD_CUSTOM_VALIDATION_EXCEPTION");
    expect(body).toMatch(/^Next step: .*jortt-sf replay/m);
    expect(body).toContain("FIELD_CUSTOM_VALIDATION_EXCEPTION: FIELD_CUSTOM_VALIDATION_EXCEPTION hint");
  });

  it("raises nothing when nothing failed", () => {
    expect(recordFailureAlert([], { step: "sync" })).toBeUndefined();
  });

  it("sums up codes beyond the sixth in one line", () => {
    const failures = Array.from({ length: 9 }, (_, i) => failure(i, `CODE_${i}`));
    const body = recordFailureAlert(failures, { step: "run" })?.body ?? "";
    expect(body).toContain("3 more record(s) with 3 other code(s)");
  });
});

describe("runStopAlert", () => {
  it("rate limit: a warning with its own incident, the code's next step when the error has no hint", () => {
    const alert = runStopAlert(
      { reason: "rate-limit", code: "REQUEST_LIMIT_EXCEEDED", message: "TotalRequests Limit exceeded." },
      { step: "sync", pending: 12 },
    );
    expect(alert.incident).toBe("rate-limit:REQUEST_LIMIT_EXCEEDED");
    expect(alert.severity).toBe("warning");
    expect(alert.body).toContain("How many: 12 record(s) not yet processed; they stay queued");
    expect(alert.body).toMatch(/Next step: .*next scheduled run resumes/);
  });

  it("configuration: critical, names the field and uses the error's hint", () => {
    const alert = runStopAlert(
      {
        reason: "configuration",
        code: "INVALID_FIELD",
        message: "No such column Jortt_Paid__c on Order",
        field: "Order.Jortt_Paid__c",
        hint: "Deploy the salesforce/ metadata.",
      },
      { step: "sync" },
    );
    expect(alert).toMatchObject({ incident: "configuration:INVALID_FIELD", severity: "critical" });
    expect(alert.body).toContain("Why: No such column Jortt_Paid__c on Order (setting/field: Order.Jortt_Paid__c)");
    expect(alert.body).toContain("Next step: Deploy the salesforce/ metadata.");
  });

  it("budget: says records stay queued", () => {
    const alert = runStopAlert(
      { reason: "budget", code: "API_BUDGET_REACHED", message: "usage 5000/10000 reached 50%" },
      { step: "sync" },
    );
    expect(alert.incident).toBe("budget:API_BUDGET_REACHED");
    expect(alert.body).toContain("stay queued");
  });
});

describe("alerts of a pipeline step", () => {
  it("a sync batch that stopped and dead-lettered raises two alerts, one per incident", () => {
    const result = batchResult(
      [
        {
          messageId: "1",
          key: "invoice:1",
          outcome: "dead-lettered",
          code: "STRING_TOO_LONG",
          reason: "Name too long",
        },
        {
          messageId: "2",
          key: "invoice:2",
          outcome: "quarantined",
          code: "AMBIGUOUS_EMAIL_MATCH",
          reason: "2 matches",
        },
        { messageId: "3", key: "invoice:3", outcome: "retry", code: "REQUEST_LIMIT_EXCEEDED", reason: "limit" },
        { messageId: "4", key: "invoice:4", outcome: "synced" },
      ],
      { reason: "rate-limit", code: "REQUEST_LIMIT_EXCEEDED", message: "limit" },
    );
    const alerts = alertsForSyncBatch(result, { runId: "r1" });
    expect(alerts.map((alert) => alert.incident)).toEqual(["rate-limit:REQUEST_LIMIT_EXCEEDED", "dead-letters"]);
    expect(alerts[1]?.body).toContain("How many: 2 record(s), of which 1 quarantined");
  });

  it("a clean batch raises none", () => {
    expect(alertsForSyncBatch(batchResult([{ messageId: "1", key: "customer:1", outcome: "synced" }]))).toEqual([]);
  });

  it("a fetch stopped by Jortt's rate limit raises a rate-limit alert", () => {
    const summary = {
      runId: "f1",
      status: "stopped",
      counts: { invalid: 0, enqueued: 3 },
      error: { code: "request.throttled", errorClass: "rate-limit", message: "Jortt throttled the scan" },
    } as unknown as FetchSummary;
    expect(alertsForFetch(summary).map((alert) => alert.incident)).toEqual(["rate-limit:request.throttled"]);
  });
});

describe("rate limiting: one SNS message per incident, not per record or batch", () => {
  it("50 failing records over 5 batches and a repeated stop send 2 messages in the window", async () => {
    const inner = new RecordingNotifier();
    const notifier = new OncePerWindowNotifier(inner, new InMemoryStateStore());
    for (let batch = 0; batch < 5; batch += 1) {
      const results = Array.from({ length: 10 }, (_, i) => ({
        messageId: `${batch}-${i}`,
        key: `invoice:${batch}-${i}`,
        outcome: "dead-lettered" as const,
        code: "REQUIRED_FIELD_MISSING",
        reason: "LastName is required",
      }));
      const stop = { reason: "rate-limit" as const, code: "REQUEST_LIMIT_EXCEEDED", message: "limit" };
      for (const alert of alertsForSyncBatch(batchResult(results, stop))) await notifier.notify(alert);
    }
    expect(inner.sent.map((alert) => alert.incident)).toEqual(["rate-limit:REQUEST_LIMIT_EXCEEDED", "dead-letters"]);
  });

  it("prints the same text SNS carries", () => {
    const alert = runStopAlert({ reason: "budget", code: "API_BUDGET_REACHED", message: "m" }, { step: "sync" });
    const text = formatAlertText(alert);
    expect(text.split("\n")[0]).toBe(`ALERT [warning] ${alert.subject}`);
    expect(text).toContain(alert.body.split("\n")[0] as string);
  });
});
