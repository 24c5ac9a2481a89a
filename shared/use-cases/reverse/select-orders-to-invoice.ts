import type { Settings } from "../../config/settings-schema";
import { recordKey } from "../../domain/record-key";
import { orderVersionHash } from "../../domain/reverse/order-modstamp";
import { ordersAwaitingNumberSoql, ordersToInvoiceSoql } from "../../domain/reverse/order-selection-soql";
import { type OrderModstampRow, OrderModstampRowSchema } from "../../domain/reverse/salesforce-order-rows";
import type { OrderMessage } from "../../domain/sync-message";
import type { SalesforceGateway } from "../../ports/salesforce-gateway";
import type { StateStore } from "../../ports/state-store";
import type { SyncQueue } from "../../ports/sync-queue";
import { asSyncError } from "../as-sync-error";
import type { UseCaseRuntime } from "../use-case-deps";
import {
  advanceOrderWatermark,
  ORDER_WATERMARK_CURSOR,
  type OrderWatermark,
  pollSince,
  readOrderWatermark,
} from "./order-watermark";

export interface SelectOrdersToInvoiceDeps extends UseCaseRuntime {
  salesforce: SalesforceGateway;
  state: StateStore;
  queue: SyncQueue;
  settings: Settings;
  /** Orders taken per poll (default 2000); the rest follow on the next schedule. */
  maxOrdersPerRun?: number;
  /** Orders checked per poll for a Jortt invoice number (default 200). */
  maxNumberChecksPerRun?: number;
}

export interface SelectOrdersCounts {
  /** Orders the selection query returned. */
  ordersSelected: number;
  /** Order messages enqueued (new selections plus number checks). */
  ordersEnqueued: number;
  /** Selected, but state already holds this version of the Order (handled, or dead-lettered and unchanged). */
  ordersUnchanged: number;
  /** Selected, but enqueued by an earlier poll inside the overlap window and unchanged since. */
  ordersAlreadyQueued: number;
  /** Orders sent with a send method whose invoice number is not written back yet. */
  numberChecks: number;
  salesforceApiCalls: number;
  durationMs: number;
}

export interface SelectOrdersSummary {
  runId: string;
  /** disabled: flows.salesforceToJortt is off; stopped: a rate limit ended it (next schedule resumes). */
  status: "succeeded" | "failed" | "stopped" | "disabled";
  counts: SelectOrdersCounts;
  error?: { code: string; errorClass: string; message: string; hint?: string };
}

/**
 * The fetch side of the reverse flow (Salesforce → Jortt): polls Salesforce for the Orders to
 * invoice (settings.reverse.selection: the checkbox ticked, no `Jortt_Invoice_Id__c`, the optional
 * criterion) modified since the SystemModstamp watermark minus `reverse.overlapMinutes`,
 * de-duplicates them (against state: an Order version already handled or dead-lettered is not sent
 * again until it changes; against the cursor: one still queued from the previous poll is not sent
 * twice), and enqueues one OrderMessage per Order on the sync queue. It also enqueues a check for
 * each Order sent with a send method whose invoice number is still unknown. The watermark advances
 * only after the messages are on the queue.
 *
 * Costs 2 SOQL queries, one state BatchGet per 100 Orders, no Jortt call. Never throws for a
 * run-level error: the summary says failed/stopped.
 */
