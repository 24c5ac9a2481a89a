/**
 * `npm run bench`: the product's pipeline against a naive per-record baseline, in one run, on the
 * same seeded sandbox data, both end states checked against the same expected mapping. Prints
 * the tables and writes the same as JSON to bench/results/. See docs/benchmarks.md.
 */
import * as path from "node:path";
import { buildDataset } from "./bench-datasets";
import { parseBenchOptions } from "./bench-options";
import { buildBenchReport } from "./bench-report";
import { measureBaseline } from "./measure-baseline";
import { measureProduct } from "./measure-product";
import type { PhaseMeasurement } from "./phase-measurement";
import { printBenchReport } from "./report-table";
import { writeResultsJson } from "./results-file";

function progress(message: string): void {
  console.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}`);
}

async function main(): Promise<void> {
  const startedAt = new Date();
  const options = parseBenchOptions(process.argv.slice(2));
  const sizes = [...new Set(options.sizes)].sort((a, b) => a - b);
  const datasets = sizes.map((size) => buildDataset(size, options.seed));
  for (const d of datasets) {
    progress(
      `dataset ${d.label}: ${d.customers.length} customers, ${d.invoices.length} invoices (${d.syncedInvoices} sent, ${d.syncedLines} lines)`,
    );
  }
  const measurements: PhaseMeasurement[] = [];

  if (options.product) {
    for (const dataset of datasets) {
      progress(`product pipeline on the ${dataset.label} set: first sync, then a re-run with nothing changed`);
      measurements.push(...(await measureProduct({ dataset, ...options })));
    }
  }
  const smallest = datasets[0];
  if (options.baseline && smallest) {
    const sample = Math.min(options.baselineSample, smallest.syncedInvoices);
    progress(
      `naive baseline on ${sample} invoices of the ${smallest.label} set (${options.latencyMs} ms per Salesforce call)`,
    );
    measurements.push(await measureBaseline({ dataset: smallest, sample, ...options }));
  }

  const report = buildBenchReport({ startedAt, options, datasets, measurements });
  printBenchReport(report);
  const written = await writeResultsJson("bench", report);
  console.log(`\nresults: ${path.relative(process.cwd(), written)}`);
  if (measurements.some((m) => m.endState && !m.endState.ok)) {
    console.error("an end state is wrong: the comparison is not valid (see above)");
    process.exitCode = 1;
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exitCode = 1;
});
