import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { RecordFailure, RunReport } from "../../cli/local/run-report";
import { LOCAL_DEAD_LETTER_FILE } from "../../cli/replay-local-dead-letters";
import type { JorttDemoData, SandboxCustomer, SandboxInvoice } from "../../sim/jortt";
import {
  BAD_INPUT_CASES,
  type BadInputCase,
  badId,
  UNKNOWN_CUSTOMER_CASE,
} from "../fixtures/bad-input/bad-jortt-records";
import { uniqueName, useAwsEmulators } from "../support/aws-emulators";
import { type PipelineSandboxes, startPipelineSandboxes } from "../support/pipeline-sandboxes";
import { salesforceMirrorProblems } from "../support/salesforce-mirror";
import { reportFigures } from "./support/reliability-figures";

/**
 * ISSUE 6 (b): 37 malformed or hostile Jortt records mixed into 24 good customers and their sent
 * invoices, one local run (real handlers, SQS/SNS/DynamoDB emulators, both sandboxes). Each bad
 * record must reach its expected outcome with a specific reason, every good one must be synced,
 * and nothing may crash.
 */
useAwsEmulators();

const CASES: readonly BadInputCase[] = [...BAD_INPUT_CASES, UNKNOWN_CUSTOMER_CASE];

interface StoredLetter {
  body: string;
  reason: { key: string; code: string; message: string; hint?: string };
}

let sandboxes: PipelineSandboxes;
let report: RunReport;
let letters: StoredLetter[];
const caseIndex = new Map<BadInputCase, number>();

beforeAll(async () => {
  sandboxes = await startPipelineSandboxes({ seed: 61, customers: 24, invoices: 48 });
  const template = templates(sandboxes.data);
  CASES.forEach((testCase, position) => {
    const index = position + 1;
    caseIndex.set(testCase, index);
    const record = testCase.build({ ...template, index });
    if (testCase.kind === "customer") sandboxes.jortt.store.putCustomer(record as unknown as SandboxCustomer);
    else sandboxes.jortt.store.putInvoice(record as unknown as SandboxInvoice);
    const contacts = testCase.seedContacts?.(record) ?? [];
    for (const result of contacts.length > 0 ? sandboxes.salesforce.insertRecords("Contact", contacts) : []) {
      if (!result.success) throw new Error(`seeding a Contact failed: ${JSON.stringify(result)}`);
    }
  });
  report = await sandboxes.runCycle({ resourcePrefix: uniqueName("bad-input"), settings: { sync: { batchSize: 25 } } });
  const file = JSON.parse(readFileSync(join(sandboxes.dataDir, LOCAL_DEAD_LETTER_FILE), "utf8")) as {
    letters: StoredLetter[];
  };
  letters = file.letters;
}, 60_000);

afterAll(async () => {
  await sandboxes?.close();
});

function templates(data: JorttDemoData): { customer: SandboxCustomer; invoice: SandboxInvoice } {
  const customer = data.customers.find((candidate) => !candidate.is_private);
  const invoice = data.invoices.find(
    (candidate) => candidate.invoice_status === "sent" && candidate.line_items.length > 0 && candidate.customer_id,
  );
  if (!customer || !invoice) throw new Error("demo data lacks a company customer or a sent invoice");
  return { customer, invoice };
}

function keyOf(testCase: BadInputCase): string {
  return `${testCase.kind}:${badId(caseIndex.get(testCase) ?? 0)}`;
}

/** Cases about the id itself have no usable key: fetch names them by a hash of the raw record. */
function hasUsableId(testCase: BadInputCase): boolean {
  return !/\bid\b/.test(testCase.name) || testCase.kind === "invoice";
}

function failureOf(testCase: BadInputCase): RecordFailure | undefined {
  return report.failures.find((failure) => failure.key === keyOf(testCase));
}

function letterOf(testCase: BadInputCase): StoredLetter | undefined {
  return letters.find((letter) => letter.reason.key === keyOf(testCase));
}

const deadLettered = CASES.filter((c) => c.expected.outcome === "dead-lettered" && hasUsableId(c));
const idCases = CASES.filter((c) => c.expected.outcome === "dead-lettered" && !hasUsableId(c));
const quarantined = CASES.filter((c) => c.expected.outcome === "quarantined");
const withWarning = CASES.filter((c) => c.expected.outcome === "synced-with-warning");
const verbatim = CASES.filter((c) => c.expected.outcome === "synced-verbatim");

