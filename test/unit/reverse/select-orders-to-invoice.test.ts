import { Logger } from "@aws-lambda-powertools/logger";
import { parseSettings } from "../../../shared/config/parse-settings";
import type { SettingsInput } from "../../../shared/config/settings-schema";
import {
  orderVersionHash,
  parseSalesforceDateTime,
  soqlDateTimeLiteral,
} from "../../../shared/domain/reverse/order-modstamp";
import { ordersToInvoiceSoql } from "../../../shared/domain/reverse/order-selection-soql";
import { SyncError } from "../../../shared/errors/sync-error";
import {
  advanceOrderWatermark,
  NO_WATERMARK,
  ORDER_WATERMARK_CURSOR,
  readOrderWatermark,
} from "../../../shared/use-cases/reverse/order-watermark";
import { selectOrdersToInvoice } from "../../../shared/use-cases/reverse/select-orders-to-invoice";
import { InMemorySyncQueue } from "../../support/fakes/in-memory-queues";
import { InMemoryStateStore } from "../../support/fakes/in-memory-state-store";

type Row = { Id: string; SystemModstamp: string };

const at = (minute: number, second = 0) =>
  `2026-11-28T10:${String(minute).padStart(2, "0")}:${String(second).padStart(2, "0")}.000+0000`;
const id = (n: number) => `801${String(n).padStart(12, "0")}AAA`;

/** Answers the two poll queries from lists the test controls, and records the SOQL it was sent. */
class PollOrg {
  selection: Row[] = [];
  awaiting: Row[] = [];
  readonly soql: string[] = [];
  failWith: SyncError | undefined;
  callCount = 0;

  async query<T>(soql: string): Promise<T[]> {
    this.callCount += 1;
    this.soql.push(soql);
    if (this.failWith) throw this.failWith;
    return (soql.includes("Jortt_Invoice_Id__c = null") ? this.selection : this.awaiting) as T[];
  }
  queryIn = async () => [];
  upsertRecords = async () => ({ outcomes: [] });
  updateRecords = async () => ({ outcomes: [] });
  createRecords = async () => ({ outcomes: [] });
  deleteRecords = async () => ({ outcomes: [] });
  describe = async () => ({ fields: [] });
  apiUsage = () => undefined;
}

function harness(settings: SettingsInput = { flows: { salesforceToJortt: true } }) {
  const org = new PollOrg();
  const state = new InMemoryStateStore();
  const queue = new InMemorySyncQueue();
  const deps = {
    now: () => new Date("2026-11-28T10:30:00.000Z"),
    logger: new Logger({ serviceName: "reverse-unit", logLevel: "SILENT" }),
    salesforce: org,
    state,
    queue,
    settings: parseSettings(settings),
  };
  return { org, state, queue, select: (runId = "poll") => selectOrdersToInvoice(deps, { runId }) };
}

