/** The Jortt sandbox: what the local runtime, benchmarks and tests import. */
export { generateJorttDemoData, type JorttDemoData, type JorttDemoDataOptions } from "./demo-data";
export { type JorttSandbox, type JorttSandboxOptions, SANDBOX_TOKEN_PATH, startJorttSandbox } from "./jortt-sandbox";
export type { JorttSandboxFaults, SandboxFault } from "./sandbox-faults";
export type { SandboxCustomer, SandboxInvoice, SandboxLineItem } from "./sandbox-records";
export type { JorttSandboxStats, SandboxRequestRecord } from "./sandbox-stats";
export type { JorttSandboxStore } from "./sandbox-store";
