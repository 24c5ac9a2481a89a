import type { FetchComposition, SyncComposition } from "../../../shared/composition/compose-pipeline";
import type { RecordState, StateStore } from "../../../shared/ports/state-store";
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

/** Sends every message twice, as SQS's at-least-once delivery may. */
function deliverTwice(composition: FetchComposition): FetchComposition {
  const queue = composition.deps.queue;
  return {
    ...composition,
    deps: {
      ...composition.deps,
      queue: {
        enqueue: async (messages) => {
          await queue.enqueue(messages);
          await queue.enqueue(messages);
        },
      },
    },
  };
}

/** A state store whose first record-state write dies, as if the function crashed right after Salesforce confirmed. */
class CrashOnFirstStateWrite implements StateStore {
  crashes = 0;
  ordersInSalesforceAtCrash = -1;

  constructor(
    private readonly inner: StateStore,
    private readonly countOrders: () => number,
  ) {}

  getRecordStates = (keys: readonly string[]) => this.inner.getRecordStates(keys);
  putRun = (...args: Parameters<StateStore["putRun"]>) => this.inner.putRun(...args);
  listRuns = (limit: number) => this.inner.listRuns(limit);
  appendActivity = (...args: Parameters<StateStore["appendActivity"]>) => this.inner.appendActivity(...args);
  getCursor = (name: string) => this.inner.getCursor(name);
  putCursor = (name: string, value: string) => this.inner.putCursor(name, value);
  claimOnce = (name: string, windowSeconds: number) => this.inner.claimOnce(name, windowSeconds);

  async putRecordStates(states: readonly RecordState[]): Promise<void> {
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
      decorate: { fetch: deliverTwice },
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