describe("selectOrdersToInvoice", () => {
  it("first poll: every selected Order, oldest change first; one OrderMessage each; the watermark stored", async () => {
    const h = harness();
    h.org.selection = [
      { Id: id(1), SystemModstamp: at(1) },
      { Id: id(2), SystemModstamp: at(2) },
    ];

    const summary = await h.select("poll-1");

    expect(summary).toMatchObject({
      status: "succeeded",
      counts: { ordersSelected: 2, ordersEnqueued: 2, numberChecks: 0 },
    });
    expect(h.org.soql[0]).toBe(
      "SELECT Id, SystemModstamp FROM Order WHERE Jortt_Send__c = true AND Jortt_Invoice_Id__c = null ORDER BY SystemModstamp ASC, Id ASC LIMIT 2000",
    );
    expect(h.queue.messages[0]).toEqual({
      v: 1,
      runId: "poll-1",
      key: `order:${id(1)}`,
      hash: orderVersionHash(id(1), at(1)),
      kind: "order",
      orderId: id(1),
      systemModstamp: at(1),
    });
    expect(readOrderWatermark(h.state.cursors.get(ORDER_WATERMARK_CURSOR)).watermarkMs).toBe(
      parseSalesforceDateTime(at(2)),
    );
  });

  it("next polls: from the watermark minus the overlap, with the configured criterion; the same Order version is not sent twice", async () => {
    const h = harness({
      flows: { salesforceToJortt: true },
      reverse: { overlapMinutes: 5, selection: { soqlWhere: "Type = 'Invoice'" } },
    });
    h.org.selection = [{ Id: id(1), SystemModstamp: at(20) }];
    await h.select();
    // Polled again: still selected (not pushed yet), plus a new one.
    h.org.selection = [
      { Id: id(1), SystemModstamp: at(20) },
      { Id: id(2), SystemModstamp: at(21) },
    ];
    const second = await h.select();

    expect(h.org.soql[2]).toContain("AND (Type = 'Invoice') AND SystemModstamp >= 2026-11-28T10:15:00Z ORDER BY");
    expect(second.counts).toMatchObject({ ordersSelected: 2, ordersAlreadyQueued: 1, ordersEnqueued: 1 });
    expect(h.queue.keys()).toEqual([`order:${id(1)}`, `order:${id(2)}`]);
  });

  it("an Order whose version state already holds (handled, or dead-lettered and unchanged) is held; a changed one is sent again", async () => {
    const h = harness();
    await h.state.putRecordStates([
      {
        key: `order:${id(1)}`,
        kind: "order",
        hash: orderVersionHash(id(1), at(1)),
        outcome: "dead-lettered",
        salesforceIds: {},
        runId: "r",
        updatedAt: "x",
      },
    ]);
    h.org.selection = [{ Id: id(1), SystemModstamp: at(1) }];
    expect((await h.select()).counts).toMatchObject({ ordersUnchanged: 1, ordersEnqueued: 0 });
    h.org.selection = [{ Id: id(1), SystemModstamp: at(3) }]; // the user fixed the Order
    expect((await h.select()).counts).toMatchObject({ ordersUnchanged: 0, ordersEnqueued: 1 });
  });

  it("enqueues a check for each Order sent with a send method whose number is unknown", async () => {
    const h = harness();
    h.org.awaiting = [{ Id: id(9), SystemModstamp: at(9) }];
    const summary = await h.select();
    expect(h.org.soql[1]).toBe(
      "SELECT Id, SystemModstamp FROM Order WHERE Jortt_Send__c = true AND Jortt_Invoice_Id__c != null AND Jortt_Status__c = null ORDER BY SystemModstamp ASC LIMIT 200",
    );
    expect(summary.counts).toMatchObject({ numberChecks: 1, ordersEnqueued: 1 });
    // Number checks do not move the watermark.
    expect(h.state.cursors.has(ORDER_WATERMARK_CURSOR)).toBe(false);
  });

  it("does nothing when the flow is off, and reports a failed poll without moving the watermark", async () => {
    const off = harness({});
    expect((await off.select()).status).toBe("disabled");
    expect(off.org.callCount).toBe(0);

    const h = harness();
    h.org.failWith = new SyncError("limit", {
      code: "REQUEST_LIMIT_EXCEEDED",
      errorClass: "rate-limit",
      source: "salesforce",
    });
    const summary = await h.select();
    expect(summary).toMatchObject({ status: "stopped", error: { code: "REQUEST_LIMIT_EXCEEDED" } });
    expect(h.queue.messages).toHaveLength(0);
    expect(h.state.cursors.size).toBe(0);
  });
});

describe("order watermark cursor", () => {
  it("keeps the highest SystemModstamp and remembers only the Orders inside the overlap window, newest first, capped", () => {
    const rows = [0, 1, 2, 8, 9, 10].map((minute) => ({ Id: id(minute), SystemModstamp: at(minute) }));
    const cursor = readOrderWatermark(advanceOrderWatermark(NO_WATERMARK, rows, 2));
    expect(cursor.watermarkMs).toBe(parseSalesforceDateTime(at(10)));
    expect([...cursor.recent.keys()]).toEqual([id(10), id(9), id(8)]);
    const capped = readOrderWatermark(advanceOrderWatermark(NO_WATERMARK, rows, 60, 2));
    expect([...capped.recent.keys()]).toEqual([id(10), id(9)]);
    // Never moves back; remembered Orders survive while inside the window.
    const next = readOrderWatermark(advanceOrderWatermark(cursor, [{ Id: id(5), SystemModstamp: at(5) }], 2));
    expect(next.watermarkMs).toBe(parseSalesforceDateTime(at(10)));
    expect(next.recent.has(id(9))).toBe(true);
  });

  it("reads a missing or damaged cursor as 'from the start'", () => {
    expect(readOrderWatermark(undefined)).toBe(NO_WATERMARK);
    expect(readOrderWatermark("{not json")).toBe(NO_WATERMARK);
    expect(readOrderWatermark(JSON.stringify({ v: 2 }))).toBe(NO_WATERMARK);
    expect(advanceOrderWatermark(NO_WATERMARK, [], 5)).toBeUndefined();
  });

  it("SOQL DateTime literals are second-precision UTC; Salesforce's +0000 offsets parse", () => {
    expect(soqlDateTimeLiteral(Date.parse("2026-11-28T10:00:05.999Z"))).toBe("2026-11-28T10:00:05Z");
    expect(parseSalesforceDateTime("2026-11-28T11:00:00.000+0100")).toBe(Date.parse("2026-11-28T10:00:00.000Z"));
    expect(parseSalesforceDateTime("yesterday")).toBeUndefined();
    expect(ordersToInvoiceSoql({ field: "Ready__c" }, undefined, 10)).toBe(
      "SELECT Id, SystemModstamp FROM Order WHERE Ready__c = true AND Jortt_Invoice_Id__c = null ORDER BY SystemModstamp ASC, Id ASC LIMIT 10",
    );
  });
});
