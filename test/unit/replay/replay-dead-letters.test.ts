import { Logger } from "@aws-lambda-powertools/logger";
import type { DeadLetterReason } from "../../../shared/ports/sync-queue";
import {
  type DeadLetterSource,
  type ReplayInput,
  replayDeadLetters,
  type StoredDeadLetter,
} from "../../../shared/use-cases/replay-dead-letters";
import { rawCustomer, rawInvoice } from "../../support/fakes/jortt-records";
import { customerMessage, invoiceMessage } from "../../support/fakes/sync-messages";
import { UseCaseHarness } from "../../support/fakes/use-case-harness";

/** A DLQ in memory with SQS's visibility semantics: taken letters are hidden until deleted or released. */
class InMemoryDeadLetterSource implements DeadLetterSource {
  readonly letters: StoredDeadLetter[] = [];
  private readonly hidden = new Set<string>();
  private nextId = 0;
  deletes = 0;

  add(body: string, reason: DeadLetterReason, deadLetteredAt?: string): void {
    this.nextId += 1;
    this.letters.push({ id: `dl-${this.nextId}`, body, reason, ...(deadLetteredAt ? { deadLetteredAt } : {}) });
  }

  async take(max: number): Promise<StoredDeadLetter[]> {
    const visible = this.letters.filter((letter) => !this.hidden.has(letter.id)).slice(0, max);
    for (const letter of visible) this.hidden.add(letter.id);
    return visible.map((letter) => ({ ...letter }));
  }

  async delete(letters: readonly StoredDeadLetter[]): Promise<void> {
    this.deletes += 1;
    const ids = new Set(letters.map((letter) => letter.id));
    for (let index = this.letters.length - 1; index >= 0; index -= 1) {
      if (ids.has(this.letters[index]?.id ?? "")) this.letters.splice(index, 1);
    }
  }

  async release(letters: readonly StoredDeadLetter[]): Promise<void> {
    for (const letter of letters) this.hidden.delete(letter.id);
  }

  visibleCount(): number {
    return this.letters.filter((letter) => !this.hidden.has(letter.id)).length;
  }
}

function replay(h: UseCaseHarness, source: DeadLetterSource, input: Partial<ReplayInput> = {}) {
  return replayDeadLetters(
    { deadLetters: source, queue: h.queue, state: h.state, now: h.now, logger: new Logger({ logLevel: "SILENT" }) },
    { runId: "replay-1", filter: {}, dryRun: false, ...input },
  );
}

function reason(key: string, code: string): DeadLetterReason {
  return { key, code, message: `${code} on ${key}`, hint: "fix it" };
}

