import { Command, Option } from "commander";
import { z } from "zod";
import { DEFAULT_SALESFORCE_API_VERSION } from "../shared/adapters/salesforce/salesforce-credentials";

/** `npm run bench -- [options]`; the defaults are the benchmark the docs describe. */
export const BenchOptionsSchema = z.object({
  latencyMs: z.number().int().min(0).max(2000),
  sizes: z.array(z.number().int().min(1).max(100_000)).min(1),
  baselineSample: z.number().int().min(1),
  seed: z.number().int(),
  jorttRequestsPerSecond: z.number().int().min(1),
  salesforceApiVersion: z.string().regex(/^\d+\.\d$/),
  baseline: z.boolean(),
  product: z.boolean(),
});
export type BenchOptions = z.infer<typeof BenchOptionsSchema>;

function integer(value: string): number {
  return Number.parseInt(value, 10);
}

function integerList(value: string): number[] {
  return value.split(",").map((part) => Number.parseInt(part.trim(), 10));
}

export function parseBenchOptions(argv: readonly string[]): BenchOptions {
  const program = new Command("bench")
    .description("Product pipeline vs a naive per-record baseline, on the same seeded sandbox data")
    .addOption(
      new Option("--latency-ms <ms>", "Salesforce sandbox latency per API call").default(80).argParser(integer),
    )
    .addOption(
      new Option("--sizes <n,n>", "dataset sizes (invoices) the product syncs in full")
        .default([1000, 10_000])
        .argParser(integerList),
    )
    .addOption(
      new Option(
        "--baseline-sample <n>",
        "invoices the naive baseline syncs (from the smallest dataset); per-invoice figures are extrapolated",
      )
        .default(200)
        .argParser(integer),
    )
    .addOption(new Option("--seed <n>", "demo-data seed").default(20_261_128).argParser(integer))
    .addOption(new Option("--jortt-rps <n>", "Jortt sandbox rate limit per token").default(10).argParser(integer))
    .addOption(
      new Option("--api-version <v>", "Salesforce API version for both sides").default(DEFAULT_SALESFORCE_API_VERSION),
    )
    .option("--no-baseline", "skip the naive baseline")
    .option("--no-product", "skip the product pipeline")
    .exitOverride();
  program.parse([...argv], { from: "user" });
  const raw = program.opts<Record<string, unknown>>();
  return BenchOptionsSchema.parse({
    latencyMs: raw.latencyMs,
    sizes: raw.sizes,
    baselineSample: raw.baselineSample,
    seed: raw.seed,
    jorttRequestsPerSecond: raw.jorttRps,
    salesforceApiVersion: raw.apiVersion,
    baseline: raw.baseline,
    product: raw.product,
  });
}
