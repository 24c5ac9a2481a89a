import { Logger } from "@aws-lambda-powertools/logger";
import { createSalesforceClient } from "../../../shared/adapters/salesforce";
import { parseSettings } from "../../../shared/config/parse-settings";
import { pushOrdersToJortt } from "../../../shared/use-cases/reverse/push-orders-to-jortt";
import { selectOrdersToInvoice } from "../../../shared/use-cases/reverse/select-orders-to-invoice";
import { type JorttSandbox, startJorttSandbox } from "../../../sim/jortt";
import { type SalesforceSandbox, startSalesforceSandbox } from "../../../sim/salesforce";
import { InMemoryDeadLetterQueue, InMemorySyncQueue } from "../../support/fakes/in-memory-queues";
import { InMemoryStateStore } from "../../support/fakes/in-memory-state-store";
import { clientFor } from "../jortt/sandbox-client";
import { clientCredentialsFor, FAST_RETRY } from "../salesforce-client/sandbox-fixtures";

let salesforceSandbox: SalesforceSandbox;
let jorttSandbox: JorttSandbox;

beforeAll(async () => {
  salesforceSandbox = await startSalesforceSandbox({ personAccounts: true });
  jorttSandbox = await startJorttSandbox({ rateLimitPerSecond: null });
});

afterAll(async () => {
  await salesforceSandbox.close();
  await jorttSandbox.close();
});

function insert(type: string, record: Record<string, unknown>): string {
  const [result] = salesforceSandbox.insertRecords(type, [record]);
  if (!result?.success || !result.id) throw new Error(`seed ${type}: ${JSON.stringify(result)}`);
  return result.id;
}

describe("reverse flow in a Person Account org (describe decides the account model)", () => {
  it("a person account becomes a private Jortt customer, a business account a company; both Orders invoiced once", async () => {
    const personType = salesforceSandbox.records("RecordType").find((type) => type.IsPersonType === true);
    const book = salesforceSandbox.records("Pricebook2").find((record) => record.IsStandard === true);
    const product = insert("Product2", { Name: "Lesson", IsActive: true });
    const entry = insert("PricebookEntry", {
      Pricebook2Id: book?.Id,
      Product2Id: product,
      UnitPrice: 0,
      IsActive: true,
    });
    const person = insert("Account", {
      RecordTypeId: personType?.Id,
      FirstName: "Jan",
      LastName: "de Vries",
      PersonEmail: "jan@devries.example",
      PersonMailingStreet: "Prinsengracht 5",
      PersonMailingPostalCode: "1015 DT",
      PersonMailingCity: "Amsterdam",
    });
    const business = insert("Account", {
      Name: "Acme B.V.",
      BillingStreet: "Damrak 1",
      BillingPostalCode: "1012 LG",
      BillingCity: "Amsterdam",
    });
    const orders = [person, business].map((accountId) => {
      const id = insert("Order", {
        AccountId: accountId,
        EffectiveDate: "2026-11-28",
        Status: "Draft",
        Pricebook2Id: book?.Id,
        Jortt_Send__c: true,
      });
      insert("OrderItem", { OrderId: id, PricebookEntryId: entry, Quantity: 1, UnitPrice: 45, Jortt_VAT_Rate__c: 9 });
      return id;
    });

    const deps = {
      now: () => new Date(),
      logger: new Logger({ serviceName: "reverse-test", logLevel: "SILENT" }),
      salesforce: createSalesforceClient(clientCredentialsFor(salesforceSandbox), { retry: FAST_RETRY }),
      jortt: clientFor(jorttSandbox),
      state: new InMemoryStateStore(),
      queue: new InMemorySyncQueue(),
      deadLetters: new InMemoryDeadLetterQueue(),
      settings: parseSettings({ flows: { salesforceToJortt: true } }),
    };
    const poll = await selectOrdersToInvoice(deps, { runId: "poll" });
    expect(poll.counts.ordersEnqueued).toBe(2);
    const messages = deps.queue.drain().map((message, index) => ({
      messageId: `m${index}`,
      body: JSON.stringify(message),
      receiveCount: 1,
    }));
    const result = await pushOrdersToJortt(deps, messages, { runId: "push", maxReceiveCount: 3 });

    expect(result.counts.synced).toBe(2);
    const customers = [...jorttSandbox.store.customers.values()];
    expect(customers.find((customer) => customer.reference === person)).toMatchObject({
      is_private: true,
      customer_name: "Jan de Vries",
      first_name: "Jan",
      last_name: "de Vries",
      email: "jan@devries.example",
      address_street: "Prinsengracht 5",
    });
    expect(customers.find((customer) => customer.reference === business)).toMatchObject({
      is_private: false,
      customer_name: "Acme B.V.",
      address_city: "Amsterdam",
    });
    for (const orderId of orders) {
      const invoices = [...jorttSandbox.store.invoices.values()].filter((invoice) => invoice.reference === orderId);
      expect(invoices).toHaveLength(1);
      expect(invoices[0]?.line_items[0]?.vat_percentage).toBe("9.0");
    }
  });
});
