import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { startAwsEmulatorsProcess } from "./aws-emulators-process";
import type { BenchDataset } from "./bench-datasets";
import { startBenchSandboxes } from "./bench-sandboxes";
import { type PhaseMeasurement, phaseFigures } from "./phase-measurement";
import { FIRST_SYNC_PHASE, type ProductJob, STEADY_STATE_PHASE } from "./product-side";
import { runSideProcess } from "./side-process";
import { fullSyncScope, verifyEndState } from "./verify-end-state";

export interface ProductRunOptions {
  dataset: BenchDataset;
  latencyMs: number;
  jorttRequestsPerSecond: number;
  salesforceApiVersion: string;
}

/**
 * The product's pipeline (the local runtime: the same handlers and use cases as Lambda) on the
 * whole dataset: a first sync into an empty org, then a re-run with nothing changed. The end state
 * is checked after each.
 */
export async function measureProduct(options: ProductRunOptions): Promise<PhaseMeasurement[]> {
  const { dataset } = options;
  const sandboxes = await startBenchSandboxes({
    data: dataset.data,
    latencyMs: options.latencyMs,
    jorttRequestsPerSecond: options.jorttRequestsPerSecond,
  });
  const emulators = await startAwsEmulatorsProcess().catch(async (error: unknown) => {
    await sandboxes.close();
    throw error;
  });
  const dataDir = await mkdtemp(path.join(tmpdir(), "jortt-sf-bench-"));
  const scope = fullSyncScope(
    `every customer and sent invoice of the ${dataset.label} set`,
    dataset.customers,
    dataset.invoices,
  );
  const measurements: PhaseMeasurement[] = [];
  try {
    const job: ProductJob = {
      jortt: {
        JORTT_API_URL: sandboxes.jortt.url,
        JORTT_TOKEN_URL: sandboxes.jortt.tokenUrl,
        JORTT_CLIENT_ID: sandboxes.jortt.clientId,
        JORTT_CLIENT_SECRET: sandboxes.jortt.clientSecret,
      },
      salesforce: {
        SALESFORCE_LOGIN_URL: sandboxes.salesforce.loginUrl,
        SALESFORCE_CLIENT_ID: sandboxes.salesforce.clientId,
        SALESFORCE_CLIENT_SECRET: sandboxes.salesforce.clientSecret,
        SALESFORCE_API_VERSION: options.salesforceApiVersion,
      },
      aws: emulators.endpoints,
      dataDir,
    };
    await runSideProcess("product-side.ts", job, {
      onPhaseStart: () => sandboxes.resetCounters(),
      onPhaseEnd: (message) => {
        if (message.phase !== FIRST_SYNC_PHASE && message.phase !== STEADY_STATE_PHASE) {
          throw new Error(`unexpected product phase ${message.phase}`);
        }
        const counters = sandboxes.counters();
        const invoices = dataset.syncedInvoices;
        const firstSync = message.phase === FIRST_SYNC_PHASE;
        measurements.push({
          side: "product",
          phase: firstSync ? "first-sync" : "steady-state",
          datasetSize: dataset.size,
          measuredOn: firstSync
            ? `full ${dataset.label} set: ${invoices} sent invoices, ${dataset.customers.length} customers, empty org`
            : `full ${dataset.label} set again, nothing changed in Jortt`,
          invoices,
          customers: dataset.customers.length,
          ...phaseFigures(counters, invoices, message),
          endState: verifyEndState(sandboxes.dump(), scope),
          detail: { run: message.detail, awsEmulatorsPeakRssBytes: emulators.peakRssBytes() },
        });
      },
    });
    return measurements;
  } finally {
    await emulators.stop();
    await sandboxes.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}
