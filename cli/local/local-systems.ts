import {
  type JorttCredentials,
  parseJorttCredentials,
  parseSalesforceCredentials,
  type SalesforceCredentials,
} from "../../shared/config/credentials-schema";
import type { LoadedConfig } from "../../shared/config/load-config";
import { type JorttDemoDataOptions, type JorttSandbox, startJorttSandbox } from "../../sim/jortt";
import { type SalesforceSandbox, startSalesforceSandbox } from "../../sim/salesforce";
import { seedDemoOrders } from "./seed-demo-orders";

/** The Jortt and Salesforce a local run talks to: the real APIs, or the built-in sandboxes. */
export interface LocalSystems {
  jortt: JorttCredentials;
  salesforce: SalesforceCredentials;
  /** Which system is a sandbox, for the announcement and the report. */
  sandbox: { jortt: boolean; salesforce: boolean };
  jorttSandbox?: JorttSandbox;
  salesforceSandbox?: SalesforceSandbox;
  close(): Promise<void>;
}

export interface LocalSystemsOptions {
  /** Use both sandboxes even when credentials are configured (`--sandbox`). */
  forceSandbox?: boolean;
  /** Demo data for the Jortt sandbox (deterministic: the same seed gives the same records). */
  demo?: JorttDemoDataOptions;
}

/** Seeded so that every `npm start` sees the same demo records and a second run has nothing to sync. */
export const DEFAULT_DEMO_DATA: JorttDemoDataOptions = { seed: 20240102, customers: 40, invoices: 150 };

/**
 * Starts a sandbox for each system without credentials (or all with `forceSandbox`) on 127.0.0.1
 * and returns credentials for both, in the configuration contract's shape.
 */
export async function startLocalSystems(
  config: LoadedConfig,
  options: LocalSystemsOptions = {},
): Promise<LocalSystems> {
  const useJorttSandbox = options.forceSandbox === true || config.jortt === null;
  const useSalesforceSandbox = options.forceSandbox === true || config.salesforce === null;
  let jorttSandbox: JorttSandbox | undefined;
  let salesforceSandbox: SalesforceSandbox | undefined;
  const close = async () => {
    await Promise.allSettled([jorttSandbox?.close(), salesforceSandbox?.close()]);
  };
  try {
    if (useJorttSandbox) jorttSandbox = await startJorttSandbox({ demo: options.demo ?? DEFAULT_DEMO_DATA });
    if (useSalesforceSandbox) {
      salesforceSandbox = await startSalesforceSandbox();
      // The reverse flow needs Orders ticked for sending; an empty sandbox org has none.
      if (config.settings.flows.salesforceToJortt) seedDemoOrders(salesforceSandbox);
    }
    const jortt = jorttSandbox ? sandboxJorttCredentials(jorttSandbox) : config.jortt;
    const salesforce = salesforceSandbox ? sandboxSalesforceCredentials(salesforceSandbox) : config.salesforce;
    if (!jortt || !salesforce) throw new Error("unreachable: a system has neither credentials nor a sandbox");
    return {
      jortt,
      salesforce,
      sandbox: { jortt: useJorttSandbox, salesforce: useSalesforceSandbox },
      ...(jorttSandbox ? { jorttSandbox } : {}),
      ...(salesforceSandbox ? { salesforceSandbox } : {}),
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

export function sandboxJorttCredentials(sandbox: JorttSandbox): JorttCredentials {
  return parseJorttCredentials(
    {
      JORTT_CLIENT_ID: sandbox.clientId,
      JORTT_CLIENT_SECRET: sandbox.clientSecret,
      JORTT_API_URL: sandbox.url,
      JORTT_TOKEN_URL: sandbox.tokenUrl,
    },
    "the Jortt sandbox",
  );
}

export function sandboxSalesforceCredentials(sandbox: SalesforceSandbox): SalesforceCredentials {
  return parseSalesforceCredentials(
    {
      SALESFORCE_LOGIN_URL: sandbox.loginUrl,
      SALESFORCE_CLIENT_ID: sandbox.clientId,
      SALESFORCE_CLIENT_SECRET: sandbox.clientSecret,
    },
    "the Salesforce sandbox",
  );
}
