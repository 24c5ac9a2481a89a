/** One API request as the sandbox saw it (for tests: which URLs did the client build?). */
export interface SandboxRequestRecord {
  method: string;
  /** Path without the query string. */
  path: string;
  /** Query parameters as received. */
  query: Record<string, string>;
  status: number;
  /** Arrival time, ms since the sandbox started. */
  atMs: number;
}

export interface JorttSandboxStats {
  /** API requests (excludes token and control requests). */
  total: number;
  tokenRequests: number;
  byStatus: Record<string, number>;
  /** Keyed `METHOD /path-pattern`, e.g. `GET /invoices/:id`. */
  byRoute: Record<string, number>;
  throttled: number;
  faultsInjected: number;
  /** The most API requests that arrived within any 1-second window. */
  maxRequestsInAnySecond: number;
  /** The most recent requests (up to 5 000), oldest first. */
  requests: SandboxRequestRecord[];
}

const MAX_LOG = 5_000;

export class SandboxStatsRecorder {
  private stats: JorttSandboxStats = emptyStats();
  /** Arrival times within the last second, for `maxRequestsInAnySecond`. */
  private window: number[] = [];

  recordArrival(atMs: number): void {
    this.window.push(atMs);
    while (this.window.length > 0 && (this.window[0] as number) <= atMs - 1000) this.window.shift();
    if (this.window.length > this.stats.maxRequestsInAnySecond) this.stats.maxRequestsInAnySecond = this.window.length;
  }

  recordResponse(record: SandboxRequestRecord, route: string, kind: "throttled" | "fault" | "normal"): void {
    this.stats.total += 1;
    this.stats.byStatus[String(record.status)] = (this.stats.byStatus[String(record.status)] ?? 0) + 1;
    this.stats.byRoute[route] = (this.stats.byRoute[route] ?? 0) + 1;
    if (kind === "throttled") this.stats.throttled += 1;
    if (kind === "fault") this.stats.faultsInjected += 1;
    this.stats.requests.push(record);
    if (this.stats.requests.length > MAX_LOG) this.stats.requests.shift();
  }

  recordTokenRequest(): void {
    this.stats.tokenRequests += 1;
  }

  snapshot(): JorttSandboxStats {
    return structuredClone(this.stats);
  }

  reset(): void {
    this.stats = emptyStats();
    this.window = [];
  }
}

function emptyStats(): JorttSandboxStats {
  return {
    total: 0,
    tokenRequests: 0,
    byStatus: {},
    byRoute: {},
    throttled: 0,
    faultsInjected: 0,
    maxRequestsInAnySecond: 0,
    requests: [],
  };
}
