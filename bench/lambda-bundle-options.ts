import type { BuildOptions } from "esbuild";

/**
 * The esbuild options the CDK stack's NodejsFunction passes for each handler (runtime nodejs22.x,
 * `minify: true`, `sourceMap: true`, the AWS SDK v3 left to the Lambda runtime). Kept in one place
 * so the bundle benchmark measures what is deployed, not a look-alike.
 */
export function lambdaBundleOptions(entry: string, outfile: string): BuildOptions {
  return {
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: "node",
    target: "node22",
    format: "cjs",
    minify: true,
    sourcemap: true,
    external: ["@aws-sdk/*"],
    metafile: true,
    logLevel: "warning",
  };
}
