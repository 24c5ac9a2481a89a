import type { JorttSandboxStats } from "../sim/jortt";
import type { ApiCallStats } from "../sim/salesforce";
import type { PeakRssReading } from "./peak-rss-sampler";
import type { EndStateCheck } from "./verify-end-state";

/** One measured phase of one side: counters from the sandboxes, time and RSS from the side process. */
export interface PhaseMeasurement {
  side: "product" | "baseline";
  phase: "first-sync" | "steady-state" | "baseline-sample";
  /** Size of the dataset the phase ran on (invoices generated, all statuses). */
  datasetSize: number;
  /** What exactly was measured, in words (the table prints it). */
  measuredOn: string;
  /** Invoices the phase handled: synced (first sync, baseline) or re-scanned unchanged (steady state). */
  invoices: number;
  /** Customers in scope (all of the dataset for the product; the sample's for the baseline). */
  customers: number;
  salesforce: { total: number; writes: number; byKind: Record<string, number> };
  salesforceCallsPerInvoice: number;
  jortt: JorttPhaseCounters;
  wallMs: number;
  /** Invoices per second of wall time. */
  recordsPerSecond: number;
  peakRss: PeakRssReading;
  endState?: EndStateCheck;
  /** Side-specific extras (the baseline's calls per step, the product's run report). */
  detail?: unknown;
}

export interface JorttPhaseCounters {
  /** API requests the sandbox answered (token requests excluded). */
  requests: number;
  tokenRequests: number;
  /** List pages (`GET /customers`, `GET /invoices`, v1/v2 forms). */
  listPages: number;
  throttled: number;
  maxRequestsInAnySecond: number;
  /** Arrival of the first to the last list-page request, as the sandbox saw them (null if none). */
  listSpanMs: number | null;
}

const LIST_ROUTE = /^GET \/(v\d\/)?(customers|invoices)$/;
const LIST_PATH = /^\/(v\d\/)?(customers|invoices)\/?$/;

export function jorttPhaseCounters(stats: JorttSandboxStats): JorttPhaseCounters {
  const listPages = Object.entries(stats.byRoute)
    .filter(([route]) => LIST_ROUTE.test(route))
    .reduce((sum, [, count]) => sum + count, 0);
  const arrivals = stats.requests.filter((request) => LIST_PATH.test(request.path)).map((request) => request.atMs);
  return {
    requests: stats.total,
    tokenRequests: stats.tokenRequests,
    listPages,
    throttled: stats.throttled,
    maxRequestsInAnySecond: stats.maxRequestsInAnySecond,
    listSpanMs: arrivals.length > 0 ? Math.max(...arrivals) - Math.min(...arrivals) : null,
  };
}

export function salesforceCounters(stats: ApiCallStats): PhaseMeasurement["salesforce"] {
  const byKind = Object.fromEntries(Object.entries(stats.byKind).filter(([, count]) => count > 0));
  return { total: stats.total, writes: stats.writes, byKind };
}

/** The figures every phase reports alike: the sandboxes' counters, and the side's wall time and RSS. */
export function phaseFigures(
  counters: { salesforce: ApiCallStats; jortt: JorttSandboxStats },
  invoices: number,
  side: { wallMs: number; rss: PeakRssReading },
): Pick<
  PhaseMeasurement,
  "salesforce" | "salesforceCallsPerInvoice" | "jortt" | "wallMs" | "recordsPerSecond" | "peakRss"
> {
  return {
    salesforce: salesforceCounters(counters.salesforce),
    salesforceCallsPerInvoice: counters.salesforce.total / invoices,
    jortt: jorttPhaseCounters(counters.jortt),
    wallMs: side.wallMs,
    recordsPerSecond: invoices / (side.wallMs / 1000),
    peakRss: side.rss,
  };
}
