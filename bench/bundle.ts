/**
 * `npm run bench:bundle`: the two Lambda bundles' sizes and cold import times.
 *
 * Each handler is bundled with esbuild's JS API using the CDK stack's options into a temp dir, then
 * `node -e "require('<bundle>')"` runs in 10 fresh processes and the median wall time is kept.
 * The AWS SDK is external (the Lambda runtime provides it), so the child resolves it from this
 * repository's node_modules through NODE_PATH, as the runtime resolves it from its own.
 */
import { spawnSync } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { performance } from "node:perf_hooks";
import { gzipSync } from "node:zlib";
import Table from "cli-table3";
import { build, type Metafile } from "esbuild";
import { handlerEntries, projectRoot } from "../infra/project-paths";
import { LAMBDA_NODE_OPTIONS, lambdaBundleOptions } from "./lambda-bundle-options";
import { median } from "./median";
import { writeResultsJson } from "./results-file";

const IMPORT_RUNS = 10;
const TOP_INPUTS = 6;

export interface BundleMeasurement {
  handler: string;
  entry: string;
  bytes: number;
  gzipBytes: number;
  sourcemapBytes: number;
  inputFiles: number;
  /** Largest contributors to the minified output, by package (or file outside node_modules). */
  largestInputs: { name: string; bytes: number }[];
  /** `node -e "require('<bundle>')"`, 10 fresh processes. */
  importMs: TimedRuns;
  /** Median import time minus the median start-up of an empty `node -e ""`. */
  importNetOfNodeStartMs: number;
  /** The same with NODE_OPTIONS=--enable-source-maps, as the deployed function runs. */
  importWithSourceMapsMs: TimedRuns;
}

export interface TimedRuns {
  median: number;
  min: number;
  max: number;
  runs: number[];
}

export interface BundleBenchResult {
  kind: "bundle";
  startedAt: string;
  node: string;
  esbuild: string;
  options: {
    platform: string;
    target: string;
    format: string;
    minify: boolean;
    sourcemap: boolean;
    external: string[];
  };
  nodeStartMs: TimedRuns;
  bundles: BundleMeasurement[];
}

/** Environment for the import runs: what the Lambda runtime sets, plus placeholder function settings. */
function importEnvironment(nodeOptions?: string): NodeJS.ProcessEnv {
  return {
    ...(nodeOptions ? { NODE_OPTIONS: nodeOptions } : {}),
    PATH: process.env.PATH,
    NODE_PATH: path.join(projectRoot, "node_modules"),
    AWS_REGION: "eu-west-1",
    AWS_LAMBDA_FUNCTION_NAME: "bench-import",
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
    POWERTOOLS_SERVICE_NAME: "jortt-salesforce-sync",
    STATE_TABLE_NAME: "bench-state",
    SYNC_QUEUE_URL: "https://sqs.eu-west-1.amazonaws.com/000000000000/bench-sync",
    DEAD_LETTER_QUEUE_URL: "https://sqs.eu-west-1.amazonaws.com/000000000000/bench-dlq",
    ALERT_TOPIC_ARN: "arn:aws:sns:eu-west-1:000000000000:bench-alerts",
    SETTINGS_PARAMETER_NAME: "/bench/settings",
    JORTT_SECRET_ID: "bench/jortt",
    SALESFORCE_SECRET_ID: "bench/salesforce",
  };
}

/** Wall time of `node -e <code>` in a fresh process; throws with the child's stderr if it fails. */
function timeFreshNode(code: string, nodeOptions?: string): number {
  const started = performance.now();
  const child = spawnSync(process.execPath, ["-e", code], { env: importEnvironment(nodeOptions), encoding: "utf8" });
  const elapsed = performance.now() - started;
  if (child.status !== 0) {
    throw new Error(`node -e ${JSON.stringify(code)} exited ${child.status}: ${child.stderr.slice(0, 2000)}`);
  }
  return elapsed;
}

function timeRuns(code: string, nodeOptions?: string): TimedRuns {
  const runs = Array.from({ length: IMPORT_RUNS }, () => timeFreshNode(code, nodeOptions));
  return { median: median(runs), min: Math.min(...runs), max: Math.max(...runs), runs };
}