describe("replayDeadLetters", () => {
  it("end to end in memory: fails → DLQ with reason → cause fixed → replay syncs → second replay does nothing", async () => {
    const h = new UseCaseHarness();
    const customer = rawCustomer();
    const invoice = rawInvoice(customer);
    // A validation rule in Salesforce rejects the Order (a per-record data error).
    h.org.failRecord(String(invoice.id), "FIELD_CUSTOM_VALIDATION_EXCEPTION", "Orders need a region");
    const first = await h.syncBodies([invoiceMessage(invoice, customer)]);
    expect(first.counts["dead-lettered"]).toBe(1);
    const [letter] = h.deadLetters.entries;
    expect(letter?.reason).toMatchObject({ key: `invoice:${invoice.id}`, code: "FIELD_CUSTOM_VALIDATION_EXCEPTION" });
    expect(letter?.reason.hint).toBeTruthy();

    const source = new InMemoryDeadLetterSource();
    for (const entry of h.deadLetters.entries) source.add(entry.body, entry.reason, h.now().toISOString());
    h.org.failRecord(String(invoice.id), "FIELD_CUSTOM_VALIDATION_EXCEPTION", "", 0); // the rule is fixed
    h.advance(60_000);

    const summary = await replay(h, source);
    expect(summary.counts.replay).toBe(1);
    expect(source.letters).toHaveLength(0);
    const queued = h.queue.drain();
    expect(queued.map((message) => [message.key, message.runId])).toEqual([[`invoice:${invoice.id}`, "replay-1"]]);
    const second = await h.syncBodies(queued);
    expect(second.counts.synced).toBe(1);
    expect(h.org.findBy("Order", "Jortt_Invoice_Id__c", invoice.id)).toHaveLength(1);
    expect(h.state.activity.some((entry) => entry.event === "replayed" && entry.key === `invoice:${invoice.id}`)).toBe(
      true,
    );
    expect(h.state.runs.at(-1)).toMatchObject({ kind: "replay", counts: { replay: 1, found: 1 } });

    const again = await replay(h, source, { runId: "replay-2" });
    expect(again.found).toBe(0);
    expect(h.queue.messages).toHaveLength(0);
  });

  it("filters by key (full or bare id) and by code; the rest stays visible in the DLQ", async () => {
    const h = new UseCaseHarness();
    const source = new InMemoryDeadLetterSource();
    const customers = [rawCustomer(), rawCustomer(), rawCustomer()];
    source.add(
      JSON.stringify(customerMessage(customers[0]!)),
      reason(`customer:${customers[0]!.id}`, "STRING_TOO_LONG"),
    );
    source.add(
      JSON.stringify(customerMessage(customers[1]!)),
      reason(`customer:${customers[1]!.id}`, "UNABLE_TO_LOCK_ROW"),
    );
    source.add(
      JSON.stringify(customerMessage(customers[2]!)),
      reason(`customer:${customers[2]!.id}`, "UNABLE_TO_LOCK_ROW"),
    );

    const byCode = await replay(h, source, { filter: { codes: ["unable_to_lock_row"] } });
    expect(byCode.counts).toMatchObject({ replay: 2, "not-selected": 1 });
    expect(h.queue.keys().sort()).toEqual([`customer:${customers[1]!.id}`, `customer:${customers[2]!.id}`].sort());
    expect(source.visibleCount()).toBe(1);

    const byBareId = await replay(h, source, { filter: { keys: [String(customers[0]!.id)] } });
    expect(byBareId.counts.replay).toBe(1);
    expect(source.letters).toHaveLength(0);
  });

  it("dry run lists, moves nothing and leaves every letter visible", async () => {
    const h = new UseCaseHarness();
    const source = new InMemoryDeadLetterSource();
    const customer = rawCustomer();
    source.add(JSON.stringify(customerMessage(customer)), reason(`customer:${customer.id}`, "E"));
    const summary = await replay(h, source, { dryRun: true });
    expect(summary).toMatchObject({ dryRun: true, found: 1, counts: { replay: 1 } });
    expect(summary.entries[0]).toMatchObject({
      key: `customer:${customer.id}`,
      code: "E",
      reason: `E on customer:${customer.id}`,
    });
    expect(h.queue.messages).toHaveLength(0);
    expect(source.visibleCount()).toBe(1);
  });

  it("sends one message per record (the newest letter), drops letters the state shows synced since", async () => {
    const h = new UseCaseHarness();
    const source = new InMemoryDeadLetterSource();
    const twice = rawCustomer();
    const synced = rawCustomer();
    const newer = rawCustomer();
    source.add(
      JSON.stringify(customerMessage(twice, { runId: "a" })),
      reason(`customer:${twice.id}`, "E1"),
      "2026-11-28T10:00:00.000Z",
    );
    source.add(
      JSON.stringify(customerMessage(twice, { runId: "b" })),
      reason(`customer:${twice.id}`, "E2"),
      "2026-11-28T11:00:00.000Z",
    );
    const syncedMessage = customerMessage(synced);
    source.add(JSON.stringify(syncedMessage), reason(`customer:${synced.id}`, "E"), "2026-11-28T10:00:00.000Z");
    source.add(JSON.stringify(customerMessage(newer)), reason(`customer:${newer.id}`, "E"), "2026-11-28T10:00:00.000Z");
    const state = (key: string, hash: string, updatedAt: string) => ({
      key,
      kind: "customer" as const,
      hash,
      outcome: "synced" as const,
      salesforceIds: {},
      runId: "r",
      updatedAt,
    });
    await h.state.putRecordStates([
      state(`customer:${synced.id}`, syncedMessage.hash, "2026-11-28T09:00:00.000Z"),
      state(`customer:${newer.id}`, "a-newer-hash", "2026-11-28T10:30:00.000Z"),
    ]);

    const summary = await replay(h, source);
    expect(summary.counts).toMatchObject({ replay: 1, duplicate: 1, "already-synced": 1, superseded: 1 });
    expect(h.queue.keys()).toEqual([`customer:${twice.id}`]);
    expect(summary.entries.find((entry) => entry.action === "replay")?.code).toBe("E2");
    expect(source.letters).toHaveLength(0);
  });

  it("leaves bodies that are not sync messages in the DLQ, with the reason", async () => {
    const h = new UseCaseHarness();
    const source = new InMemoryDeadLetterSource();
    source.add("not json", reason("unknown", "message.invalid-json"));
    source.add(
      JSON.stringify({ v: 1, key: "customer:x", kind: "customer", truncated: true }),
      reason("customer:x", "MESSAGE_TOO_LARGE"),
    );
    const summary = await replay(h, source);
    expect(summary.counts.unreplayable).toBe(2);
    expect(summary.entries.every((entry) => entry.note && entry.note.length > 10)).toBe(true);
    expect(source.visibleCount()).toBe(2);
    expect(h.queue.messages).toHaveLength(0);
  });

  it("a failed send releases the letters (nothing lost) and a retry moves them once", async () => {
    const h = new UseCaseHarness();
    const source = new InMemoryDeadLetterSource();
    const customer = rawCustomer();
    source.add(JSON.stringify(customerMessage(customer)), reason(`customer:${customer.id}`, "E"));
    const enqueue = h.queue.enqueue.bind(h.queue);
    let failOnce = true;
    h.queue.enqueue = async (messages) => {
      if (failOnce) {
        failOnce = false;
        throw new Error("SQS unavailable");
      }
      await enqueue(messages);
    };
    await expect(replay(h, source)).rejects.toThrow("SQS unavailable");
    expect(source.visibleCount()).toBe(1);
    const summary = await replay(h, source);
    expect(summary.counts.replay).toBe(1);
    expect(h.queue.keys()).toEqual([`customer:${customer.id}`]);
  });

  it("a lost delete (crash after the send) makes a second replay send again; the sync skips it as unchanged", async () => {
    const h = new UseCaseHarness();
    const source = new InMemoryDeadLetterSource();
    const customer = rawCustomer();
    source.add(JSON.stringify(customerMessage(customer)), reason(`customer:${customer.id}`, "UNABLE_TO_LOCK_ROW"));
    const realDelete = source.delete.bind(source);
    source.delete = async () => {
      throw new Error("crash before the delete");
    };
    await expect(replay(h, source)).rejects.toThrow("crash");
    await h.syncBodies(h.queue.drain());
    await source.release(source.letters); // its visibility timeout ends
    source.delete = realDelete;

    const summary = await replay(h, source, { runId: "replay-2" });
    expect(summary.counts["already-synced"]).toBe(1);
    expect(h.queue.messages).toHaveLength(0);
    expect(h.org.findBy("Account", "Jortt_Customer_Id__c", customer.id)).toHaveLength(1);
  });
});
