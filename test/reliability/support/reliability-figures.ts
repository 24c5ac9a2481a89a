import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/** Where the suites leave their figures (gitignored), for the closing note and CI logs. */
export const FIGURES_DIR = join(__dirname, "..", "..", "..", ".data", "reliability");

/** Writes one suite's figures as JSON and prints them as one compact block. */
export function reportFigures(suite: string, figures: Record<string, unknown>): void {
  mkdirSync(FIGURES_DIR, { recursive: true });
  const text = JSON.stringify(figures, null, 2);
  writeFileSync(join(FIGURES_DIR, `${suite}.json`), `${text}\n`);
  process.stdout.write(`\n[reliability figures: ${suite}]\n${text}\n`);
}
