import type { BuildOptions } from "esbuild";
import { BUNDLE_TARGET } from "../infra/constructs/house-function";

/**
 * The esbuild options the CDK stack's HouseFunction (NodejsFunction) bundles each handler with:
 * CommonJS, its target, minified, source map without sources content, the AWS SDK v3 left to the
 * Lambda runtime. Kept beside the stack's own constant so the benchmark measures what is deployed.
 */
export function lambdaBundleOptions(entry: string, outfile: string): BuildOptions {
  return {
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: "node",
    target: BUNDLE_TARGET,
    format: "cjs",
    minify: true,
    sourcemap: true,
    sourcesContent: false,
    external: ["@aws-sdk/*"],
    // Only for the size breakdown; it does not change the output.
    metafile: true,
    logLevel: "warning",
  };
}

/** The deployed functions run with this (HouseFunction's environment), so it is timed too. */
export const LAMBDA_NODE_OPTIONS = "--enable-source-maps";
