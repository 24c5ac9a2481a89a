import { API_CALL_KINDS, type ApiCallKind } from "../faults/fault-settings";

/** API calls counted like Salesforce's rolling 24 h allocation (one per REST call; composite = one). */
export interface ApiCallStats {
  total: number;
  /** Calls that write (create, update, upsert, delete, composite, tree). */
  writes: number;
  byKind: Record<ApiCallKind, number>;
  dailyLimit: number;
}

const WRITE_KINDS: ReadonlySet<ApiCallKind> = new Set(["create", "update", "upsert", "delete", "composite", "tree"]);

function emptyByKind(): Record<ApiCallKind, number> {
  return Object.fromEntries(API_CALL_KINDS.map((kind) => [kind, 0])) as Record<ApiCallKind, number>;
}

export class ApiUsage {
  private used = 0;
  private writes = 0;
  private byKind = emptyByKind();
  dailyLimit: number;

  constructor(dailyLimit: number) {
    this.dailyLimit = dailyLimit;
  }

  /** The allocation is spent: the next call gets 403 REQUEST_LIMIT_EXCEEDED. */
  isExhausted(): boolean {
    return this.used >= this.dailyLimit;
  }

  record(kind: ApiCallKind): void {
    this.used += 1;
    this.byKind[kind] += 1;
    if (WRITE_KINDS.has(kind)) this.writes += 1;
  }

  /** `Sforce-Limit-Info` header value. */
  header(): string {
    return `api-usage=${this.used}/${this.dailyLimit}`;
  }

  setUsed(used: number): void {
    this.used = used;
  }

  stats(): ApiCallStats {
    return { total: this.used, writes: this.writes, byKind: { ...this.byKind }, dailyLimit: this.dailyLimit };
  }

  reset(): void {
    this.used = 0;
    this.writes = 0;
    this.byKind = emptyByKind();
  }
}
