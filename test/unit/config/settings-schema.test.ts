import { parseSettings, parseSettingsJson } from "../../../shared/config/parse-settings";
import { isSyncError, type SyncError } from "../../../shared/errors/sync-error";

function configError(run: () => unknown): SyncError {
  try {
    run();
  } catch (error) {
    if (isSyncError(error)) return error;
    throw error;
  }
  throw new Error("expected a configuration error");
}

describe("settings defaults", () => {
  it("accepts {} (and undefined) and fills every default", () => {
    const settings = parseSettings({});
    expect(parseSettings(undefined)).toEqual(settings);
    expect(settings).toMatchObject({
      flows: { jorttToSalesforce: true, salesforceToJortt: false },
      invoiceStatuses: ["sent"],
      accountModel: "auto",
      products: { strategy: "single", defaultProductName: "Jortt invoice line" },
      orderStatus: { draft: "Draft", sent: "Draft" },
      reverse: {
        selection: { field: "Jortt_Send__c" },
        sendMethod: null,
        paymentTermDays: { field: null, default: null, map: {} },
        paymentMethodMap: {},
        defaultCustomerId: null,
        overlapMinutes: 5,
      },
      schedule: { rateMinutes: 15 },
      salesforce: { apiBudgetShare: 0.5 },
      activityLog: { retentionDays: 30 },
      sync: { batchSize: 50, maxConcurrency: 2, maxReceiveCount: 3 },
    });
    expect(settings.mapping.overrides.Account).toEqual({});
    expect(settings.salesforce.apiVersion).toBeUndefined();
  });

  it("keeps the defaults of a partly given object", () => {
    const settings = parseSettings({ flows: { salesforceToJortt: true }, orderStatus: { sent: "Activated" } });
    expect(settings.flows).toEqual({ jorttToSalesforce: true, salesforceToJortt: true });
    expect(settings.orderStatus).toEqual({ draft: "Draft", sent: "Activated" });
  });

  it("accepts a full, realistic settings file", () => {
    const settings = parseSettings({
      $schema: "./settings.schema.json",
      flows: { jorttToSalesforce: true, salesforceToJortt: true },
      invoiceStatuses: ["sent", "draft"],
      accountModel: "person-accounts",
      products: { strategy: "by-sku-pattern", skuPattern: "\\[(\\w+)\\]", skuPatternFlags: "i" },
      orderStatus: { draft: "Draft", sent: "Draft", paid: "Activated" },
      mapping: { overrides: { Account: { AccountNumber: { source: "customer.coc_number" } } } },
      reverse: {
        selection: { field: "Send_To_Jortt__c", soqlWhere: "Type = 'Invoice' AND (TotalAmount > 0)" },
        sendMethod: "self",
        paymentTermDays: { field: "Payment_Terms__c", default: 30, map: { "Net 14": 14, "Net 60": 60 } },
        paymentMethodField: "Payment_Method__c",
        paymentMethodMap: { "Direct Debit": "direct_debit", Prepaid: "already_paid" },
        defaultPaymentMethod: "pay_later",
        defaultCustomerId: "61a5b600-16bc-013d-3d2d-42742b204134",
        overlapMinutes: 10,
      },
      schedule: { rateMinutes: 5 },
      salesforce: { apiBudgetShare: 0.25, apiVersion: "64.0" },
      activityLog: { retentionDays: 90 },
      sync: { batchSize: 100, maxConcurrency: 5, maxReceiveCount: 5 },
    });
    expect(settings.reverse.paymentTermDays.map["Net 14"]).toBe(14);
    expect(settings.reverse.sendMethod).toBe("self");
  });
});

