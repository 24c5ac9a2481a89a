import { isSyncError } from "../../errors/sync-error";
import type { JorttSource } from "../../ports/jortt-source";

export const DEFAULT_CUSTOMER_CACHE_SIZE = 20_000;

/**
 * The raw customers an invoice message carries. Customers are scanned before invoices, so most are
 * already at hand; memory stays bounded (beyond the cap, customers are fetched by id when an invoice
 * needs them). A customer that is not in the scan (archived, deleted, or past the cap) is fetched
 * once by id; one Jortt does not know or that fails its schema travels as `null` (the sync side then
 * needs its Account to exist already).
 */
export class CustomerLookup {
  private readonly cache = new Map<string, Record<string, unknown> | null>();
  private fetched = 0;

  constructor(
    private readonly jortt: JorttSource,
    private readonly maxCached: number = DEFAULT_CUSTOMER_CACHE_SIZE,
  ) {}

  /** Customers fetched by id so far. */
  get fetchedById(): number {
    return this.fetched;
  }

  remember(id: string, raw: unknown): void {
    if (this.cache.size >= this.maxCached && !this.cache.has(id)) return;
    this.cache.set(id, isRecord(raw) ? raw : null);
  }

  /** A customer the scan found invalid: never fetched again in this run. */
  rememberInvalid(id: string): void {
    this.remember(id, null);
  }

  /** What the cache holds, without fetching (for dead-letter bodies). */
  cached(id: string): Record<string, unknown> | null {
    return this.cache.get(id) ?? null;
  }

  async rawFor(id: string): Promise<Record<string, unknown> | null> {
    const known = this.cache.get(id);
    if (known !== undefined) return known;
    this.fetched += 1;
    try {
      const record = await this.jortt.getCustomer(id);
      const raw = isRecord(record.raw) ? record.raw : null;
      this.remember(id, raw);
      return raw;
    } catch (error) {
      // Unknown or invalid customer: the invoice still moves (its Account may exist already).
      if (isSyncError(error) && error.errorClass === "data") {
        this.remember(id, null);
        return null;
      }
      throw error;
    }
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
