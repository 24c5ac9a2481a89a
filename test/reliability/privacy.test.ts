import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { Logger } from "@aws-lambda-powertools/logger";
import { DynamoDBClient, ScanCommand } from "@aws-sdk/client-dynamodb";
import { unmarshall } from "@aws-sdk/util-dynamodb";
import { sandboxJorttCredentials, sandboxSalesforceCredentials } from "../../cli/local/local-systems";
import { LOG_FILE_NAME } from "../../cli/local/run-local-cycle";
import type { RunReport } from "../../cli/local/run-report";
import { LOCAL_DEAD_LETTER_FILE, LocalDeadLetterFile } from "../../cli/replay-local-dead-letters";
import { DynamoDbStateStore } from "../../shared/adapters/aws/dynamodb-state-store";
import { SqsSyncQueue } from "../../shared/adapters/aws/sqs-sync-queue";
import { replayDeadLetters } from "../../shared/use-cases/replay-dead-letters";
import { provisionPipelineResources } from "../../sim/aws/provision-pipeline-resources";
import type { JorttDemoData } from "../../sim/jortt";
import { connectWithClientCredentials } from "../integration/salesforce-sim/sandbox-connection";
import { uniqueName, useAwsEmulators } from "../support/aws-emulators";
import { type PipelineSandboxes, startPipelineSandboxes } from "../support/pipeline-sandboxes";
import { crashingSync } from "./support/fault-decorators";
import { reportFigures } from "./support/reliability-figures";
import { startTokenRecorder, type TokenRecorder } from "./support/token-recorder";

/**
 * ISSUE 6 (c): after a full local run — with transient faults, a token expiry, a crash, a
 * quarantined record, a second run and a replay — the logs, the state table (every item), the run
 * reports, the alerts and the dead letters' reasons contain no e-mail address, name or token of
 * the seeded data. (The dead letters' BODIES are the records themselves, as in SQS: they are the
 * DLQ, not logs or state, and are not scanned.)
 */
useAwsEmulators();

let sandboxes: PipelineSandboxes;
let jorttTokens: TokenRecorder;
let salesforceTokens: TokenRecorder;

beforeAll(async () => {
  sandboxes = await startPipelineSandboxes({ seed: 97, customers: 24, invoices: 48 });
  jorttTokens = await startTokenRecorder(new URL(sandboxes.jortt.tokenUrl).origin);
  salesforceTokens = await startTokenRecorder(new URL(sandboxes.salesforce.loginUrl).origin);
});

afterAll(async () => {
  await Promise.allSettled([jorttTokens?.close(), salesforceTokens?.close()]);
  await sandboxes?.close();
});

/** What must never appear: every e-mail address, name and secret of the seeded data, and every token issued. */
function secretsOf(data: JorttDemoData): Map<string, string> {
  const needles = new Map<string, string>();
  const add = (kind: string, value: unknown) => {
    if (typeof value === "string" && value.trim().length >= 4) needles.set(value.trim().toLowerCase(), kind);
  };
  for (const customer of data.customers) {
    add("customer e-mail", customer.email);
    for (const cc of customer.cc_emails ?? []) add("cc e-mail", cc);
    add("customer name", customer.customer_name);
    add("attn", customer.attn);
    if (customer.first_name && customer.last_name) add("person name", `${customer.first_name} ${customer.last_name}`);
    if ((customer.last_name ?? "").length >= 6) add("last name", customer.last_name);
    add("phone", customer.phonenumber);
    add("street", customer.address_street);
  }
  for (const invoice of data.invoices) {
    add("invoice mail-to", invoice.customer_mail_to);
    add("invoice company", invoice.customer_company_name);
    add("invoice attn", invoice.customer_attn);
  }
  const jortt = sandboxJorttCredentials(sandboxes.jortt);
  const salesforce = sandboxSalesforceCredentials(sandboxes.salesforce);
  add("Jortt client secret", jortt.JORTT_CLIENT_SECRET);
  add("Salesforce client secret", salesforce.SALESFORCE_CLIENT_SECRET);
  for (const token of jorttTokens.tokens) add("Jortt access token", token);
  for (const token of salesforceTokens.tokens) add("Salesforce access token", token);
  return needles;
}

function findLeaks(where: string, text: string, needles: ReadonlyMap<string, string>): string[] {
  const haystack = text.toLowerCase();
  const leaks: string[] = [];
  for (const [needle, kind] of needles) {
    if (haystack.includes(needle)) leaks.push(`${where}: a ${kind} (${needle.length} chars)`);
  }
  return leaks;
}

async function scanTable(tableName: string): Promise<Record<string, unknown>[]> {
  const client = new DynamoDBClient({});
  try {
    const items: Record<string, unknown>[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const output = await client.send(
        new ScanCommand({ TableName: tableName, ...(startKey ? { ExclusiveStartKey: startKey as never } : {}) }),
      );
      for (const item of output.Items ?? []) items.push(unmarshall(item));
      startKey = output.LastEvaluatedKey;
    } while (startKey);
    return items;
  } finally {
    client.destroy();
  }
}

