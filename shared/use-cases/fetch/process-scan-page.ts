import { contentHash, mappingContentHash } from "../../domain/content-hash";
import type { JorttCustomer } from "../../domain/jortt/customer-schema";
import type { JorttInvoice } from "../../domain/jortt/invoice-schema";
import { mapCustomer } from "../../domain/mapping/map-customer";
import { mapInvoice } from "../../domain/mapping/map-invoice";
import type { MappingContext } from "../../domain/mapping/mapping-types";
import { recordKey } from "../../domain/record-key";
import { MAX_MESSAGE_BYTES, type SyncMessage } from "../../domain/sync-message";
import { SyncError } from "../../errors/sync-error";
import type { JorttScanPage } from "../../ports/jortt-source";
import type { ActivityEntry, RecordState, StateStore } from "../../ports/state-store";
import type { DeadLetterQueue, DeadLetterReason, SyncQueue } from "../../ports/sync-queue";
import { asMappingError } from "../as-mapping-error";
import type { CustomerLookup } from "./customer-lookup";
import type { FetchCounts } from "./fetch-counts";

export type ScanKind = "customer" | "invoice";

export interface PageContext {
  runId: string;
  mappingContext: MappingContext;
  state: StateStore;
  queue: SyncQueue;
  deadLetters: DeadLetterQueue;
  customers: CustomerLookup;
  /** Record keys seen earlier in this run: offset paging shifts, and status filters overlap. */
  seen: Set<string>;
  counts: FetchCounts;
  now: () => Date;
}

type ScannedRecord =
  | { key: string; hash: string; ok: true; raw: Record<string, unknown>; customerId: string | null; warnings: number }
  | { key: string; hash: string; ok: false; raw: unknown; error: SyncError; customerId: string | null };

/**
 * One page of a scan: hash every record (content hash of its mapping with the mapping version),
 * compare with state in ONE BatchGet, and act only on what changed:
 * - new or changed valid record → one queue message (an invoice carries its raw customer);
 * - invalid record (schema or mapping) → straight to the DLQ with the reason, and a state entry
 *   (outcome invalid, hash of the raw record), so an unchanged bad record is dead-lettered once;
 * - same hash as stored → nothing: unchanged when synced, held when dead-lettered/quarantined/invalid
 *   (those wait for a replay or a change).
 * No Salesforce call is made here.
 */
export async function processScanPage(
  kind: ScanKind,
  page: JorttScanPage<JorttCustomer> | JorttScanPage<JorttInvoice>,
  ctx: PageContext,
): Promise<void> {
  ctx.counts.pages += 1;
  ctx.counts.duplicates += page.duplicates;
  const scanned = scanRecords(kind, page, ctx);
  if (kind === "customer") ctx.counts.customersScanned += scanned.length;
  else ctx.counts.invoicesScanned += scanned.length;
  if (scanned.length === 0) return;

  const states = await ctx.state.getRecordStates(scanned.map((record) => record.key));
  const messages: SyncMessage[] = [];
  const invalid: Extract<ScannedRecord, { ok: false }>[] = [];
  for (const record of scanned) {
    const stored = states.get(record.key);
    if (stored?.hash === record.hash) {
      if (stored.outcome === "synced") ctx.counts.unchanged += 1;
      else ctx.counts.held += 1;
      continue;
    }
    if (!record.ok) {
      invalid.push(record);
      continue;
    }
    const message = await messageFor(kind, record, ctx);
    if (Buffer.byteLength(JSON.stringify(message)) > MAX_MESSAGE_BYTES) {
      invalid.push({ ...record, ok: false, error: tooLarge(record.key) });
      continue;
    }
    ctx.counts.mappingWarnings += record.warnings;
    messages.push(message);
  }

  if (messages.length > 0) {
    await ctx.queue.enqueue(messages);
    ctx.counts.enqueued += messages.length;
    if (kind === "customer") ctx.counts.customersEnqueued += messages.length;
    else ctx.counts.invoicesEnqueued += messages.length;
  }
  await deadLetterInvalid(kind, invalid, states, ctx);
  const at = ctx.now().toISOString();
  const activity: ActivityEntry[] = [
    ...messages.map((message) => ({ runId: ctx.runId, key: message.key, event: "enqueued", at })),
    ...invalid.map((record) => ({ runId: ctx.runId, key: record.key, event: "invalid", code: record.error.code, at })),
  ];
  if (activity.length > 0) await ctx.state.appendActivity(activity).catch(() => undefined);
}

