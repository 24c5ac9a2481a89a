import type { JorttDemoData } from "../../../sim/jortt";
import { uniqueName, useAwsEmulators } from "../../support/aws-emulators";
import { type PipelineSandboxes, startPipelineSandboxes } from "../../support/pipeline-sandboxes";
import { salesforceMirrorProblems } from "../../support/salesforce-mirror";

useAwsEmulators();

let sandboxes: PipelineSandboxes;

beforeAll(async () => {
  sandboxes = await startPipelineSandboxes({ seed: 31, customers: 10, invoices: 24 });
});

afterAll(async () => {
  await sandboxes.close();
});

beforeEach(() => {
  sandboxes.salesforce.reset();
});

describe("records that cannot sync now: report, exit code, next run", () => {
  it("a Salesforce rate limit stops the run with the rest still queued (exit 2); the next run finishes", async () => {
    const resourcePrefix = uniqueName("limit");
    sandboxes.salesforce.setFaults({ requestLimit: { next: 1, kinds: ["upsert", "composite", "create"] } });

    const stopped = await sandboxes.runCycle({ resourcePrefix, settings: { sync: { batchSize: 10 } } });

    expect(stopped.stop).toMatchObject({ reason: "rate-limit", code: "REQUEST_LIMIT_EXCEEDED" });
    expect(stopped.exitCode).toBe(2);
    expect(stopped.totals.pending).toBeGreaterThan(0);
    expect(stopped.totals["dead-lettered"]).toBe(0);

    sandboxes.salesforce.clearFaults();
    const resumed = await sandboxes.runCycle({ resourcePrefix, settings: { sync: { batchSize: 10 } } });

    expect(resumed.exitCode).toBe(0);
    expect(salesforceMirrorProblems(sandboxes.salesforce, sandboxes.data)).toEqual([]);
  });

  it("a record Salesforce cannot take is dead-lettered with its reason, the rest syncs, exit code 3", async () => {
    const bad = sandboxes.data.customers[0];
    if (!bad) throw new Error("demo data has no customers");
    sandboxes.jortt.store.putCustomer({ ...bad, customer_name: "" });
    try {
      const report = await sandboxes.runCycle({ resourcePrefix: uniqueName("poison") });

      expect(report.exitCode).toBe(3);
      const failure = report.failures.find((entry) => entry.key === `customer:${bad.id}`);
      expect(failure).toMatchObject({ outcome: "dead-lettered", code: expect.any(String), reason: expect.any(String) });
      expect(failure?.reason).not.toBe("");
      expect(report.alerts.map((alert) => alert.incident)).toContain("dead-letters");
      expect(salesforceMirrorProblems(sandboxes.salesforce, withoutCustomer(sandboxes.data, bad.id))).toEqual([]);
    } finally {
      sandboxes.jortt.store.putCustomer(bad);
    }
  });
});

/** The demo data minus one customer and the invoices that depend on it. */
function withoutCustomer(data: JorttDemoData, customerId: string): JorttDemoData {
  return {
    customers: data.customers.filter((customer) => customer.id !== customerId),
    invoices: data.invoices.filter((invoice) => invoice.customer_id !== customerId),
  };
}
