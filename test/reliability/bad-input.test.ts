import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { RunReport } from "../../cli/local/run-report";
import { LOCAL_DEAD_LETTER_FILE } from "../../cli/replay-local-dead-letters";
import type { JorttDemoData, SandboxCustomer, SandboxInvoice } from "../../sim/jortt";
import { uniqueName, useAwsEmulators } from "../support/aws-emulators";
import { type PipelineSandboxes, startPipelineSandboxes } from "../support/pipeline-sandboxes";
import { salesforceMirrorProblems } from "../support/salesforce-mirror";
import {
  BAD_INPUT_CASES,
  type BadInputCase,
  badId,
  type RawRecord,
  UNKNOWN_CUSTOMER_CASE,
} from "../fixtures/bad-input/bad-jortt-records";
import { reportFigures } from "./support/reliability-figures";

useAwsEmulators();

const CASES: readonly BadInputCase[] = [...BAD_INPUT_CASES, UNKNOWN_CUSTOMER_CASE];

let sandboxes: PipelineSandboxes;
let report: RunReport;
const built = new Map<BadInputCase, RawRecord>();

beforeAll(async () => {
  sandboxes = await startPipelineSandboxes({ seed: 61, customers: 24, invoices: 48 });
  const template = templates(sandboxes.data);
  CASES.forEach((testCase, index) => {
    const record = testCase.build({ ...template, index: index + 1 });
    built.set(testCase, record);
    if (testCase.kind === "customer") sandboxes.jortt.store.putCustomer(record as unknown as SandboxCustomer);
    else sandboxes.jortt.store.putInvoice(record as unknown as SandboxInvoice);
    const contacts = testCase.seedContacts?.(record) ?? [];
    if (contacts.length > 0) sandboxes.salesforce.insertRecords("Contact", contacts);
  });
  report = await sandboxes.runCycle({ resourcePrefix: uniqueName("bad-input"), settings: { sync: { batchSize: 25 } } });
}, 60_000);

afterAll(async () => {
  await sandboxes.close();
});

function templates(data: JorttDemoData): { customer: SandboxCustomer; invoice: SandboxInvoice } {
  const customer = data.customers.find((candidate) => !candidate.is_private);
  const invoice = data.invoices.find(
    (candidate) => candidate.invoice_status === "sent" && candidate.line_items.length > 0 && candidate.customer_id,
  );
  if (!customer || !invoice) throw new Error("demo data lacks a company customer or a sent invoice");
  return { customer, invoice };
}

describe("explore", () => {
  it("dumps", () => {
    process.stdout.write(`${JSON.stringify({ exit: report.exitCode, fatal: report.fatal, totals: report.totals, failures: report.failures, warnings: report.warnings.slice(0, 20), alerts: report.alerts }, null, 1)}\n`);
    void existsSync; void readFileSync; void join; void LOCAL_DEAD_LETTER_FILE; void salesforceMirrorProblems; void badId; void reportFigures;
  });
});
