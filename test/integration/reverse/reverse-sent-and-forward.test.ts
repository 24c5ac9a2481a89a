import { Logger } from "@aws-lambda-powertools/logger";
import { createSalesforceClient, type SalesforceClient } from "../../../shared/adapters/salesforce";
import { parseSettings } from "../../../shared/config/parse-settings";
import type { SettingsInput } from "../../../shared/config/settings-schema";
import { fetchChanges } from "../../../shared/use-cases/fetch-changes";
import { syncRecords } from "../../../shared/use-cases/sync-records";
import { type JorttSandbox, startJorttSandbox } from "../../../sim/jortt";
import { type SalesforceSandbox, startSalesforceSandbox } from "../../../sim/salesforce";
import { useAwsEmulators } from "../../support/aws-emulators";
import { InMemoryDeadLetterQueue, InMemorySyncQueue } from "../../support/fakes/in-memory-queues";
import { InMemoryStateStore } from "../../support/fakes/in-memory-state-store";
import { clientFor } from "../jortt/sandbox-client";
import { clientCredentialsFor, FAST_RETRY } from "../salesforce-client/sandbox-fixtures";
import { objectsDirWithPaymentFields, seedReverseOrg } from "./reverse-org-fixtures";
import { ReversePipeline } from "./reverse-pipeline";

useAwsEmulators();

const quiet = new Logger({ serviceName: "reverse-test", logLevel: "SILENT" });
const REVERSE: SettingsInput["reverse"] = {
  paymentTermDays: { field: "Payment_Terms__c", default: 30, map: { "Net 14": 14 } },
  paymentMethodField: "Payment_Method__c",
  paymentMethodMap: { "Direct Debit": "direct_debit" },
};

let objects: ReturnType<typeof objectsDirWithPaymentFields>;
let salesforceSandbox: SalesforceSandbox;
let jorttSandbox: JorttSandbox;
let salesforce: SalesforceClient;

beforeAll(async () => {
  objects = objectsDirWithPaymentFields();
  salesforceSandbox = await startSalesforceSandbox({ objectsDir: objects.dir });
  jorttSandbox = await startJorttSandbox({ rateLimitPerSecond: null });
});

beforeEach(() => {
  salesforceSandbox.reset();
  jorttSandbox.store.clear();
  jorttSandbox.reset();
  salesforce = createSalesforceClient(clientCredentialsFor(salesforceSandbox), { retry: FAST_RETRY });
});

afterAll(async () => {
  await salesforceSandbox.close();
  await jorttSandbox.close();
  objects.cleanup();
});

function order(id: string): Record<string, unknown> {
  const row = salesforceSandbox.records("Order").find((record) => record.Id === id);
  if (!row) throw new Error(`no Order ${id}`);
  return row;
}

function invoiceOf(orderId: string) {
  const invoices = [...jorttSandbox.store.invoices.values()].filter((invoice) => invoice.reference === orderId);
  expect(invoices).toHaveLength(1);
  return invoices[0] as NonNullable<(typeof invoices)[0]>;
}

/** The forward flow (Jortt → Salesforce) as it runs today: fetchChanges, then syncRecords on what it enqueued. */
async function runForwardSync(settings: SettingsInput) {
  const deps = {
    now: () => new Date(),
    logger: quiet,
    jortt: clientFor(jorttSandbox),
    salesforce,
    state: new InMemoryStateStore(),
    queue: new InMemorySyncQueue(),
    deadLetters: new InMemoryDeadLetterQueue(),
    settings: parseSettings(settings),
  };
  const fetched = await fetchChanges(deps, { runId: "forward-1" });
  const messages = deps.queue.drain().map((message, index) => ({
    messageId: `m${index}`,
    body: JSON.stringify(message),
    receiveCount: 1,
  }));
  const synced = await syncRecords(deps, messages, { runId: "forward-1", maxReceiveCount: 3 });
  return { fetched, synced, deadLetters: deps.deadLetters };
}

