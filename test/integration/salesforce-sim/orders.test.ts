import type { Connection } from "jsforce";
import { type SalesforceSandbox, startSalesforceSandbox } from "../../../sim/salesforce";
import { caught, connectWithClientCredentials } from "./sandbox-connection";

type SaveResult = {
  id?: string;
  success: boolean;
  created?: boolean;
  errors: Array<{ statusCode: string; message: string; fields: string[] }>;
};
type CompositeResponse = {
  compositeResponse: Array<{
    body: unknown;
    httpStatusCode: number;
    referenceId: string;
    httpHeaders: Record<string, string>;
  }>;
};

describe("Salesforce sandbox: products, price books, orders and order items", () => {
  let sandbox: SalesforceSandbox;
  let conn: Connection;
  let standardBookId: string;
  let productId: string;
  let standardEntryId: string;

  beforeAll(async () => {
    sandbox = await startSalesforceSandbox();
    conn = await connectWithClientCredentials(sandbox);
  });

  afterAll(async () => {
    await sandbox.close();
  });

  beforeEach(async () => {
    sandbox.reset();
    const book = await conn.query<{ Id: string }>("SELECT Id FROM Pricebook2 WHERE IsStandard = true");
    standardBookId = book.records[0]?.Id ?? "";
    const [product] = (await conn
      .sobject("Product2")
      .upsert(
        [{ Name: "Consultancy", IsActive: true, Jortt_Product_Key__c: "default" }],
        "Jortt_Product_Key__c",
      )) as unknown as SaveResult[];
    productId = product?.id ?? "";
    const entry = await conn.sobject("PricebookEntry").create({
      Pricebook2Id: standardBookId,
      Product2Id: productId,
      UnitPrice: 0,
      IsActive: true,
    });
    standardEntryId = entry.id ?? "";
    await conn.sobject("Account").upsert([{ Name: "Acme", Jortt_Customer_Id__c: "C-1" }], "Jortt_Customer_Id__c");
  });

  const upsertOrder = (fields: Record<string, unknown>) =>
    conn.sobject("Order").upsert(
      [
        {
          Jortt_Invoice_Id__c: "INV-1",
          Account: { Jortt_Customer_Id__c: "C-1" },
          EffectiveDate: "2024-03-31",
          Status: "Draft",
          Pricebook2Id: standardBookId,
          ...fields,
        },
      ],
      "Jortt_Invoice_Id__c",
    ) as unknown as Promise<SaveResult[]>;

  const upsertItems = (items: Array<Record<string, unknown>>) =>
    conn.sobject("OrderItem").upsert(items, "Jortt_Line_Id__c") as unknown as Promise<SaveResult[]>;

  it("stores an order with exact money, dates and Jortt fields, and items linked by external id", async () => {
    const [order] = await upsertOrder({
      Jortt_Total_Excl_VAT__c: "100.10",
      Jortt_Total_Incl_VAT__c: 121.12,
      Jortt_Due_Date__c: "2024-04-30",
      Jortt_Paid__c: false,
      Jortt_Status__c: "sent",
    });
    expect(order).toMatchObject({ success: true, created: true });
    const items = await upsertItems([
      {
        Jortt_Line_Id__c: "INV-1:0",
        Order: { Jortt_Invoice_Id__c: "INV-1" },
        PricebookEntryId: standardEntryId,
        Quantity: 2,
        UnitPrice: "12.345",
        Jortt_VAT_Rate__c: 21,
        Description: "Hours",
      },
      {
        Jortt_Line_Id__c: "INV-1:1",
        Order: { Jortt_Invoice_Id__c: "INV-1" },
        PricebookEntryId: standardEntryId,
        Quantity: 1,
        UnitPrice: 0.1,
      },
    ]);
    expect(items.map((item) => item.success)).toEqual([true, true]);
    const result = await conn.query<Record<string, unknown>>(
      "SELECT EffectiveDate, Jortt_Total_Excl_VAT__c, Jortt_Total_Incl_VAT__c, TotalAmount, Status, OrderNumber, (SELECT UnitPrice, TotalPrice, Product2Id FROM OrderItems ORDER BY Jortt_Line_Id__c) FROM Order",
    );
    expect(result.records[0]).toMatchObject({
      EffectiveDate: "2024-03-31",
      Jortt_Total_Excl_VAT__c: 100.1,
      Jortt_Total_Incl_VAT__c: 121.12,
      TotalAmount: 24.8,
      Status: "Draft",
      OrderItems: {
        totalSize: 2,
        records: [
          expect.objectContaining({ UnitPrice: 12.35, TotalPrice: 24.7, Product2Id: productId }),
          expect.objectContaining({ UnitPrice: 0.1, TotalPrice: 0.1 }),
        ],
      },
    });
  });

  it("rejects a datetime in a date field and a non-Draft new order", async () => {
    const datetime = await caught(upsertOrder({ EffectiveDate: "2024-03-31T22:00:00.000Z" }));
    expect(datetime.errorCode).toBe("JSON_PARSER_ERROR");
    const [activated] = await upsertOrder({ Status: "Activated" });
    expect(activated?.errors[0]?.statusCode).toBe("FIELD_INTEGRITY_EXCEPTION");
    const [badStatus] = await upsertOrder({ Status: "Open" });
    expect(badStatus?.errors[0]?.statusCode).toBe("INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST");
  });

  it("needs the standard price before a custom price book entry", async () => {
    const custom = await conn.sobject("Pricebook2").create({ Name: "Webshop", IsActive: true });
    const [other] = (await conn
      .sobject("Product2")
      .upsert(
        [{ Name: "Widget", IsActive: true, Jortt_Product_Key__c: "widget" }],
        "Jortt_Product_Key__c",
      )) as unknown as SaveResult[];
    const error = await caught(
      conn
        .sobject("PricebookEntry")
        .create({ Pricebook2Id: custom.id, Product2Id: other?.id, UnitPrice: 5, IsActive: true }),
    );
    expect(error.errorCode).toBe("STANDARD_PRICE_NOT_DEFINED");
    await conn
      .sobject("PricebookEntry")
      .create({ Pricebook2Id: standardBookId, Product2Id: other?.id, UnitPrice: 5, IsActive: true });
    const entry = await conn
      .sobject("PricebookEntry")
      .create({ Pricebook2Id: custom.id, Product2Id: other?.id, UnitPrice: 4, IsActive: true });
    expect(entry.success).toBe(true);
    const duplicate = await caught(
      conn.sobject("PricebookEntry").create({ Pricebook2Id: custom.id, Product2Id: other?.id, UnitPrice: 4 }),
    );
    expect(duplicate.errorCode).toBe("DUPLICATE_VALUE");
  });

  it("refuses items when the order has no price book, the entry is inactive or from another book", async () => {
    await upsertOrder({ Pricebook2Id: null });
    const [noBook] = await upsertItems([
      {
        Jortt_Line_Id__c: "INV-1:0",
        Order: { Jortt_Invoice_Id__c: "INV-1" },
        PricebookEntryId: standardEntryId,
        Quantity: 1,
        UnitPrice: 1,
      },
    ]);
    expect(noBook?.errors[0]).toMatchObject({ statusCode: "FIELD_INTEGRITY_EXCEPTION", fields: ["PricebookEntryId"] });
    await upsertOrder({ Pricebook2Id: standardBookId });
    await conn.sobject("PricebookEntry").update({ Id: standardEntryId, IsActive: false });
    const [inactive] = await upsertItems([
      {
        Jortt_Line_Id__c: "INV-1:0",
        Order: { Jortt_Invoice_Id__c: "INV-1" },
        PricebookEntryId: standardEntryId,
        Quantity: 1,
        UnitPrice: 1,
      },
    ]);
    expect(inactive?.errors[0]?.message).toContain("inactive");
  });

  it("allows item changes only on Draft orders and keeps OrderId fixed", async () => {
    await upsertOrder({});
    const line = {
      Jortt_Line_Id__c: "INV-1:0",
      Order: { Jortt_Invoice_Id__c: "INV-1" },
      PricebookEntryId: standardEntryId,
      Quantity: 1,
      UnitPrice: 10,
    };
    expect((await upsertItems([line]))[0]?.created).toBe(true);
    const [again] = await upsertItems([line]);
    expect(again?.errors[0]).toMatchObject({ statusCode: "INVALID_FIELD_FOR_INSERT_UPDATE" });
    const [priceOnly] = await upsertItems([{ Jortt_Line_Id__c: "INV-1:0", UnitPrice: 11, Quantity: 3 }]);
    expect(priceOnly).toMatchObject({ success: true, created: false });
    const [order] = sandbox.records("Order");
    await conn.sobject("Order").update({ Id: String(order?.Id), Status: "Activated" });
    const [locked] = await upsertItems([{ Jortt_Line_Id__c: "INV-1:0", UnitPrice: 12 }]);
    expect(locked?.errors[0]?.statusCode).toBe("FIELD_INTEGRITY_EXCEPTION");
    const [added] = await upsertItems([{ ...line, Jortt_Line_Id__c: "INV-1:1" }]);
    expect(added?.errors[0]?.statusCode).toBe("FIELD_INTEGRITY_EXCEPTION");
  });

  it("writes an order and its lines in one composite call, rolled back as a whole with allOrNone", async () => {
    const body = (quantity: number) => ({
      allOrNone: true,
      compositeRequest: [
        {
          method: "PATCH",
          url: "/services/data/v62.0/sobjects/Order/Jortt_Invoice_Id__c/INV-9",
          referenceId: "ord",
          body: {
            Account: { Jortt_Customer_Id__c: "C-1" },
            EffectiveDate: "2024-01-02",
            Status: "Draft",
            Pricebook2Id: standardBookId,
          },
        },
        {
          method: "PATCH",
          url: "/services/data/v62.0/sobjects/OrderItem/Jortt_Line_Id__c/INV-9%3A0",
          referenceId: "line0",
          body: { OrderId: "@{ord.id}", PricebookEntryId: standardEntryId, Quantity: quantity, UnitPrice: 5 },
        },
        {
          method: "GET",
          url: "/services/data/v62.0/sobjects/Order/@{ord.id}?fields=TotalAmount",
          referenceId: "check",
        },
      ],
    });
    const failed = await conn.requestPost<CompositeResponse>("/composite", body(Number.NaN));
    expect(failed.compositeResponse.map((sub) => sub.httpStatusCode)).toEqual([400, 400, 400]);
    expect(failed.compositeResponse.map((sub) => (sub.body as Array<{ errorCode: string }>)[0]?.errorCode)).toEqual([
      "PROCESSING_HALTED",
      "REQUIRED_FIELD_MISSING",
      "PROCESSING_HALTED",
    ]);
    expect(sandbox.records("Order")).toHaveLength(0);
    const ok = await conn.requestPost<CompositeResponse>("/composite", body(2));
    expect(ok.compositeResponse.map((sub) => sub.httpStatusCode)).toEqual([201, 201, 200]);
    expect(ok.compositeResponse[2]?.body).toMatchObject({ TotalAmount: 10 });
    expect(sandbox.records("OrderItem")[0]?.Jortt_Line_Id__c).toBe("INV-9:0");
    expect(sandbox.apiCalls().byKind.composite).toBe(2);
  });

  it("rejects a composite with more than 25 subrequests and reports a missing reference", async () => {
    const many = Array.from({ length: 26 }, (_, index) => ({
      method: "GET",
      url: "/services/data/v62.0/limits",
      referenceId: `r${index}`,
    }));
    const error = await caught(conn.requestPost("/composite", { compositeRequest: many }));
    expect(error.errorCode).toBeDefined();
    const missing = await conn.requestPost<CompositeResponse>("/composite", {
      compositeRequest: [{ method: "GET", url: "/services/data/v62.0/sobjects/Order/@{nope.id}", referenceId: "a" }],
    });
    expect(missing.compositeResponse[0]).toMatchObject({
      httpStatusCode: 400,
      body: [{ errorCode: "PROCESSING_HALTED" }],
    });
  });

  it("inserts an order with nested OrderItems through sObject Tree, all or nothing", async () => {
    const [account] = sandbox.records("Account");
    const tree = (unitPrice: unknown) => ({
      records: [
        {
          attributes: { type: "Order", referenceId: "o1" },
          AccountId: account?.Id,
          EffectiveDate: "2024-05-01",
          Status: "Draft",
          Pricebook2Id: standardBookId,
          OrderItems: {
            records: [
              {
                attributes: { type: "OrderItem", referenceId: "i1" },
                PricebookEntryId: standardEntryId,
                Quantity: 1,
                UnitPrice: 3,
              },
              {
                attributes: { type: "OrderItem", referenceId: "i2" },
                PricebookEntryId: standardEntryId,
                Quantity: 1,
                UnitPrice: unitPrice,
              },
            ],
          },
        },
      ],
    });
    const failure = await caught(conn.requestPost("/composite/tree/Order", tree(null)));
    expect(failure.errorCode).toBe("ERROR_HTTP_400");
    expect(JSON.parse(failure.message)).toMatchObject({ hasErrors: true, results: [{ referenceId: "i2" }] });
    expect(sandbox.records("Order")).toHaveLength(0);
    const success = await conn.requestPost<{ hasErrors: boolean; results: Array<{ referenceId: string; id: string }> }>(
      "/composite/tree/Order",
      tree(4),
    );
    expect(success.hasErrors).toBe(false);
    expect(success.results.map((result) => result.referenceId)).toEqual(["o1", "i1", "i2"]);
    expect(sandbox.records("OrderItem")).toHaveLength(2);
  });
});
