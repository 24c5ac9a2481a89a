import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { RunReport } from "../../../cli/local/run-report";

// `npm start` end to end: a child process runs the CLI (fauxqs loads there, not in Jest), with
// no credentials in its environment, so it announces and uses the sandboxes.
const root = resolve(__dirname, "../../..");
let dataDir: string;

beforeAll(() => {
  dataDir = mkdtempSync(join(tmpdir(), "jortt-sf-cli-"));
});

afterAll(() => {
  rmSync(dataDir, { recursive: true, force: true });
});

function runCli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    ENV_FILE: join(dataDir, "none.env"),
  };
  writeFileSync(join(dataDir, "none.env"), "");
  return new Promise((done) => {
    execFile(
      process.execPath,
      ["cli/bin.cjs", ...args],
      { cwd: root, env, timeout: 60_000 },
      (error, stdout, stderr) => {
        done({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
      },
    );
  });
}

describe("jortt-sf run (npm start)", () => {
  it("runs a full cycle against the announced sandboxes, then a second run finds nothing to sync", async () => {
    const reportFile = join(dataDir, "report.json");

    const first = await runCli(["run", "--data-dir", dataDir, "--report", reportFile]);

    expect(first.stderr).toContain("SANDBOX");
    expect(first.code).toBe(0);
    const report = JSON.parse(readFileSync(reportFile, "utf8")) as RunReport;
    expect(report.exitCode).toBe(0);
    expect(report.totals.synced).toBeGreaterThan(0);
    expect(report.totals.synced).toBe(report.fetch?.counts.enqueued);
    expect(report.salesforceApiCalls).toBeGreaterThan(0);
    expect(first.stdout).toContain("Salesforce API calls");
    expect(first.stdout).not.toContain('"level"');

    const second = await runCli(["run", "--data-dir", dataDir, "--report", reportFile]);

    expect(second.code).toBe(0);
    const again = JSON.parse(readFileSync(reportFile, "utf8")) as RunReport;
    expect(again.fetch?.counts.enqueued).toBe(0);
    expect(again.fetch?.counts.unchanged).toBe(report.fetch?.counts.enqueued);
    expect(again.salesforceApiCalls).toBe(0);
  });

  it("exits 1 with the field path on invalid settings, before anything starts", async () => {
    const settings = join(dataDir, "settings.json");
    writeFileSync(settings, JSON.stringify({ sync: { batchSize: 0 } }));

    const result = await runCli(["run", "--data-dir", dataDir, "--settings", settings]);

    expect(result.code).toBe(1);
    expect(result.stderr).toContain("sync.batchSize");
    expect(result.stderr).toContain("Next step:");
  });
});
