import { type JorttDemoData, type JorttSandbox, type JorttSandboxStats, startJorttSandbox } from "../sim/jortt";
import { type ApiCallStats, type SalesforceSandbox, startSalesforceSandbox } from "../sim/salesforce";
import type { SalesforceDump } from "./verify-end-state";

/**
 * A fresh Jortt sandbox (the dataset, 10 requests/s per token) and a fresh, empty Salesforce org
 * (business accounts, the given latency per API call) for one side of the benchmark. Each side
 * gets its own pair, so the two start from the same state and their counters never mix.
 */
export interface BenchSandboxes {
  jortt: JorttSandbox;
  salesforce: SalesforceSandbox;
  /** Zeroes both sides' counters (and Jortt's rate-limit windows) at the start of a phase. */
  resetCounters(): void;
  counters(): { salesforce: ApiCallStats; jortt: JorttSandboxStats };
  dump(): SalesforceDump;
  close(): Promise<void>;
}

export interface BenchSandboxOptions {
  data: JorttDemoData;
  latencyMs: number;
  jorttRequestsPerSecond: number;
}

export async function startBenchSandboxes(options: BenchSandboxOptions): Promise<BenchSandboxes> {
  // The sandbox keeps the records it is given; a copy keeps the benchmark's expectation untouched.
  const jortt = await startJorttSandbox({
    data: structuredClone(options.data),
    rateLimitPerSecond: options.jorttRequestsPerSecond,
  });
  let salesforce: SalesforceSandbox;
  try {
    // Both sides get the Account + Contact model, the model the benchmark's expectation describes.
    salesforce = await startSalesforceSandbox({ latencyMs: options.latencyMs, personAccounts: false });
  } catch (error) {
    await jortt.close();
    throw error;
  }
  return {
    jortt,
    salesforce,
    resetCounters() {
      jortt.reset();
      salesforce.resetApiCalls();
    },
    counters: () => ({ salesforce: salesforce.apiCalls(), jortt: jortt.stats() }),
    dump: () => ({
      Account: salesforce.records("Account"),
      Contact: salesforce.records("Contact"),
      Order: salesforce.records("Order"),
      OrderItem: salesforce.records("OrderItem"),
      PricebookEntry: salesforce.records("PricebookEntry"),
      Product2: salesforce.records("Product2"),
      Pricebook2: salesforce.records("Pricebook2"),
    }),
    async close() {
      await Promise.allSettled([jortt.close(), salesforce.close()]);
    },
  };
}
