import { z } from "zod";
import { BASELINE_PHASE, type BaselineJob } from "./baseline-side";
import type { BenchDataset } from "./bench-datasets";
import { startBenchSandboxes } from "./bench-sandboxes";
import { type PhaseMeasurement, phaseFigures } from "./phase-measurement";
import { runSideProcess } from "./side-process";
import { sampleScope, verifyEndState } from "./verify-end-state";

const BaselineDetailSchema = z.object({
  invoiceIds: z.array(z.string()),
  quarantined: z.array(z.object({ invoiceId: z.string(), reason: z.string() })),
  salesforceCallsByStep: z.record(z.string(), z.number()),
  jorttRequests: z.number(),
});

export interface BaselineRunOptions {
  dataset: BenchDataset;
  sample: number;
  latencyMs: number;
  jorttRequestsPerSecond: number;
  salesforceApiVersion: string;
}

/** The naive baseline on the first `sample` synced invoices of the dataset, then its end-state check. */
export async function measureBaseline(options: BaselineRunOptions): Promise<PhaseMeasurement> {
  const { dataset } = options;
  const sandboxes = await startBenchSandboxes({
    data: dataset.data,
    latencyMs: options.latencyMs,
    jorttRequestsPerSecond: options.jorttRequestsPerSecond,
  });
  try {
    const job: BaselineJob = {
      jortt: {
        apiUrl: sandboxes.jortt.url,
        tokenUrl: sandboxes.jortt.tokenUrl,
        clientId: sandboxes.jortt.clientId,
        clientSecret: sandboxes.jortt.clientSecret,
      },
      salesforce: {
        loginUrl: sandboxes.salesforce.loginUrl,
        clientId: sandboxes.salesforce.clientId,
        clientSecret: sandboxes.salesforce.clientSecret,
        apiVersion: options.salesforceApiVersion,
      },
      limit: options.sample,
    };
    let measurement: PhaseMeasurement | undefined;
    await runSideProcess("baseline-side.ts", job, {
      onPhaseStart: () => sandboxes.resetCounters(),
      onPhaseEnd: (message) => {
        if (message.phase !== BASELINE_PHASE) throw new Error(`unexpected baseline phase ${message.phase}`);
        const detail = BaselineDetailSchema.parse(message.detail);
        const counters = sandboxes.counters();
        const scope = sampleScope(
          `the baseline's sample: ${detail.invoiceIds.length} invoices and their customers`,
          dataset.customers,
          dataset.invoices,
          detail.invoiceIds,
        );
        const invoices = detail.invoiceIds.length + detail.quarantined.length;
        measurement = {
          side: "baseline",
          phase: "baseline-sample",
          datasetSize: dataset.size,
          measuredOn: `sample: the newest ${invoices} sent invoices of the ${dataset.label} set`,
          invoices,
          customers: scope.customers.length,
          ...phaseFigures(counters, invoices, message),
          endState: verifyEndState(sandboxes.dump(), scope),
          detail,
        };
      },
    });
    if (!measurement) throw new Error("the baseline reported no measurement");
    return measurement;
  } finally {
    await sandboxes.close();
  }
}
