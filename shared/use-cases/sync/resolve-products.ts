import { z } from "zod";
import { soqlString } from "../../adapters/salesforce/soql-literal";
import { contentHash } from "../../domain/content-hash";
import type { PricebookEntryDraft, UpsertRecord } from "../../domain/mapping/mapping-types";
import { EXTERNAL_ID_FIELD } from "../../domain/salesforce/field-catalog";
import { SyncError } from "../../errors/sync-error";
import type { SalesforceGateway } from "../../ports/salesforce-gateway";
import type { StateStore } from "../../ports/state-store";
import { asSyncError } from "../as-sync-error";
import type { SyncBatchLedger } from "./sync-batch-ledger";
import { type InvoiceTask, isPending } from "./sync-tasks";
import { writeRecords } from "./write-records";

const PRODUCT_KEY = EXTERNAL_ID_FIELD.Product2;

/** State cursor per product key: what Salesforce holds for it, so the steady state costs no call. */
export function productCursorName(productKey: string): string {
  return `product:${productKey}`;
}

const ProductCacheSchema = z.object({
  /** Hash of the Product2 fields last upserted. */
  hash: z.string(),
  product2Id: z.string(),
  pricebookId: z.string(),
  pricebookEntryId: z.string(),
});
type ProductCache = z.infer<typeof ProductCacheSchema>;

interface ProductNeed {
  key: string;
  record: UpsertRecord;
  entry: PricebookEntryDraft | undefined;
  hash: string;
  users: InvoiceTask[];
  cached: ProductCache | undefined;
  product2Id?: string;
  pricebookEntryId?: string;
}

interface EntryRow {
  Id: string;
  Product2Id: string;
  IsActive: boolean | null;
}

/**
 * Makes sure every product the batch's lines use exists with an active entry in the standard price
 * book, and returns product key → PricebookEntry Id. Cached per product in state cursors, so a
 * known product costs nothing. For new or changed products: one Product2 upsert (by
 * Jortt_Product_Key__c); PricebookEntry has no external id, so existing entries are found with one
 * SOQL and only missing ones are created (inactive ones activated). A create that lost a race to a
 * concurrent batch (DUPLICATE_VALUE) is resolved by reading the entry again. Invoices whose product
 * failed fail with its error.
 */
export async function resolveProducts(
  deps: { salesforce: SalesforceGateway; state: StateStore },
  tasks: readonly InvoiceTask[],
  pricebookId: string,
  ledger: SyncBatchLedger,
): Promise<Map<string, string>> {
  const needs = await collectNeeds(deps.state, tasks.filter(isPending), pricebookId);
  const entries = new Map<string, string>();
  const unresolved: ProductNeed[] = [];
  for (const need of needs) {
    if (need.cached) entries.set(need.key, need.cached.pricebookEntryId);
    else unresolved.push(need);
  }
  if (unresolved.length === 0) return entries;

  const failed = new Set<ProductNeed>();
  const fail = (need: ProductNeed, error: SyncError) => {
    failed.add(need);
    for (const task of need.users) if (isPending(task)) ledger.fail(task, error);
  };
  await writeRecords(
    unresolved.map((need) => ({ item: need, record: need.record.fields })),
    (records) => deps.salesforce.upsertRecords("Product2", PRODUCT_KEY, records),
    (need, id) => {
      need.product2Id = id;
    },
    fail,
  );
  if (ledger.stop) return entries;
  const upserted = unresolved.filter((need) => !failed.has(need));
  try {
    await findEntries(deps.salesforce, upserted, pricebookId, ledger, fail);
    if (ledger.stop) return entries;
    await createEntries(
      deps.salesforce,
      upserted.filter((need) => !failed.has(need) && !need.pricebookEntryId),
      pricebookId,
      fail,
    );
  } catch (error) {
    for (const need of upserted) if (!failed.has(need)) fail(need, asSyncError(error));
    return entries;
  }

  for (const need of upserted) {
    if (!failed.has(need) && !need.pricebookEntryId) fail(need, entryMissing(need.key));
  }
  const resolved = upserted.filter((need) => !failed.has(need) && need.pricebookEntryId && need.product2Id);
  for (const need of resolved) entries.set(need.key, need.pricebookEntryId as string);
  // A lost cursor only costs the lookup again next time.
  await Promise.all(
    resolved.map((need) =>
      deps.state
        .putCursor(
          productCursorName(need.key),
          JSON.stringify({
            hash: need.hash,
            product2Id: need.product2Id as string,
            pricebookId,
            pricebookEntryId: need.pricebookEntryId as string,
          } satisfies ProductCache),
        )
        .catch(() => undefined),
    ),
  );
  return entries;
}

