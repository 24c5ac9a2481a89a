import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Connection } from "jsforce";
import type { RunReport } from "../../cli/local/run-report";
import { LOCAL_DEAD_LETTER_FILE } from "../../cli/replay-local-dead-letters";
import { connectWithClientCredentials } from "../integration/salesforce-sim/sandbox-connection";
import { type PipelineSandboxes, startPipelineSandboxes } from "../support/pipeline-sandboxes";
import { salesforceMirrorProblems } from "../support/salesforce-mirror";
import { reportFigures } from "./support/reliability-figures";
import { runCli } from "./support/run-cli";

/**
 * ISSUE 6 acceptance: replay end to end with the real CLI (`jortt-sf run`, `jortt-sf replay`, each
 * its own process with its own emulators and the data dir), pointed at the Jortt and Salesforce
 * sandboxes as if they were the real APIs:
 * 1. a customer fails — its e-mail matches two existing Salesforce Contacts — and lands in the DLQ
 *    with its reason (code, message, hint), its invoices with it;
 * 2. a person fixes the cause in Salesforce (deletes the duplicate Contact);
 * 3. `jortt-sf replay` syncs them: the org then mirrors Jortt exactly;
 * 4. a second `jortt-sf replay` does nothing (no Salesforce write).
 */
let sandboxes: PipelineSandboxes;
let dataDir: string;
let connection: Connection;

beforeAll(async () => {
  sandboxes = await startPipelineSandboxes({ seed: 41, customers: 6, invoices: 12 });
  dataDir = mkdtempSync(join(tmpdir(), "jortt-sf-replay-e2e-"));
  connection = await connectWithClientCredentials(sandboxes.salesforce);
});

afterAll(async () => {
  await sandboxes?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

function credentials(): Record<string, string> {
  return {
    JORTT_CLIENT_ID: sandboxes.jortt.clientId,
    JORTT_CLIENT_SECRET: sandboxes.jortt.clientSecret,
    JORTT_API_URL: sandboxes.jortt.url,
    JORTT_TOKEN_URL: sandboxes.jortt.tokenUrl,
    SALESFORCE_LOGIN_URL: sandboxes.salesforce.loginUrl,
    SALESFORCE_CLIENT_ID: sandboxes.salesforce.clientId,
    SALESFORCE_CLIENT_SECRET: sandboxes.salesforce.clientSecret,
  };
}

interface StoredLetter {
  reason: { key: string; code: string; message: string; hint?: string };
}

function deadLetters(): StoredLetter[] {
  return (JSON.parse(readFileSync(join(dataDir, LOCAL_DEAD_LETTER_FILE), "utf8")) as { letters: StoredLetter[] })
    .letters;
}

describe("jortt-sf replay, end to end", () => {
  it("fails → DLQ with reason → cause fixed → replay syncs → second replay does nothing", async () => {
    const customer = sandboxes.data.customers.find(
      (candidate) =>
        !candidate.is_private &&
        candidate.email &&
        sandboxes.data.invoices.some((i) => i.customer_id === candidate.id && i.invoice_status === "sent"),
    );
    if (!customer?.email) throw new Error("demo data has no company customer with an e-mail and a sent invoice");
    const ownInvoices = sandboxes.data.invoices.filter(
      (invoice) => invoice.customer_id === customer.id && invoice.invoice_status === "sent",
    );
    const [kept, duplicate] = sandboxes.salesforce.insertRecords("Contact", [
      { LastName: "Kept", Email: customer.email },
      { LastName: "Duplicate", Email: customer.email },
    ]);

    // 1. The first run: the customer (and its invoices) are quarantined, the rest is synced.
    const run = await runCli(["run", "--data-dir", dataDir, "--report", join(dataDir, "run.json")], credentials());
    if (run.exitCode !== 3) process.stdout.write(`${run.stdout}\n${run.stderr}\n`);
    expect(run.exitCode).toBe(3);
    const report = JSON.parse(readFileSync(join(dataDir, "run.json"), "utf8")) as RunReport;
    const customerKey = `customer:${customer.id}`;
    expect(report.failures.find((failure) => failure.key === customerKey)).toMatchObject({
      outcome: "quarantined",
      code: "AMBIGUOUS_EMAIL_MATCH",
    });
    const letters = deadLetters();
    const letter = letters.find((entry) => entry.reason.key === customerKey);
    expect(letter?.reason).toMatchObject({
      code: "AMBIGUOUS_EMAIL_MATCH",
      message: expect.stringContaining(customerKey),
    });
    expect(letter?.reason.hint).toContain("Jortt_Customer_Id__c");
    expect(letters.map((entry) => entry.reason.key).sort()).toEqual(
      [customerKey, ...ownInvoices.map((invoice) => `invoice:${invoice.id}`)].sort(),
    );
    expect(run.stdout).toContain("AMBIGUOUS_EMAIL_MATCH");
    expect(run.stdout).toMatch(/ALERT \[warning\] .*not synced/);
    expect(salesforceMirrorProblems(sandboxes.salesforce, sandboxes.data)).not.toEqual([]);

    // 2. A person resolves the duplicate in Salesforce.
    await connection.sobject("Contact").destroy(String(duplicate?.id));

    // 3. Replay: the letters go back to the queue and one local run syncs them.
    const replay = await runCli(["replay", "--data-dir", dataDir], credentials());
    expect(replay.stderr).not.toMatch(/^Error/m);
    expect(replay.exitCode).toBe(0);
    expect(replay.stdout).toContain(`${letters.length} dead letter(s): ${letters.length} replayed.`);
    expect(salesforceMirrorProblems(sandboxes.salesforce, sandboxes.data)).toEqual([]);
    const adopted = sandboxes.salesforce.records("Contact").filter((contact) => contact.Id === kept?.id);
    expect(adopted[0]?.Jortt_Customer_Id__c).toBe(customer.id);
    expect(deadLetters()).toEqual([]);

    // 4. A second replay finds nothing and writes nothing.
    sandboxes.salesforce.resetApiCalls();
    const again = await runCli(["replay", "--data-dir", dataDir], credentials());
    expect(again.exitCode).toBe(0);
    expect(again.stdout).toContain("nothing to replay");
    expect(sandboxes.salesforce.apiCalls().writes).toBe(0);

    reportFigures("replay-end-to-end", {
      deadLettered: letters.length,
      codes: [...new Set(letters.map((entry) => entry.reason.code))],
      firstRunExitCode: run.exitCode,
      replayExitCode: replay.exitCode,
      secondReplay: again.stdout.trim(),
      salesforceWritesDuringSecondReplay: sandboxes.salesforce.apiCalls().writes,
    });
  });
});
