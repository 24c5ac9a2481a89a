import { createSalesforceClient, type SalesforceClient } from "../../../../shared/adapters/salesforce";
import { type JorttSandbox, startJorttSandbox } from "../../../../sim/jortt";
import { type SalesforceSandbox, startSalesforceSandbox } from "../../../../sim/salesforce";
import { clientCredentialsFor, FAST_RETRY } from "../../salesforce-client/sandbox-fixtures";
import { objectsDirWithPaymentFields } from "../reverse-org-fixtures";

type SandboxInvoice = NonNullable<ReturnType<JorttSandbox["store"]["invoices"]["get"]>>;

/** The sandboxes and client a reverse-flow test works with, plus lookups on what they hold. */
export interface ReverseHarness {
  readonly salesforceSandbox: SalesforceSandbox;
  readonly jorttSandbox: JorttSandbox;
  readonly salesforce: SalesforceClient;
  /** The Salesforce Order row with this Id (throws when it does not exist). */
  order(id: string): Record<string, unknown>;
  /** The single Jortt invoice whose reference is this Order Id (asserts there is exactly one). */
  invoiceOf(orderId: string): SandboxInvoice;
}

/**
 * Registers the Jest hooks of a reverse-flow test file: a Salesforce sandbox with the payment fields
 * and a Jortt sandbox without rate limit, started once per file, reset and given a fresh Salesforce
 * client before each test, closed (and the objects dir removed) after the file.
 */
export function useReverseHarness(): ReverseHarness {
  let objects: ReturnType<typeof objectsDirWithPaymentFields> | undefined;
  let salesforceSandbox: SalesforceSandbox | undefined;
  let jorttSandbox: JorttSandbox | undefined;
  let salesforce: SalesforceClient | undefined;

  beforeAll(async () => {
    objects = objectsDirWithPaymentFields();
    salesforceSandbox = await startSalesforceSandbox({ objectsDir: objects.dir });
    jorttSandbox = await startJorttSandbox({ rateLimitPerSecond: null });
  });

  beforeEach(() => {
    const started = startedSandboxes();
    started.salesforceSandbox.reset();
    started.jorttSandbox.store.clear();
    started.jorttSandbox.reset();
    salesforce = createSalesforceClient(clientCredentialsFor(started.salesforceSandbox), { retry: FAST_RETRY });
  });

  afterAll(async () => {
    await salesforceSandbox?.close();
    await jorttSandbox?.close();
    objects?.cleanup();
  });

  function startedSandboxes(): { salesforceSandbox: SalesforceSandbox; jorttSandbox: JorttSandbox } {
    if (!salesforceSandbox || !jorttSandbox) throw new Error("reverse harness used outside a test");
    return { salesforceSandbox, jorttSandbox };
  }

  return {
    get salesforceSandbox() {
      return startedSandboxes().salesforceSandbox;
    },
    get jorttSandbox() {
      return startedSandboxes().jorttSandbox;
    },
    get salesforce() {
      if (!salesforce) throw new Error("reverse harness used outside a test");
      return salesforce;
    },
    order(id) {
      const row = startedSandboxes()
        .salesforceSandbox.records("Order")
        .find((record) => record.Id === id);
      if (!row) throw new Error(`no Order ${id}`);
      return row;
    },
    invoiceOf(orderId) {
      const invoices = [...startedSandboxes().jorttSandbox.store.invoices.values()].filter(
        (invoice) => invoice.reference === orderId,
      );
      expect(invoices).toHaveLength(1);
      return invoices[0] as SandboxInvoice;
    },
  };
}