export async function selectOrdersToInvoice(
  deps: SelectOrdersToInvoiceDeps,
  input: { runId: string },
): Promise<SelectOrdersSummary> {
  const started = deps.now();
  const callsBefore = deps.salesforce.callCount;
  const counts: SelectOrdersCounts = {
    ordersSelected: 0,
    ordersEnqueued: 0,
    ordersUnchanged: 0,
    ordersAlreadyQueued: 0,
    numberChecks: 0,
    salesforceApiCalls: 0,
    durationMs: 0,
  };
  if (!deps.settings.flows.salesforceToJortt)
    return finish(deps, input.runId, "disabled", counts, started, callsBefore);
  try {
    await poll(deps, input.runId, counts);
    return finish(deps, input.runId, "succeeded", counts, started, callsBefore);
  } catch (caught) {
    const error = asSyncError(caught);
    const status = error.errorClass === "rate-limit" ? "stopped" : "failed";
    deps.logger.error("order poll failed", { runId: input.runId, error: error.toJSON() });
    return {
      ...finish(deps, input.runId, status, counts, started, callsBefore),
      error: {
        code: error.code,
        errorClass: error.errorClass,
        message: error.message,
        ...(error.hint ? { hint: error.hint } : {}),
      },
    };
  }
}

async function poll(deps: SelectOrdersToInvoiceDeps, runId: string, counts: SelectOrdersCounts): Promise<void> {
  const reverse = deps.settings.reverse;
  const watermark = readOrderWatermark(await deps.state.getCursor(ORDER_WATERMARK_CURSOR));
  const selected = await deps.salesforce.query<OrderModstampRow>(
    ordersToInvoiceSoql(reverse.selection, pollSince(watermark, reverse.overlapMinutes), deps.maxOrdersPerRun ?? 2000),
  );
  const rows = selected.map((row) => OrderModstampRowSchema.parse(row));
  counts.ordersSelected = rows.length;
  const fresh = await dropHandledOrders(deps.state, rows, watermark, counts);

  const awaiting = (
    await deps.salesforce.query<OrderModstampRow>(
      ordersAwaitingNumberSoql(reverse.selection, deps.maxNumberChecksPerRun ?? 200),
    )
  ).map((row) => OrderModstampRowSchema.parse(row));
  const freshIds = new Set(fresh.map((row) => row.Id));
  const checks = awaiting.filter((row) => !freshIds.has(row.Id));
  counts.numberChecks = checks.length;

  const messages = [...fresh, ...checks].map((row) => orderMessage(runId, row));
  if (messages.length > 0) await deps.queue.enqueue(messages);
  counts.ordersEnqueued = messages.length;
  const next = advanceOrderWatermark(watermark, rows, reverse.overlapMinutes);
  if (next !== undefined) await deps.state.putCursor(ORDER_WATERMARK_CURSOR, next);
}

/** Keeps the Orders that need a message: not handled in this version, not queued by the last poll. */
async function dropHandledOrders(
  state: StateStore,
  rows: readonly OrderModstampRow[],
  watermark: OrderWatermark,
  counts: SelectOrdersCounts,
): Promise<OrderModstampRow[]> {
  if (rows.length === 0) return [];
  const states = await state.getRecordStates(rows.map((row) => recordKey("order", row.Id)));
  return rows.filter((row) => {
    const stored = states.get(recordKey("order", row.Id));
    if (stored?.hash === orderVersionHash(row.Id, row.SystemModstamp)) {
      counts.ordersUnchanged += 1;
      return false;
    }
    if (watermark.recent.get(row.Id) === row.SystemModstamp) {
      counts.ordersAlreadyQueued += 1;
      return false;
    }
    return true;
  });
}

function orderMessage(runId: string, row: OrderModstampRow): OrderMessage {
  return {
    v: 1,
    runId,
    key: recordKey("order", row.Id),
    hash: orderVersionHash(row.Id, row.SystemModstamp),
    kind: "order",
    orderId: row.Id,
    systemModstamp: row.SystemModstamp,
  };
}

function finish(
  deps: SelectOrdersToInvoiceDeps,
  runId: string,
  status: SelectOrdersSummary["status"],
  counts: SelectOrdersCounts,
  started: Date,
  callsBefore: number,
): SelectOrdersSummary {
  counts.salesforceApiCalls = deps.salesforce.callCount - callsBefore;
  counts.durationMs = deps.now().getTime() - started.getTime();
  if (status !== "disabled") deps.logger.info("order poll done", { runId, status, counts });
  return { runId, status, counts };
}
