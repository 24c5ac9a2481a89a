/** @jest-config-loader esbuild-register */
import type { Config } from "jest";

// Transpile-only (SWC); type-checking is `npm run typecheck`, which `npm test` runs first.
const config: Config = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts"],
  transform: {
    "^.+\\.ts$": [
      "@swc/jest",
      { jsc: { parser: { syntax: "typescript" }, target: "es2022" }, module: { type: "commonjs" } },
    ],
  },
  setupFiles: ["<rootDir>/test/support/env.ts"],
  // fauxqs + dynalite in one child process for all workers (fauxqs is ESM-only: Jest cannot load it).
  globalSetup: "<rootDir>/test/support/aws-emulators-global-setup.ts",
  globalTeardown: "<rootDir>/test/support/aws-emulators-global-teardown.ts",
  testTimeout: 60_000,
  maxWorkers: 2,
};

export default config;
