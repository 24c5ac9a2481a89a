import { DEMO_ORDER_COUNT, seedDemoOrders } from "../../../cli/local/seed-demo-orders";
import { uniqueName, useAwsEmulators } from "../../support/aws-emulators";
import { type PipelineSandboxes, startPipelineSandboxes } from "../../support/pipeline-sandboxes";

useAwsEmulators();

let sandboxes: PipelineSandboxes;
let orderIds: string[];
const prefix = uniqueName("reverse-run");
const settings = { flows: { jorttToSalesforce: true, salesforceToJortt: true }, sync: { batchSize: 10 } };

beforeAll(async () => {
  sandboxes = await startPipelineSandboxes({ seed: 5, customers: 4, invoices: 6 });
  orderIds = seedDemoOrders(sandboxes.salesforce);
});

afterAll(async () => {
  await sandboxes.close();
});

function invoicesFor(orderId: string) {
  return [...sandboxes.jortt.store.invoices.values()].filter((invoice) => invoice.reference === orderId);
}

describe("a local run with both flows (fetch selects Orders, the sync handler routes them to Jortt)", () => {
  it("turns every Order ticked for sending into exactly one Jortt invoice, written back to the Order", async () => {
    const report = await sandboxes.runCycle({ resourcePrefix: prefix, settings });

    expect(report.exitCode).toBe(0);
    expect(report.fetch?.orders).toMatchObject({ ordersSelected: DEMO_ORDER_COUNT, ordersEnqueued: DEMO_ORDER_COUNT });
    expect(report.records.order).toMatchObject({ synced: DEMO_ORDER_COUNT, "dead-lettered": 0, pending: 0 });
    expect(report.failures).toEqual([]);
    for (const orderId of orderIds) {
      const [invoice, ...more] = invoicesFor(orderId);
      expect(more).toEqual([]);
      const order = sandboxes.salesforce.records("Order").find((record) => record.Id === orderId);
      expect(order?.Jortt_Invoice_Id__c).toBe(invoice?.id);
    }
    // The pushes' Jortt requests are counted with the fetch's.
    expect(report.jorttRequests).toBe(sandboxes.jortt.stats().total);
    expect(report.salesforceApiCalls).toBe(sandboxes.salesforce.apiCalls().total);
  });

  it("a second run creates no invoice and leaves the Orders' products as they were", async () => {
    const items = () =>
      sandboxes.salesforce.records("OrderItem").filter((item) => orderIds.includes(String(item.OrderId)));
    const itemsBefore = items().length;
    const invoicesBefore = sandboxes.jortt.store.invoices.size;

    const report = await sandboxes.runCycle({ resourcePrefix: prefix, settings });

    expect(report.exitCode).toBe(0);
    expect(report.fetch?.orders?.ordersEnqueued).toBe(0);
    expect(sandboxes.jortt.store.invoices.size).toBe(invoicesBefore);
    for (const orderId of orderIds) expect(invoicesFor(orderId)).toHaveLength(1);
    expect(items()).toHaveLength(itemsBefore);
  });
});