describe("invalid settings", () => {
  const cases: [string, unknown, string][] = [
    ["a flow that is not a boolean", { flows: { jorttToSalesforce: "yes" } }, "flows.jorttToSalesforce"],
    ["an unknown invoice status", { invoiceStatuses: ["open"] }, "invoiceStatuses[0]"],
    ["no invoice status", { invoiceStatuses: [] }, "invoiceStatuses"],
    ["an unknown account model", { accountModel: "b2b" }, "accountModel"],
    ["sku strategy without pattern", { products: { strategy: "by-sku-pattern" } }, "products.skuPattern"],
    [
      "an uncompilable sku pattern",
      { products: { strategy: "by-sku-pattern", skuPattern: "([A-Z" } },
      "products.skuPattern",
    ],
    ["a sku pattern without capture group", { products: { skuPattern: "SKU-\\d+" } }, "products.skuPattern"],
    ["a sku pattern with two capture groups", { products: { skuPattern: "(\\w+)-(\\d+)" } }, "products.skuPattern"],
    ["an empty order status", { orderStatus: { sent: " " } }, "orderStatus.sent"],
    ["an unknown order status key", { orderStatus: { late: "Draft" } }, "orderStatus.late"],
    [
      "a selection field that is no API name",
      { reverse: { selection: { field: "Send to Jortt" } } },
      "reverse.selection.field",
    ],
    [
      "a SOQL criterion with LIMIT",
      { reverse: { selection: { soqlWhere: "Status = 'Draft' LIMIT 5" } } },
      "reverse.selection.soqlWhere",
    ],
    [
      "an unbalanced SOQL criterion",
      { reverse: { selection: { soqlWhere: "(Status = 'Draft'" } } },
      "reverse.selection.soqlWhere",
    ],
    ["a send method Jortt does not have", { reverse: { sendMethod: "post" } }, "reverse.sendMethod"],
    [
      "a payment term map without field",
      { reverse: { paymentTermDays: { map: { "Net 14": 14 } } } },
      "reverse.paymentTermDays.field",
    ],
    ["a negative payment term", { reverse: { paymentTermDays: { default: -1 } } }, "reverse.paymentTermDays.default"],
    [
      "an unknown payment method",
      { reverse: { paymentMethodField: "PM__c", paymentMethodMap: { Card: "card" } } },
      "reverse.paymentMethodMap.Card",
    ],
    [
      "a payment method map without field",
      { reverse: { paymentMethodMap: { Card: "pay_later" } } },
      "reverse.paymentMethodField",
    ],
    ["a default customer that is no Jortt id", { reverse: { defaultCustomerId: "42" } }, "reverse.defaultCustomerId"],
    ["a schedule below one minute", { schedule: { rateMinutes: 0 } }, "schedule.rateMinutes"],
    ["an API budget above 1", { salesforce: { apiBudgetShare: 1.5 } }, "salesforce.apiBudgetShare"],
    ["an API budget of 0", { salesforce: { apiBudgetShare: 0 } }, "salesforce.apiBudgetShare"],
    ["a malformed API version", { salesforce: { apiVersion: "v62" } }, "salesforce.apiVersion"],
    ["a fractional retention", { activityLog: { retentionDays: 1.5 } }, "activityLog.retentionDays"],
    ["a concurrency below SQS's minimum", { sync: { maxConcurrency: 1 } }, "sync.maxConcurrency"],
    ["a misspelt key", { invoiceStatus: ["sent"] }, "invoiceStatus"],
    ["a misspelt nested key", { sync: { batchsize: 10 } }, "sync.batchsize"],
    ["not an object", ["sent"], "(root)"],
  ];

  it.each(cases)("rejects %s with the field path", (_name, raw, path) => {
    const error = configError(() => parseSettings(raw));
    expect(error.errorClass).toBe("configuration");
    expect(error.source).toBe("config");
    expect(error.code).toBe("config.settings.invalid");
    expect(error.field).toBe(path);
    expect(error.message).toContain(`${path}: `);
  });

  it("lists every issue, each with its path", () => {
    const error = configError(() =>
      parseSettings({ flows: { jorttToSalesforce: 1 }, schedule: { rateMinutes: -5 }, typo: true }),
    );
    expect(error.message).toContain("flows.jorttToSalesforce:");
    expect(error.message).toContain("schedule.rateMinutes:");
    expect(error.message).toContain("typo: unknown setting");
  });

  it("reports JSON text that is not JSON as a configuration error naming its origin", () => {
    const error = configError(() => parseSettingsJson("{ flows: }", "settings file /tmp/x.json"));
    expect(error.errorClass).toBe("configuration");
    expect(error.message).toContain("settings file /tmp/x.json");
    expect(parseSettingsJson("  ", "empty file").invoiceStatuses).toEqual(["sent"]);
  });
});