function scanRecords(
  kind: ScanKind,
  page: JorttScanPage<JorttCustomer> | JorttScanPage<JorttInvoice>,
  ctx: PageContext,
): ScannedRecord[] {
  const scanned: ScannedRecord[] = [];
  const firstSighting = (key: string) => {
    if (ctx.seen.has(key)) {
      ctx.counts.duplicates += 1;
      return false;
    }
    ctx.seen.add(key);
    return true;
  };
  for (const record of page.records) {
    const key = recordKey(kind, record.id);
    if (!firstSighting(key)) continue;
    const customerId = kind === "invoice" ? ((record.value as JorttInvoice).customer_id ?? null) : null;
    if (kind === "customer") ctx.customers.remember(record.id, record.raw);
    try {
      const mapping =
        kind === "customer"
          ? mapCustomer(record.value as JorttCustomer, ctx.mappingContext)
          : mapInvoice(record.value as JorttInvoice, ctx.mappingContext);
      scanned.push({
        key,
        hash: mappingContentHash(mapping),
        ok: true,
        raw: record.raw as Record<string, unknown>,
        customerId,
        warnings: mapping.warnings.length,
      });
    } catch (error) {
      if (kind === "customer") ctx.customers.rememberInvalid(record.id);
      scanned.push({
        key,
        hash: contentHash(record.raw),
        ok: false,
        raw: record.raw,
        error: asMappingError(error, key),
        customerId,
      });
    }
  }
  for (const record of page.invalid) {
    const hash = contentHash(record.raw);
    // Without a usable id the raw content names the record, so an unchanged one is still seen once.
    const key = recordKey(kind, record.id ?? `unidentified-${hash.slice(0, 16)}`);
    if (!firstSighting(key)) continue;
    if (kind === "customer" && record.id) ctx.customers.rememberInvalid(record.id);
    const customerId = kind === "invoice" ? rawCustomerId(record.raw) : null;
    scanned.push({ key, hash, ok: false, raw: record.raw, error: record.error, customerId });
  }
  return scanned;
}

async function messageFor(
  kind: ScanKind,
  record: Extract<ScannedRecord, { ok: true }>,
  ctx: PageContext,
): Promise<SyncMessage> {
  const base = { v: 1 as const, runId: ctx.runId, key: record.key, hash: record.hash };
  if (kind === "customer") return { ...base, kind: "customer", customer: record.raw };
  const customer = record.customerId ? await ctx.customers.rawFor(record.customerId) : null;
  return { ...base, kind: "invoice", invoice: record.raw, customer };
}

/** DLQ first; the `invalid` state is written only for what the DLQ accepted (so it is never lost). */
async function deadLetterInvalid(
  kind: ScanKind,
  invalid: readonly Extract<ScannedRecord, { ok: false }>[],
  states: ReadonlyMap<string, RecordState>,
  ctx: PageContext,
): Promise<void> {
  if (invalid.length === 0) return;
  await ctx.deadLetters.deadLetter(
    invalid.map((record) => ({ body: deadLetterBody(kind, record, ctx), reason: reasonOf(record) })),
  );
  const updatedAt = ctx.now().toISOString();
  await ctx.state.putRecordStates(
    invalid.map((record) => ({
      key: record.key,
      kind,
      hash: record.hash,
      outcome: "invalid" as const,
      // Kept: if the record becomes valid again, its Salesforce ids are still known.
      salesforceIds: states.get(record.key)?.salesforceIds ?? {},
      errorCode: record.error.code,
      runId: ctx.runId,
      updatedAt,
    })),
  );
  ctx.counts.invalid += invalid.length;
}

/** A queue-shaped body, so a replay after a fix (schema, mapping override) goes through sync as is. */
function deadLetterBody(kind: ScanKind, record: Extract<ScannedRecord, { ok: false }>, ctx: PageContext): string {
  const raw = typeof record.raw === "object" && record.raw !== null ? record.raw : { value: record.raw };
  const base = { v: 1, runId: ctx.runId, key: record.key, hash: record.hash };
  const body =
    kind === "customer"
      ? { ...base, kind, customer: raw }
      : { ...base, kind, invoice: raw, customer: record.customerId ? ctx.customers.cached(record.customerId) : null };
  const text = JSON.stringify(body);
  return Buffer.byteLength(text) <= MAX_MESSAGE_BYTES ? text : JSON.stringify({ ...base, kind, truncated: true });
}

function reasonOf(record: Extract<ScannedRecord, { ok: false }>): DeadLetterReason {
  const { error } = record;
  return {
    key: record.key,
    code: error.code,
    message:
      error.field && !error.message.includes(error.field) ? `${error.message} (field ${error.field})` : error.message,
    ...(error.hint ? { hint: error.hint } : {}),
  };
}

function rawCustomerId(raw: unknown): string | null {
  if (typeof raw !== "object" || raw === null) return null;
  const id = (raw as { customer_id?: unknown }).customer_id;
  return typeof id === "string" ? id : null;
}

function tooLarge(key: string): SyncError {
  return new SyncError(`${key} is larger than a queue message may be (${MAX_MESSAGE_BYTES} bytes)`, {
    code: "MESSAGE_TOO_LARGE",
    errorClass: "data",
    source: "pipeline",
    recordKey: key,
    hint: "Split the invoice in Jortt (fewer lines), or sync it by hand.",
  });
}