/** Groups output bytes by package name (`node_modules/<pkg>` or `@scope/pkg`), else by file. */
function largestInputs(metafile: Metafile): { name: string; bytes: number }[] {
  const byName = new Map<string, number>();
  for (const output of Object.values(metafile.outputs)) {
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
      const match = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input);
      const name = match?.[1] ?? input;
      byName.set(name, (byName.get(name) ?? 0) + bytesInOutput);
    }
  }
  return [...byName.entries()]
    .map(([name, bytes]) => ({ name, bytes }))
    .sort((a, b) => b.bytes - a.bytes)
    .slice(0, TOP_INPUTS);
}

async function measureBundle(handler: string, entry: string, workDir: string, nodeStartMedian: number) {
  const outfile = path.join(workDir, handler, "index.js");
  const built = await build(lambdaBundleOptions(entry, outfile));
  const code = await readFile(outfile);
  const sourcemap = await readFile(`${outfile}.map`);
  const requireBundle = `require(${JSON.stringify(outfile)})`;
  const importMs = timeRuns(requireBundle);
  const measurement: BundleMeasurement = {
    handler,
    entry: path.relative(projectRoot, entry),
    bytes: code.byteLength,
    gzipBytes: gzipSync(code).byteLength,
    sourcemapBytes: sourcemap.byteLength,
    inputFiles: Object.keys(built.metafile?.inputs ?? {}).length,
    largestInputs: built.metafile ? largestInputs(built.metafile) : [],
    importMs,
    importNetOfNodeStartMs: importMs.median - nodeStartMedian,
    importWithSourceMapsMs: timeRuns(requireBundle, LAMBDA_NODE_OPTIONS),
  };
  return measurement;
}

const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
const ms = (value: number) => `${value.toFixed(0)} ms`;

function printBundleTable(result: BundleBenchResult): void {
  const table = new Table({
    head: [
      "handler",
      "bundle (minified)",
      "gzip",
      "sourcemap",
      "inputs",
      "cold import (median of 10)",
      "net of node start",
      `with ${LAMBDA_NODE_OPTIONS}`,
    ],
  });
  for (const bundle of result.bundles) {
    table.push([
      bundle.handler,
      kib(bundle.bytes),
      kib(bundle.gzipBytes),
      kib(bundle.sourcemapBytes),
      String(bundle.inputFiles),
      `${ms(bundle.importMs.median)} (${ms(bundle.importMs.min)}–${ms(bundle.importMs.max)})`,
      ms(bundle.importNetOfNodeStartMs),
      ms(bundle.importWithSourceMapsMs.median),
    ]);
  }
  console.log(table.toString());
  console.log(`empty node start-up (median of ${IMPORT_RUNS}): ${ms(result.nodeStartMs.median)}`);
  for (const bundle of result.bundles) {
    const parts = bundle.largestInputs.map((input) => `${input.name} ${kib(input.bytes)}`).join(", ");
    console.log(`largest in ${bundle.handler}: ${parts}`);
  }
}

export async function runBundleBench(): Promise<BundleBenchResult> {
  const workDir = await mkdtemp(path.join(tmpdir(), "jortt-sf-bundle-"));
  try {
    const nodeStartMs = timeRuns("");
    const options = lambdaBundleOptions("", "");
    const bundles: BundleMeasurement[] = [];
    for (const [handler, entry] of Object.entries(handlerEntries)) {
      bundles.push(await measureBundle(handler, entry, workDir, nodeStartMs.median));
    }
    return {
      kind: "bundle",
      startedAt: new Date().toISOString(),
      node: process.version,
      esbuild: (await import("esbuild")).version,
      options: {
        platform: String(options.platform),
        target: String(options.target),
        format: String(options.format),
        minify: options.minify === true,
        sourcemap: options.sourcemap === true,
        external: options.external ?? [],
      },
      nodeStartMs,
      bundles,
    };
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const result = await runBundleBench();
  printBundleTable(result);
  const written = await writeResultsJson("bundle", result);
  console.log(`results: ${path.relative(process.cwd(), written)}`);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}
