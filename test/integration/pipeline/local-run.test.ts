import { readFileSync } from "node:fs";
import { join } from "node:path";
import { sandboxJorttCredentials } from "../../../cli/local/local-systems";
import { LOG_FILE_NAME } from "../../../cli/local/run-local-cycle";
import { uniqueName, useAwsEmulators } from "../../support/aws-emulators";
import { type PipelineSandboxes, startPipelineSandboxes } from "../../support/pipeline-sandboxes";
import { salesforceMirrorProblems } from "../../support/salesforce-mirror";

useAwsEmulators();

let sandboxes: PipelineSandboxes;

beforeAll(async () => {
  sandboxes = await startPipelineSandboxes({ seed: 11, customers: 12, invoices: 30 });
});

afterAll(async () => {
  await sandboxes.close();
});

describe("a local run (npm start's runtime: real handlers, SQS/SNS/DynamoDB emulators, sandboxes)", () => {
  it("syncs the seeded demo data: every customer, invoice and line exactly once, money exact", async () => {
    const sent = sandboxes.data.invoices.filter((invoice) => invoice.invoice_status === "sent");

    const report = await sandboxes.runCycle({ settings: { sync: { batchSize: 10 } } });

    expect(salesforceMirrorProblems(sandboxes.salesforce, sandboxes.data)).toEqual([]);
    expect(report.exitCode).toBe(0);
    expect(report.records.customer).toMatchObject({ synced: sandboxes.data.customers.length, "dead-lettered": 0 });
    expect(report.records.invoice).toMatchObject({ synced: sent.length, "dead-lettered": 0 });
    expect(report.failures).toEqual([]);
    expect(report.alerts).toEqual([]);
    expect(report.sync.invocations).toBeGreaterThanOrEqual(
      Math.ceil((sandboxes.data.customers.length + sent.length) / 10),
    );
    expect(report.salesforceApiCalls).toBe(sandboxes.salesforce.apiCalls().total);
    expect(report.jorttRequests).toBe(sandboxes.jortt.stats().total);
    const log = readFileSync(join(sandboxes.dataDir, LOG_FILE_NAME), "utf8");
    expect(log).toContain('"RecordsSynced"');
    expect(log).toContain(report.runId);
  });

  it("a second run makes 0 Salesforce write calls and queues nothing", async () => {
    sandboxes.salesforce.resetApiCalls();

    const report = await sandboxes.runCycle({ settings: { sync: { batchSize: 10 } } });

    expect(sandboxes.salesforce.apiCalls().writes).toBe(0);
    expect(report.fetch?.counts.enqueued).toBe(0);
    expect(report.exitCode).toBe(0);
    expect(salesforceMirrorProblems(sandboxes.salesforce, sandboxes.data)).toEqual([]);
  });

  it("stops on a configuration error before any record moves, with one alert and exit code 1", async () => {
    sandboxes.salesforce.resetApiCalls();
    const wrongSecret = { ...sandboxJorttCredentials(sandboxes.jortt), JORTT_CLIENT_SECRET: "not-the-secret" };

    const report = await sandboxes.runCycle({ jortt: wrongSecret, resourcePrefix: uniqueName("config") });

    expect(report.exitCode).toBe(1);
    expect(report.fatal?.code).toBeTruthy();
    expect(report.alerts).toHaveLength(1);
    expect(report.alerts[0]).toMatchObject({
      severity: "critical",
      incident: expect.stringMatching(/^configuration:/),
    });
    expect(report.fetch?.counts.enqueued).toBe(0);
    expect(sandboxes.salesforce.apiCalls().writes).toBe(0);
  });
});