describe("reverse flow: send method, invoice numbers, and the forward sync afterwards", () => {
  it("sends with the configured method, writes the number back once Jortt has numbered it, and the forward sync creates no duplicate Orders", async () => {
    const org = seedReverseOrg(salesforceSandbox, jorttSandbox, 8);
    const pipeline = await ReversePipeline.create({
      salesforce,
      jortt: clientFor(jorttSandbox),
      settings: parseSettings({ flows: { salesforceToJortt: true }, reverse: { ...REVERSE, sendMethod: "self" } }),
    });
    try {
      await pipeline.select("poll-1");
      await pipeline.drain();
      // Created with send_method: Jortt sends asynchronously, so the status stays empty at first.
      for (const seeded of org.good) {
        const row = order(seeded.id);
        expect(row.Jortt_Invoice_Id__c).toBe(invoiceOf(seeded.id).id);
        expect(row.Jortt_Status__c).toBeNull();
        expect(row.Jortt_Invoice_Number__c).toBeNull();
      }
      expect(pipeline.outcomes()["synced:number-pending"]).toBe(8);

      // The next poll checks those Orders; Jortt has sent and numbered them by now.
      const second = await pipeline.select("poll-2");
      expect(second.counts).toMatchObject({ ordersEnqueued: 8, numberChecks: 8 });
      await pipeline.drain();
      for (const seeded of org.good) {
        const invoice = invoiceOf(seeded.id);
        expect(invoice.invoice_status).toBe("sent");
        expect(invoice.send_method).toBe("self");
        expect(invoice.invoice_number).toMatch(/^\d{6}-\d{3}$/);
        const row = order(seeded.id);
        expect(row.Jortt_Status__c).toBe("sent");
        expect(row.Jortt_Invoice_Number__c).toBe(invoice.invoice_number);
      }
      const third = await pipeline.select("poll-3");
      expect(third.counts).toMatchObject({ ordersEnqueued: 0, numberChecks: 0 });
      expect(jorttSandbox.store.invoices.size).toBe(8);

      // The forward sync afterwards: sent invoices are scanned; their Orders exist (the ids were
      // written back), so no Order is created.
      const ordersBefore = salesforceSandbox.records("Order").length;
      const accountsBefore = salesforceSandbox.records("Account").length;
      const forward = await runForwardSync({ flows: { jorttToSalesforce: true } });
      expect(forward.fetched.counts.invoicesScanned).toBe(8);
      expect(forward.synced.counts.synced).toBeGreaterThanOrEqual(8);
      expect(salesforceSandbox.records("Order")).toHaveLength(ordersBefore);
      expect(salesforceSandbox.records("Account")).toHaveLength(accountsBefore);
      for (const seeded of org.good) expect(order(seeded.id).Jortt_Invoice_Id__c).toBe(invoiceOf(seeded.id).id);
      console.info("forward after reverse", {
        forwardCounts: forward.synced.counts,
        orders: `${ordersBefore} → ${salesforceSandbox.records("Order").length}`,
        accounts: `${accountsBefore} → ${salesforceSandbox.records("Account").length}`,
        orderItemsOnReverseOrders: org.good.map(
          (seeded) => salesforceSandbox.records("OrderItem").filter((item) => item.OrderId === seeded.id).length,
        ),
        deadLetters: forward.deadLetters.codes(),
      });
    } finally {
      pipeline.close();
    }
  });

  // syncRecords links reverse-flow invoices by the Order Id in `reference` (sync/link-reverse-flow-orders):
  // only the Jortt fields are written, no OrderItems, EffectiveDate or Status.
  it("the forward sync leaves the products of reverse-flow Orders as the user made them", async () => {
    const org = seedReverseOrg(salesforceSandbox, jorttSandbox, 3);
    const pipeline = await ReversePipeline.create({
      salesforce,
      jortt: clientFor(jorttSandbox),
      settings: parseSettings({ flows: { salesforceToJortt: true }, reverse: { ...REVERSE, sendMethod: "self" } }),
    });
    try {
      await pipeline.select("poll-1");
      await pipeline.drain();
    } finally {
      pipeline.close();
    }
    const items = () =>
      salesforceSandbox.records("OrderItem").filter((item) => org.good.some((seeded) => seeded.id === item.OrderId));
    const before = items().length;
    await runForwardSync({ flows: { jorttToSalesforce: true } });
    expect(items()).toHaveLength(before);
  });
});
