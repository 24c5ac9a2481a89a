import type { SalesforceSandbox } from "../../sim/salesforce";

/** How many Orders the local sandbox offers the reverse flow (one Account, Contact and Order each). */
export const DEMO_ORDER_COUNT = 5;

/**
 * Demo data for the reverse flow in the Salesforce sandbox: standalone Accounts (each with a billing
 * Contact) and Orders with `Jortt_Send__c` ticked and one or two products, so `npm start --sandbox`
 * with `flows.salesforceToJortt` shows Orders becoming Jortt invoices. Inserted through the
 * sandbox's test hook (no API calls counted); deterministic values.
 */
export function seedDemoOrders(sandbox: SalesforceSandbox, count = DEMO_ORDER_COUNT): string[] {
  const standardBook = sandbox.records("Pricebook2").find((book) => book.IsStandard === true);
  if (!standardBook) throw new Error("the Salesforce sandbox has no standard price book");
  const productId = insertOne(sandbox, "Product2", { Name: "Demo consultancy hour", IsActive: true });
  const pricebookEntryId = insertOne(sandbox, "PricebookEntry", {
    Pricebook2Id: standardBook.Id,
    Product2Id: productId,
    UnitPrice: 0,
    IsActive: true,
  });
  const orderIds: string[] = [];
  for (let index = 0; index < count; index += 1) {
    const accountId = insertOne(sandbox, "Account", {
      Name: `Demo Order Customer ${index + 1} B.V.`,
      BillingStreet: `Herengracht ${index + 1}`,
      BillingPostalCode: `10${15 + index} CJ`,
      BillingCity: "Amsterdam",
      BillingCountry: "NL",
    });
    const contactId = insertOne(sandbox, "Contact", {
      AccountId: accountId,
      LastName: `Buyer ${index + 1}`,
      Email: `orders-${index + 1}@demo-order.example.test`,
    });
    const orderId = insertOne(sandbox, "Order", {
      AccountId: accountId,
      BillToContactId: contactId,
      EffectiveDate: `2026-11-${String(index + 1).padStart(2, "0")}`,
      Status: "Draft",
      Pricebook2Id: standardBook.Id,
      Jortt_Send__c: true,
    });
    for (let line = 0; line <= index % 2; line += 1) {
      insertOne(sandbox, "OrderItem", {
        OrderId: orderId,
        PricebookEntryId: pricebookEntryId,
        Quantity: line + 1,
        UnitPrice: 75 + 10 * index,
        Jortt_VAT_Rate__c: line === 0 ? 21 : 9,
        Description: `Demo order ${index + 1}, line ${line + 1}`,
      });
    }
    orderIds.push(orderId);
  }
  return orderIds;
}

function insertOne(sandbox: SalesforceSandbox, type: string, record: Record<string, unknown>): string {
  const [result] = sandbox.insertRecords(type, [record]);
  if (!result?.success || !result.id) throw new Error(`seeding the demo ${type} failed`);
  return result.id;
}