async function collectNeeds(
  state: StateStore,
  tasks: readonly InvoiceTask[],
  pricebookId: string,
): Promise<ProductNeed[]> {
  const byKey = new Map<string, ProductNeed>();
  for (const task of tasks) {
    for (const record of task.mapping.records.products) {
      const key = record.externalId;
      const need = byKey.get(key);
      if (need) {
        need.users.push(task);
        continue;
      }
      const entry = task.mapping.records.pricebookEntries.find((draft) => draft.productKey === key);
      byKey.set(key, { key, record, entry, hash: contentHash(record.fields), users: [task], cached: undefined });
    }
  }
  const needs = [...byKey.values()];
  const cached = await Promise.all(
    needs.map((need) => state.getCursor(productCursorName(need.key)).catch(() => undefined)),
  );
  needs.forEach((need, index) => {
    const parsed = readCache(cached[index]);
    // A changed product (name…) or another price book is written again; the entry is re-checked.
    if (parsed && parsed.hash === need.hash && parsed.pricebookId === pricebookId) need.cached = parsed;
  });
  return needs;
}

/** One SOQL for the entries of all products; inactive ones are activated (one update call). */
async function findEntries(
  salesforce: SalesforceGateway,
  needs: readonly ProductNeed[],
  pricebookId: string,
  ledger: SyncBatchLedger,
  fail: (need: ProductNeed, error: SyncError) => void,
): Promise<void> {
  if (needs.length === 0) return;
  const rows = await queryEntries(salesforce, needs, pricebookId);
  const inactive: { item: ProductNeed; record: Record<string, unknown> }[] = [];
  for (const need of needs) {
    const row = rows.find((candidate) => candidate.Product2Id === need.product2Id);
    if (!row) continue;
    need.pricebookEntryId = row.Id;
    if (row.IsActive !== true) inactive.push({ item: need, record: { Id: row.Id, IsActive: true } });
  }
  if (ledger.stop) return;
  await writeRecords(
    inactive,
    (records) => salesforce.updateRecords("PricebookEntry", records),
    () => undefined,
    fail,
  );
}

async function createEntries(
  salesforce: SalesforceGateway,
  needs: readonly ProductNeed[],
  pricebookId: string,
  fail: (need: ProductNeed, error: SyncError) => void,
): Promise<void> {
  const raced: ProductNeed[] = [];
  await writeRecords(
    needs.map((need) => ({ item: need, record: entryRecord(need, pricebookId) })),
    (records) => salesforce.createRecords("PricebookEntry", records),
    (need, id) => {
      need.pricebookEntryId = id;
    },
    (need, error) => {
      if (error.code === "DUPLICATE_VALUE") raced.push(need);
      else fail(need, error);
    },
  );
  if (raced.length === 0) return;
  const rows = await queryEntries(salesforce, raced, pricebookId);
  for (const need of raced) {
    const row = rows.find((candidate) => candidate.Product2Id === need.product2Id);
    if (row) need.pricebookEntryId = row.Id;
  }
}

function queryEntries(salesforce: SalesforceGateway, needs: readonly ProductNeed[], pricebookId: string) {
  return salesforce.queryIn<EntryRow>(
    needs.map((need) => need.product2Id as string),
    (list) =>
      `SELECT Id, Product2Id, IsActive FROM PricebookEntry WHERE Pricebook2Id = ${soqlString(pricebookId)} AND Product2Id IN ${list}`,
  );
}

/** The mapping's draft, linked to the product by Id (known from the upsert) and to the standard book. */
function entryRecord(need: ProductNeed, pricebookId: string): Record<string, unknown> {
  const {
    Product2: _reference,
    Pricebook2Id: _book,
    ...fields
  } = need.entry?.fields ?? { UnitPrice: 0, IsActive: true };
  return { ...fields, Pricebook2Id: pricebookId, Product2Id: need.product2Id };
}

function entryMissing(productKey: string): SyncError {
  return new SyncError(`No standard price book entry could be found or created for product ${productKey}`, {
    code: "PRICEBOOK_ENTRY_MISSING",
    errorClass: "transient",
    source: "salesforce",
    hint: "Retried on redelivery; if it persists, check the product's standard price in Salesforce.",
  });
}

function readCache(value: string | undefined): ProductCache | undefined {
  if (!value) return undefined;
  try {
    const parsed = ProductCacheSchema.safeParse(JSON.parse(value));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
