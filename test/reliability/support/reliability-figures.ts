import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/** Where the suites leave their figures (gitignored), for the closing note and CI logs. */
export const FIGURES_DIR = join(__dirname, "..", "..", "..", ".data", "reliability");

/** Writes one suite's figures as JSON (all of them) and prints the scalar ones on one line. */
export function reportFigures(suite: string, figures: Record<string, unknown>): void {
  mkdirSync(FIGURES_DIR, { recursive: true });
  const path = join(FIGURES_DIR, `${suite}.json`);
  writeFileSync(path, `${JSON.stringify(figures, null, 2)}\n`);
  const scalars = Object.fromEntries(Object.entries(figures).filter(([, value]) => !Array.isArray(value)));
  process.stdout.write(`\n[reliability figures: ${suite}] ${JSON.stringify(scalars)} (all: ${path})\n`);
}