describe("bad input: every bad record ends where it must, with a specific reason", () => {
  it("the corpus has at least 25 malformed or hostile records", () => {
    expect(CASES.length).toBeGreaterThanOrEqual(25);
    expect(deadLettered.length + idCases.length + quarantined.length).toBeGreaterThanOrEqual(25);
  });

  it("nothing crashes: no fatal error, no batch-level failure, exit code 3 (records need attention)", () => {
    expect(report.fatal).toBeUndefined();
    expect(report.stop).toBeUndefined();
    expect(report.exitCode).toBe(3);
    expect(report.failures.map((failure) => failure.code)).not.toContain("UNEXPECTED_ERROR");
  });

  it.each(deadLettered.map((c) => [c.name, c] as const))(
    "%s → DLQ with code, field, message and hint",
    (_name, testCase) => {
      const expected = testCase.expected as Extract<BadInputCase["expected"], { outcome: "dead-lettered" }>;
      expect(failureOf(testCase)).toMatchObject({ outcome: "dead-lettered", code: expected.code });
      const letter = letterOf(testCase);
      expect(letter?.reason).toMatchObject({ key: keyOf(testCase), code: expected.code });
      expect(letter?.reason.message.length).toBeGreaterThan(10);
      expect(letter?.reason.hint?.length ?? 0).toBeGreaterThan(10);
      if (expected.field) expect(letter?.reason.message).toContain(expected.field);
    },
  );

  it("records without a usable id are dead-lettered under a key derived from their content, reason naming `id`", () => {
    const unidentified = letters.filter((letter) => /^customer:unidentified-[0-9a-f]{16}$/.test(letter.reason.key));
    expect(unidentified).toHaveLength(idCases.length);
    for (const letter of unidentified) {
      expect(letter.reason.code).toBe("jortt.customer.invalid");
      expect(letter.reason.message).toMatch(/\bid: /);
    }
  });

  it.each(quarantined.map((c) => [c.name, c] as const))("%s → quarantined, nothing guessed", (_name, testCase) => {
    expect(failureOf(testCase)).toMatchObject({ outcome: "quarantined", code: "AMBIGUOUS_EMAIL_MATCH" });
    expect(letterOf(testCase)?.reason.hint).toBeTruthy();
    const id = badId(caseIndex.get(testCase) ?? 0);
    expect(sandboxes.salesforce.records("Account").filter((a) => a.Jortt_Customer_Id__c === id)).toEqual([]);
    const adopted = sandboxes.salesforce.records("Contact").filter((c) => c.Email === "shared.inbox@example.com");
    expect(adopted.map((contact) => contact.Jortt_Customer_Id__c ?? null)).toEqual([null, null]);
  });

  it.each(withWarning.map((c) => [c.name, c] as const))(
    "%s → synced with a warning naming the field",
    (_name, testCase) => {
      const expected = testCase.expected as Extract<BadInputCase["expected"], { outcome: "synced-with-warning" }>;
      expect(failureOf(testCase)).toBeUndefined();
      const warning = report.warnings.find((entry) => entry.key === keyOf(testCase));
      expect(warning?.message).toContain(expected.field);
      const id = badId(caseIndex.get(testCase) ?? 0);
      const [sobject, field] = expected.field.split(".") as [string, string];
      const [record] = sandboxes.salesforce.records(sobject).filter((r) => r.Jortt_Customer_Id__c === id);
      if (expected.warning === "field.truncated") expect(String(record?.[field])).toHaveLength(255);
      else expect(record?.[field] ?? null).toBeNull();
    },
  );

  it.each(verbatim.map((c) => [c.name, c] as const))("%s → stored exactly, not interpreted", (_name, testCase) => {
    const expected = testCase.expected as Extract<BadInputCase["expected"], { outcome: "synced-verbatim" }>;
    const id = badId(caseIndex.get(testCase) ?? 0);
    const records = sandboxes.salesforce.records(expected.sobject).filter((r) => r.Jortt_Customer_Id__c === id);
    expect(records.map((record) => record[expected.field])).toEqual([expected.value]);
  });

  it("every good record is synced exactly once, and nothing else is in Salesforce", () => {
    const syncedBad = [...withWarning, ...verbatim].map((c) => badId(caseIndex.get(c) ?? 0));
    const expected: JorttDemoData = {
      customers: [
        ...sandboxes.data.customers,
        ...syncedBad.map((id) => ({ ...sandboxes.data.customers[0], id }) as SandboxCustomer),
      ],
      invoices: sandboxes.data.invoices,
    };
    expect(salesforceMirrorProblems(sandboxes.salesforce, expected)).toEqual([]);
    const good =
      sandboxes.data.customers.length + sandboxes.data.invoices.filter((i) => i.invoice_status === "sent").length;
    expect(report.totals.synced).toBe(good + syncedBad.length);
  });

  it("one grouped alert says how many failed and why", () => {
    const alerts = report.alerts.filter((alert) => alert.incident === "dead-letters");
    expect(alerts).toHaveLength(1);
    const failed = report.totals["dead-lettered"] + report.totals.quarantined;
    expect(alerts[0]?.body).toContain(`How many: ${failed} record(s)`);
    expect(alerts[0]?.body).toContain("jortt.invoice.invalid");
    expect(alerts[0]?.body).toMatch(/^Next step: /m);
  });

  afterAll(() => {
    const outcomes = CASES.map((testCase) => {
      const failure = failureOf(testCase);
      const warning = report.warnings.find((entry) => entry.key === keyOf(testCase));
      return {
        case: testCase.name,
        outcome:
          failure?.outcome ??
          (hasUsableId(testCase) ? syncedOutcome(testCase, warning !== undefined) : "dead-lettered"),
        code:
          failure?.code ??
          (warning ? (testCase.expected as { warning?: string }).warning : undefined) ??
          (hasUsableId(testCase) ? null : "jortt.customer.invalid"),
        reason: failure?.reason ?? warning?.message ?? null,
      };
    });
    reportFigures("bad-input", {
      goodRecords:
        sandboxes.data.customers.length + sandboxes.data.invoices.filter((i) => i.invoice_status === "sent").length,
      badRecordsTried: CASES.length,
      byOutcome: countBy(outcomes.map((entry) => entry.outcome)),
      synced: report.totals.synced,
      exitCode: report.exitCode,
      outcomes,
    });
  });
});

function syncedOutcome(testCase: BadInputCase, warned: boolean): string {
  if (warned) return "synced-with-warning";
  return testCase.expected.outcome === "synced-verbatim" ? "synced-verbatim" : "synced (unexpected)";
}

function countBy(values: readonly string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const value of values) counts[value] = (counts[value] ?? 0) + 1;
  return counts;
}
