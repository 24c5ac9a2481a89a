import { mkdir, writeFile } from "node:fs/promises";
import * as path from "node:path";

/** Where benchmark results go (gitignored). */
export const resultsDirectory = path.resolve(__dirname, "results");

/**
 * Writes `<name>-<timestamp>.json` and overwrites `<name>-latest.json`, so runs can be compared
 * while the newest is always at a fixed path. Returns the timestamped path.
 */
export async function writeResultsJson(name: string, result: unknown, directory = resultsDirectory): Promise<string> {
  await mkdir(directory, { recursive: true });
  const text = `${JSON.stringify(result, null, 2)}\n`;
  const stamp = new Date().toISOString().replace(/[:.]/g, "-");
  const stampedPath = path.join(directory, `${name}-${stamp}.json`);
  await writeFile(stampedPath, text);
  await writeFile(path.join(directory, `${name}-latest.json`), text);
  return stampedPath;
}
