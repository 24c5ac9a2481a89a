import { Logger } from "@aws-lambda-powertools/logger";
import { parseSettings } from "../../../shared/config/parse-settings";
import type { SettingsInput } from "../../../shared/config/settings-schema";
import { fetchChanges } from "../../../shared/use-cases/fetch-changes";
import { syncRecords } from "../../../shared/use-cases/sync-records";
import { useAwsEmulators } from "../../support/aws-emulators";
import { InMemoryDeadLetterQueue, InMemorySyncQueue } from "../../support/fakes/in-memory-queues";
import { InMemoryStateStore } from "../../support/fakes/in-memory-state-store";
import { clientFor } from "../jortt/sandbox-client";
import { seedReverseOrg } from "./reverse-org-fixtures";
import { ReversePipeline } from "./reverse-pipeline";
import { useReverseHarness } from "./support/reverse-harness";
import { REVERSE_PAYMENT_SETTINGS } from "./support/reverse-payment-settings";

useAwsEmulators();

const quiet = new Logger({ serviceName: "reverse-test", logLevel: "SILENT" });
const harness = useReverseHarness();

/** The forward flow (Jortt → Salesforce) as it runs today: fetchChanges, then syncRecords on what it enqueued. */
async function runForwardSync(settings: SettingsInput) {
  const deps = {
    now: () => new Date(),
    logger: quiet,
    jortt: clientFor(harness.jorttSandbox),
    salesforce: harness.salesforce,
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

/** A reverse pipeline that sends invoices itself ("self"), after its first poll has been pushed. */
async function selfSendingPipelineAfterFirstPoll(): Promise<ReversePipeline> {
  const pipeline = await ReversePipeline.create({
    salesforce: harness.salesforce,
    jortt: clientFor(harness.jorttSandbox),
    settings: parseSettings({
      flows: { salesforceToJortt: true },
      reverse: { ...REVERSE_PAYMENT_SETTINGS, sendMethod: "self" },
    }),
  });
  try {
    await pipeline.select("poll-1");
    await pipeline.drain();
    return pipeline;
  } catch (error) {
    pipeline.close();
    throw error;
  }
}

describe("reverse flow: send method, invoice numbers, and the forward sync afterwards", () => {
  it("sends with the configured method, writes the number back once Jortt has numbered it, and the forward sync creates no duplicate Orders", async () => {
    const org = seedReverseOrg(harness.salesforceSandbox, harness.jorttSandbox, 8);
    const pipeline = await selfSendingPipelineAfterFirstPoll();
    try {
      // Created with send_method: Jortt sends asynchronously, so the status stays empty at first.
      for (const seeded of org.good) {
        const row = harness.order(seeded.id);
        expect(row.Jortt_Invoice_Id__c).toBe(harness.invoiceOf(seeded.id).id);
        expect(row.Jortt_Status__c).toBeNull();
        expect(row.Jortt_Invoice_Number__c).toBeNull();
      }
      expect(pipeline.outcomes()["synced:number-pending"]).toBe(8);

      // The next poll checks those Orders; Jortt has sent and numbered them by now.
      const second = await pipeline.select("poll-2");
      expect(second.counts).toMatchObject({ ordersEnqueued: 8, numberChecks: 8 });
      await pipeline.drain();
      for (const seeded of org.good) {
        const invoice = harness.invoiceOf(seeded.id);
        expect(invoice.invoice_status).toBe("sent");
        expect(invoice.send_method).toBe("self");
        expect(invoice.invoice_number).toMatch(/^\d{6}-\d{3}$/);
        const row = harness.order(seeded.id);
        expect(row.Jortt_Status__c).toBe("sent");
        expect(row.Jortt_Invoice_Number__c).toBe(invoice.invoice_number);
      }
      const third = await pipeline.select("poll-3");
      expect(third.counts).toMatchObject({ ordersEnqueued: 0, numberChecks: 0 });
      expect(harness.jorttSandbox.store.invoices.size).toBe(8);

      // The forward sync afterwards: sent invoices are scanned; their Orders exist (the ids were
      // written back), so no Order is created.
      const ordersBefore = harness.salesforceSandbox.records("Order").length;
      const accountsBefore = harness.salesforceSandbox.records("Account").length;
      const forward = await runForwardSync({ flows: { jorttToSalesforce: true } });
      expect(forward.fetched.counts.invoicesScanned).toBe(8);
      expect(forward.synced.counts.synced).toBeGreaterThanOrEqual(8);
      expect(harness.salesforceSandbox.records("Order")).toHaveLength(ordersBefore);
      expect(harness.salesforceSandbox.records("Account")).toHaveLength(accountsBefore);
      for (const seeded of org.good)
        expect(harness.order(seeded.id).Jortt_Invoice_Id__c).toBe(harness.invoiceOf(seeded.id).id);
      console.info("forward after reverse", {
        forwardCounts: forward.synced.counts,
        orders: `${ordersBefore} → ${harness.salesforceSandbox.records("Order").length}`,
        accounts: `${accountsBefore} → ${harness.salesforceSandbox.records("Account").length}`,
        orderItemsOnReverseOrders: org.good.map(
          (seeded) =>
            harness.salesforceSandbox.records("OrderItem").filter((item) => item.OrderId === seeded.id).length,
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
    const org = seedReverseOrg(harness.salesforceSandbox, harness.jorttSandbox, 3);
    (await selfSendingPipelineAfterFirstPoll()).close();
    const items = () =>
      harness.salesforceSandbox
        .records("OrderItem")
        .filter((item) => org.good.some((seeded) => seeded.id === item.OrderId));
    const before = items().length;
    await runForwardSync({ flows: { jorttToSalesforce: true } });
    expect(items()).toHaveLength(before);
  });
});