describe("privacy: no personal data or token in logs, state, reports or alerts", () => {
  it("a full run with faults, a quarantine, a crash, a re-run and a replay leaks nothing", async () => {
    const prefix = uniqueName("privacy");
    const jortt = { ...sandboxJorttCredentials(sandboxes.jortt) };
    jortt.JORTT_TOKEN_URL = `${jorttTokens.url}${new URL(jortt.JORTT_TOKEN_URL).pathname}`;
    const salesforce = {
      ...sandboxSalesforceCredentials(sandboxes.salesforce),
      SALESFORCE_LOGIN_URL: salesforceTokens.url,
    };

    // An existing pair of Contacts sharing one customer's e-mail: that customer is quarantined.
    const shared = sandboxes.data.customers.find((customer) => customer.email && !customer.is_private);
    if (!shared?.email) throw new Error("demo data has no company customer with an e-mail");
    sandboxes.salesforce.insertRecords("Contact", [
      { LastName: "Duplicate A", Email: shared.email },
      { LastName: "Duplicate B", Email: shared.email },
    ]);
    sandboxes.salesforce.setFaults({
      seed: 3,
      lockRow: { next: 2, rate: 0.05, kinds: ["upsert"] },
      serverUnavailable: { next: 1 },
      sessionExpired: { next: 1, rate: 0.1 },
    });
    sandboxes.jortt.setFaults({ failNext: [{ status: 503 }, { status: 502, html: true }] });
    sandboxes.jortt.expireTokens();

    const reports: RunReport[] = [];
    const crash = crashingSync(1);
    reports.push(
      await sandboxes.runCycle({ resourcePrefix: prefix, jortt, salesforce, decorate: { sync: crash.decorate } }),
    );
    sandboxes.salesforce.clearFaults();
    sandboxes.jortt.setFaults({});
    // The operator resolves the duplicate, then replays; then the next scheduled run.
    const duplicates = sandboxes.salesforce.records("Contact").filter((contact) => contact.Email === shared.email);
    expect(duplicates).toHaveLength(2);
    const connection = await connectWithClientCredentials(sandboxes.salesforce);
    await connection.sobject("Contact").destroy(String(duplicates[1]?.Id));
    const resources = await provisionPipelineResources({ namePrefix: prefix, maxReceiveCount: 3 });
    const replay = await replayDeadLetters(
      {
        deadLetters: new LocalDeadLetterFile(sandboxes.dataDir),
        queue: new SqsSyncQueue({ queueUrl: resources.queueUrl }),
        state: new DynamoDbStateStore({ tableName: resources.tableName, retentionDays: 30 }),
        now: () => new Date(),
        logger: new Logger({ logLevel: "SILENT" }),
      },
      { runId: "privacy-replay", filter: {}, dryRun: false },
    );
    reports.push(await sandboxes.runCycle({ resourcePrefix: prefix, jortt, salesforce }));

    expect(reports[0]?.totals.quarantined).toBe(3); // the customer and its two invoices
    expect(reports[0]?.totals.synced).toBeGreaterThan(40);
    expect(replay.counts.replay).toBe(3);
    expect(reports[1]?.totals.synced).toBe(3);
    expect(jorttTokens.tokens.size).toBeGreaterThanOrEqual(2);
    expect(salesforceTokens.tokens.size).toBeGreaterThanOrEqual(2);

    const needles = secretsOf(sandboxes.data);
    const log = readFileSync(join(sandboxes.dataDir, LOG_FILE_NAME), "utf8");
    const items = await scanTable(resources.tableName);
    const deadLetterFile = JSON.parse(readFileSync(join(sandboxes.dataDir, LOCAL_DEAD_LETTER_FILE), "utf8")) as {
      letters: { reason: unknown }[];
    };
    const scanned = {
      "log file": log,
      "state table": JSON.stringify(items),
      "run reports": JSON.stringify(reports),
      alerts: JSON.stringify(reports.flatMap((report) => report.alerts)),
      "dead-letter reasons": JSON.stringify(deadLetterFile.letters.map((letter) => letter.reason)),
      "replay summary": JSON.stringify(replay),
    };
    const leaks = Object.entries(scanned).flatMap(([where, text]) => findLeaks(where, text, needles));

    reportFigures("privacy", {
      needles: needles.size,
      tokensIssued: { jortt: jorttTokens.tokens.size, salesforce: salesforceTokens.tokens.size },
      scannedBytes: Object.fromEntries(Object.entries(scanned).map(([where, text]) => [where, text.length])),
      stateItems: items.length,
      logLines: log.split("\n").length,
      dataDirFiles: readdirSync(sandboxes.dataDir).map(
        (name) => `${name} (${statSync(join(sandboxes.dataDir, name)).size} B)`,
      ),
      leaks: leaks.length,
    });
    // The scan can see what it looks for: the records are in Salesforce, and the log is not empty.
    expect(log.length).toBeGreaterThan(10_000);
    expect(items.length).toBeGreaterThan(sandboxes.data.customers.length);
    expect(
      findLeaks("salesforce", JSON.stringify(sandboxes.salesforce.records("Contact")), needles).length,
    ).toBeGreaterThan(0);
    expect(leaks).toEqual([]);
  });
});
