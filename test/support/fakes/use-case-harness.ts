import { Logger } from "@aws-lambda-powertools/logger";
import type { Settings } from "../../../shared/config/settings-schema";
import type { SyncMessage } from "../../../shared/domain/sync-message";
import { type FetchChangesDeps, fetchChanges } from "../../../shared/use-cases/fetch-changes";
import { type IncomingMessage, type SyncRecordsDeps, syncRecords } from "../../../shared/use-cases/sync-records";
import { FakeJorttSource } from "./fake-jortt-source";
import { type FakeOrgOptions, FakeSalesforceOrg } from "./fake-salesforce-org";
import { InMemoryDeadLetterQueue, InMemorySyncQueue } from "./in-memory-queues";
import { InMemoryStateStore } from "./in-memory-state-store";
import { defaultSettings, incoming } from "./sync-messages";

/** Everything a use-case test needs, in memory, with a controllable clock. */
export class UseCaseHarness {
  readonly org: FakeSalesforceOrg;
  readonly jortt = new FakeJorttSource();
  readonly state = new InMemoryStateStore();
  readonly queue = new InMemorySyncQueue();
  readonly deadLetters = new InMemoryDeadLetterQueue();
  readonly logger = new Logger({ logLevel: "SILENT" });
  settings: Settings;
  clock = new Date("2026-11-28T12:00:00Z");
  maxReceiveCount = 3;
  private runs = 0;

  constructor(options: { org?: FakeOrgOptions; settings?: Record<string, unknown> } = {}) {
    this.org = new FakeSalesforceOrg(options.org);
    this.settings = defaultSettings(options.settings);
  }

  readonly now = (): Date => new Date(this.clock);

  advance(ms: number): void {
    this.clock = new Date(this.clock.getTime() + ms);
  }

  syncDeps(): SyncRecordsDeps {
    return {
      salesforce: this.org,
      state: this.state,
      deadLetters: this.deadLetters,
      settings: this.settings,
      now: this.now,
      logger: this.logger,
    };
  }

  fetchDeps(): FetchChangesDeps {
    return { ...this.syncDeps(), jortt: this.jortt, queue: this.queue };
  }

  sync(messages: readonly IncomingMessage[]) {
    this.runs += 1;
    return syncRecords(this.syncDeps(), messages, {
      runId: `sync-${this.runs}`,
      maxReceiveCount: this.maxReceiveCount,
    });
  }

  /** Sends message bodies as a fresh delivery (receive count 1 unless given). */
  syncBodies(bodies: readonly (SyncMessage | string)[], receiveCount = 1) {
    return this.sync(bodies.map((body) => incoming(body, receiveCount)));
  }

  fetch() {
    this.runs += 1;
    return fetchChanges(this.fetchDeps(), { runId: `fetch-${this.runs}` });
  }

  /** Delivers everything fetch enqueued to sync, in batches. */
  async drainQueue(batchSize = 200) {
    const messages = this.queue.drain();
    const results = [];
    for (let start = 0; start < messages.length; start += batchSize) {
      results.push(await this.syncBodies(messages.slice(start, start + batchSize)));
    }
    return results;
  }
}
