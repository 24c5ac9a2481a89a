import * as path from "node:path";

/** Repository root: NodejsFunction bundles from here with the root package-lock.json. */
export const projectRoot = path.resolve(__dirname, "..");

export const lockFilePath = path.join(projectRoot, "package-lock.json");

/** Lambda entry points (each `export const handler`). */
export const handlerEntries = {
  fetch: path.join(projectRoot, "functions", "fetch", "handler.ts"),
  sync: path.join(projectRoot, "functions", "sync", "handler.ts"),
} as const;

export type HandlerEntries = { readonly fetch: string; readonly sync: string };
