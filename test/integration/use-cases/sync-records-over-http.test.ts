import { Logger } from "@aws-lambda-powertools/logger";
import { CompositeCollectionsGateway } from "../../../shared/adapters/salesforce/composite-collections-gateway";
import { createSalesforceClient } from "../../../shared/adapters/salesforce/salesforce-client";
import { type SyncRecordsDeps, syncRecords } from "../../../shared/use-cases/sync-records";
import { type SalesforceSandbox, startSalesforceSandbox } from "../../../sim/salesforce";
import { InMemoryDeadLetterQueue } from "../../support/fakes/in-memory-queues";
import { InMemoryStateStore } from "../../support/fakes/in-memory-state-store";
import { rawCustomer, rawInvoice } from "../../support/fakes/jortt-records";
import { defaultSettings, incoming, invoiceMessage } from "../../support/fakes/sync-messages";

/**
 * syncRecords over real HTTP: the real Salesforce adapter (jsforce) behind the
 * CompositeCollectionsGateway, against the local Salesforce sandbox. Checks the one-pass writes
 * (sObject Collections subrequests of Composite calls) cost what the unit tests promise, and that
 * the in-memory fakes do not hide a difference from the real wire.
 */
let sandbox: SalesforceSandbox;

beforeAll(async () => {
  sandbox = await startSalesforceSandbox();
});
afterAll(async () => {
  await sandbox.close();
});
beforeEach(() => {
  sandbox.reset();
});

function depsFor(state = new InMemoryStateStore()): SyncRecordsDeps & { state: InMemoryStateStore } {
  const client = createSalesforceClient(
    {
      SALESFORCE_LOGIN_URL: sandbox.loginUrl,
      SALESFORCE_CLIENT_ID: sandbox.clientId,
      SALESFORCE_CLIENT_SECRET: sandbox.clientSecret,
    },
    { retry: { maxAttempts: 2, baseDelayMs: 2, maxDelayMs: 5 } },
  );
  return {
    salesforce: new CompositeCollectionsGateway(client),
    state,
    deadLetters: new InMemoryDeadLetterQueue(),
    settings: defaultSettings(),
    now: () => new Date("2026-11-28T12:00:00Z"),
    logger: new Logger({ logLevel: "SILENT" }),
  };
}

function newInvoiceMessages(count: number) {
  return Array.from({ length: count }, () => {
    const customer = rawCustomer();
    return invoiceMessage(rawInvoice(customer), customer);
  });
}

test("200 new invoices with new customers: the writes of the whole batch take one Composite call", async () => {
  const deps = depsFor();
  await syncRecords(
    deps,
    newInvoiceMessages(1).map((m) => incoming(m)),
    { runId: "warm", maxReceiveCount: 3 },
  );
  sandbox.resetApiCalls();

  const result = await syncRecords(
    deps,
    newInvoiceMessages(200).map((m) => incoming(m)),
    { runId: "r", maxReceiveCount: 3 },
  );
  expect(result.counts.synced).toBe(200);
  expect(result.salesforceApiCalls).toBe(2);
  expect(sandbox.apiCalls().total).toBe(2);
  expect(sandbox.apiCalls().byKind).toMatchObject({ query: 1, composite: 1 });
  expect(sandbox.records("Account")).toHaveLength(201);
  expect(sandbox.records("Contact")).toHaveLength(201);
  expect(sandbox.records("Order")).toHaveLength(201);
  expect(sandbox.records("OrderItem")).toHaveLength(402);
});

test("a crash between the Salesforce write and the state write converges on redelivery, without duplicates", async () => {
  const deps = depsFor();
  const messages = newInvoiceMessages(5);
  deps.state.failNextPuts = 1;
  const crashed = await syncRecords(
    deps,
    messages.map((m) => incoming(m, 1)),
    { runId: "r1", maxReceiveCount: 3 },
  );
  expect(crashed.counts.retry).toBe(5);
  const redelivered = await syncRecords(
    deps,
    messages.map((m) => incoming(m, 2)),
    { runId: "r2", maxReceiveCount: 3 },
  );
  expect(redelivered.counts.synced).toBe(5);
  expect(sandbox.records("Account")).toHaveLength(5);
  expect(sandbox.records("Order")).toHaveLength(5);
  expect(sandbox.records("OrderItem")).toHaveLength(10);
});

test("locked rows in the Composite call are re-run step by step with the adapter's retries", async () => {
  const deps = depsFor();
  await syncRecords(
    deps,
    newInvoiceMessages(1).map((m) => incoming(m)),
    { runId: "warm", maxReceiveCount: 3 },
  );
  sandbox.setFaults({ lockRow: { next: 2, kinds: ["upsert"] } });
  const result = await syncRecords(
    deps,
    newInvoiceMessages(3).map((m) => incoming(m)),
    { runId: "r", maxReceiveCount: 3 },
  );
  expect(result.counts.synced).toBe(3);
  expect(sandbox.faultsFired().lockRow).toBe(2);
  expect(sandbox.records("Order")).toHaveLength(4);
  expect(sandbox.records("OrderItem")).toHaveLength(8);
});
