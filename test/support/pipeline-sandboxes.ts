import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sandboxJorttCredentials, sandboxSalesforceCredentials } from "../../cli/local/local-systems";
import { type LocalCycleOptions, runLocalCycle } from "../../cli/local/run-local-cycle";
import type { RunReport } from "../../cli/local/run-report";
import { parseSettings } from "../../shared/config/parse-settings";
import type { SettingsInput } from "../../shared/config/settings-schema";
import { generateJorttDemoData, type JorttDemoData, type JorttSandbox, startJorttSandbox } from "../../sim/jortt";
import { type SalesforceSandbox, startSalesforceSandbox } from "../../sim/salesforce";
import { awsEmulatorEndpoints, uniqueName } from "./aws-emulators";

/** Both sandboxes with seeded demo data, and a way to run local cycles against them. */
export interface PipelineSandboxes {
  data: JorttDemoData;
  jortt: JorttSandbox;
  salesforce: SalesforceSandbox;
  dataDir: string;
  /** One cycle of `npm start`'s runtime (minus emulator startup and printing). */
  runCycle(options?: Omit<Partial<LocalCycleOptions>, "settings"> & { settings?: SettingsInput }): Promise<RunReport>;
  close(): Promise<void>;
}

export async function startPipelineSandboxes(demo: {
  seed: number;
  customers: number;
  invoices: number;
}): Promise<PipelineSandboxes> {
  const data = generateJorttDemoData(demo);
  const jortt = await startJorttSandbox({ data });
  const salesforce = await startSalesforceSandbox();
  const dataDir = mkdtempSync(join(tmpdir(), "jortt-sf-test-"));
  const defaultPrefix = uniqueName("pipeline");
  return {
    data,
    jortt,
    salesforce,
    dataDir,
    runCycle: ({ settings, ...options } = {}) =>
      runLocalCycle({
        endpoints: awsEmulatorEndpoints(),
        jortt: sandboxJorttCredentials(jortt),
        salesforce: sandboxSalesforceCredentials(salesforce),
        settings: parseSettings(settings ?? {}),
        dataDir,
        resourcePrefix: defaultPrefix,
        sandbox: { jortt: true, salesforce: true },
        retryDelaySeconds: 0,
        ...options,
      }),
    async close() {
      await Promise.allSettled([jortt.close(), salesforce.close()]);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
