import type { SyncComposition } from "../../../shared/composition/compose-pipeline";
import type { RecordState, StateStore } from "../../../shared/ports/state-store";
import { DelegatingStateStore, deliverEveryMessageTwice } from "../../reliability/support/fault-decorators";
import { uniqueName, useAwsEmulators } from "../../support/aws-emulators";
import { type PipelineSandboxes, startPipelineSandboxes } from "../../support/pipeline-sandboxes";
import { salesforceMirrorProblems } from "../../support/salesforce-mirror";

useAwsEmulators();

let sandboxes: PipelineSandboxes;

beforeAll(async () => {
  sandboxes = await startPipelineSandboxes({ seed: 23, customers: 10, invoices: 24 });
});

afterAll(async () => {
  await sandboxes.close();
});

beforeEach(() => {
  // A fresh org per scenario; each scenario also uses its own state table (resourcePrefix).
  sandboxes.salesforce.reset();
});

/** A state store whose first record-state write dies, as if the function crashed right after Salesforce confirmed. */
class CrashOnFirstStateWrite extends DelegatingStateStore {
  crashes = 0;
  ordersInSalesforceAtCrash = -1;

  constructor(
    inner: StateStore,
    private readonly countOrders: () => number,
  ) {
    super(inner);
  }

  override async putRecordStates(states: readonly RecordState[]): Promise<void> {
    if (this.crashes === 0 && states.some((state) => state.kind === "invoice")) {
      this.crashes += 1;
      this.ordersInSalesforceAtCrash = this.countOrders();
      throw new Error("injected crash between the Salesforce write and the state write");
    }
    await this.inner.putRecordStates(states);
  }
}

describe("delivery faults converge without duplicates", () => {
  it("delivering every message twice creates no duplicates", async () => {
    const report = await sandboxes.runCycle({
      resourcePrefix: uniqueName("twice"),
      settings: { sync: { batchSize: 8 } },
      decorate: { fetch: deliverEveryMessageTwice },
    });

    expect(report.sync.deliveries).toBe(2 * (report.fetch?.counts.enqueued ?? 0));
    expect(salesforceMirrorProblems(sandboxes.salesforce, sandboxes.data)).toEqual([]);
    expect(report.exitCode).toBe(0);
    expect(report.totals["dead-lettered"]).toBe(0);
  });

  it("a crash after the Salesforce write and before the state write converges on redelivery", async () => {
    let crashing: CrashOnFirstStateWrite | undefined;
    const crashOnce = (composition: SyncComposition): SyncComposition => {
      crashing ??= new CrashOnFirstStateWrite(
        composition.deps.state,
        () => sandboxes.salesforce.records("Order").length,
      );
      return { ...composition, deps: { ...composition.deps, state: crashing } };
    };

    const report = await sandboxes.runCycle({
      resourcePrefix: uniqueName("crash"),
      settings: { sync: { batchSize: 50 } },
      decorate: { sync: crashOnce },
    });

    expect(crashing?.crashes).toBe(1);
    expect(crashing?.ordersInSalesforceAtCrash).toBeGreaterThan(0);
    expect(report.sync.failedDeliveries).toBeGreaterThan(0);
    expect(salesforceMirrorProblems(sandboxes.salesforce, sandboxes.data)).toEqual([]);
    expect(report.exitCode).toBe(0);
  });
});
