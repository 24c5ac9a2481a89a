import type { ActivityEntry, RecordState, RunRecord, StateStore } from "../../../shared/ports/state-store";

/**
 * StateStore in memory, with call counters and fault injection. Mirrors the DynamoDB adapter's
 * contract: a batch read returns only the keys that exist; a batch write is all-or-throw.
 */
export class InMemoryStateStore implements StateStore {
  readonly records = new Map<string, RecordState>();
  readonly runs: RunRecord[] = [];
  readonly activity: ActivityEntry[] = [];
  readonly cursors = new Map<string, string>();
  readonly calls = { getRecordStates: 0, putRecordStates: 0, getCursor: 0, putCursor: 0 };
  /** Next `putRecordStates` calls throw this many times (simulates a crash after the Salesforce write). */
  failNextPuts = 0;

  async getRecordStates(keys: readonly string[]): Promise<Map<string, RecordState>> {
    this.calls.getRecordStates += 1;
    const found = new Map<string, RecordState>();
    for (const key of keys) {
      const state = this.records.get(key);
      if (state) found.set(key, structuredClone(state));
    }
    return found;
  }

  async putRecordStates(states: readonly RecordState[]): Promise<void> {
    this.calls.putRecordStates += 1;
    if (this.failNextPuts > 0) {
      this.failNextPuts -= 1;
      throw new Error("simulated state write failure");
    }
    for (const state of states) this.records.set(state.key, structuredClone(state));
  }

  async putRun(run: RunRecord): Promise<void> {
    this.runs.push(structuredClone(run));
  }

  async listRuns(limit: number): Promise<RunRecord[]> {
    return [...this.runs].reverse().slice(0, limit);
  }

  async appendActivity(entries: readonly ActivityEntry[]): Promise<void> {
    this.activity.push(...entries.map((entry) => ({ ...entry })));
  }

  async getCursor(name: string): Promise<string | undefined> {
    this.calls.getCursor += 1;
    return this.cursors.get(name);
  }

  async putCursor(name: string, value: string): Promise<void> {
    this.calls.putCursor += 1;
    this.cursors.set(name, value);
  }

  private readonly claims = new Map<string, number>();

  async claimOnce(name: string, windowSeconds: number): Promise<boolean> {
    const now = Date.now();
    const until = this.claims.get(name);
    if (until !== undefined && until > now) return false;
    this.claims.set(name, now + windowSeconds * 1000);
    return true;
  }
}
