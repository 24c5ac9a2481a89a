import type { FetchComposition, SyncComposition } from "../../../shared/composition/compose-pipeline";
import type { RecordState, StateStore } from "../../../shared/ports/state-store";

/** Sends every message twice, as SQS's at-least-once delivery may. */
export function deliverEveryMessageTwice(composition: FetchComposition): FetchComposition {
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

/** A state store that passes every call to `inner`; fault decorators override the calls they break. */
export class DelegatingStateStore implements StateStore {
  constructor(protected readonly inner: StateStore) {}

  getRecordStates = (keys: readonly string[]) => this.inner.getRecordStates(keys);
  putRun = (...args: Parameters<StateStore["putRun"]>) => this.inner.putRun(...args);
  listRuns = (limit: number) => this.inner.listRuns(limit);
  appendActivity = (...args: Parameters<StateStore["appendActivity"]>) => this.inner.appendActivity(...args);
  getCursor = (name: string) => this.inner.getCursor(name);
  putCursor = (name: string, value: string) => this.inner.putCursor(name, value);
  claimOnce = (name: string, windowSeconds: number) => this.inner.claimOnce(name, windowSeconds);

  async putRecordStates(states: readonly RecordState[]): Promise<void> {
    await this.inner.putRecordStates(states);
  }
}

/**
 * A state store whose record-state writes die `crashes` times once Salesforce has confirmed
 * invoices: the function "crashes" between the Salesforce write and the state write.
 */
export class CrashBetweenSalesforceAndState extends DelegatingStateStore {
  crashed = 0;

  constructor(
    inner: StateStore,
    private readonly crashes: number,
  ) {
    super(inner);
  }

  override async putRecordStates(states: readonly RecordState[]): Promise<void> {
    if (this.crashed < this.crashes && states.some((state) => state.kind === "invoice" && state.outcome === "synced")) {
      this.crashed += 1;
      throw new Error("injected crash between the Salesforce write and the state write");
    }
    await this.inner.putRecordStates(states);
  }
}

/** A sync decorator that wraps the state store once (the composition is built once per cycle). */
export function crashingSync(crashes: number): {
  decorate: (composition: SyncComposition) => SyncComposition;
  store: () => CrashBetweenSalesforceAndState | undefined;
} {
  let store: CrashBetweenSalesforceAndState | undefined;
  return {
    decorate: (composition) => {
      store ??= new CrashBetweenSalesforceAndState(composition.deps.state, crashes);
      return { ...composition, deps: { ...composition.deps, state: store } };
    },
    store: () => store,
  };
}
