#!/usr/bin/env node
// `jortt-sf` entry (package.json "bin"): runs the TypeScript CLI through tsx's CommonJS hook.
require("tsx/cjs");
require("./main.ts")
  .buildProgram()
  .parseAsync(process.argv)
  .catch((error) => {
    process.stderr.write(`Error: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  });
