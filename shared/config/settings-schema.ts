import { z } from "zod";
import { JORTT_PAYMENT_METHODS, JORTT_SEND_METHODS } from "../domain/jortt/create-invoice-schema";
import { JORTT_INVOICE_STATUS_FILTERS } from "../domain/jortt/invoice-schema";
import { JORTT_ID_PATTERN } from "../domain/jortt/jortt-primitives";
import { capturingGroupCount, PATTERN_FLAGS, patternProblem } from "../domain/mapping/compile-pattern";
import { tryParseVatPercent } from "../domain/money";
import { MappingOverridesSchema } from "./mapping-overrides-schema";

/**
 * Settings: one schema for the local JSON file and the SSM parameter alike. `{}` is valid (every
 * field has a default). Objects are strict: a misspelt key is an error, not a silently ignored
 * setting. Nested objects use `prefault({})` so their own defaults apply when they are omitted.
 */

const apiName = z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,79}$/, { error: "expected a Salesforce field API name" });
/** An Order Status picklist API value (Salesforce's limit is 40 characters). */
const orderStatusValue = z.string().trim().min(1).max(40);
const days = z.int().min(0).max(3650);

const FlowsSchema = z
  .strictObject({
    jorttToSalesforce: z.boolean().default(true),
    salesforceToJortt: z.boolean().default(false),
  })
  .prefault({});

const InvoiceStatusesSchema = z
  .array(z.enum(JORTT_INVOICE_STATUS_FILTERS))
  .min(1, { error: "name at least one invoice status" })
  .refine((statuses) => new Set(statuses).size === statuses.length, { error: "statuses must not repeat" })
  .default(["sent"]);

export const PRODUCT_STRATEGIES = ["single", "by-description", "by-sku-pattern"] as const;
export type ProductStrategy = (typeof PRODUCT_STRATEGIES)[number];

const ProductsSchema = z
  .strictObject({
    strategy: z.enum(PRODUCT_STRATEGIES).default("single"),
    /** Product2 Name of the default product (strategy single, and lines without a key). */
    defaultProductName: z.string().trim().min(1).max(255).default("Jortt invoice line"),
    /** Regex with exactly one capture group: the SKU inside a line description. */
    skuPattern: z.string().optional(),
    skuPatternFlags: z.string().regex(PATTERN_FLAGS, { error: 'flags may only be "i", "m", "s", "u"' }).default(""),
  })
  .superRefine((products, ctx) => {
    if (products.skuPattern === undefined) {
      if (products.strategy === "by-sku-pattern") {
        ctx.addIssue({ code: "custom", path: ["skuPattern"], message: "required when strategy is by-sku-pattern" });
      }
      return;
    }
    const problem = patternProblem(products.skuPattern, products.skuPatternFlags);
    if (problem) {
      ctx.addIssue({ code: "custom", path: ["skuPattern"], message: problem });
    } else if (capturingGroupCount(products.skuPattern, products.skuPatternFlags) !== 1) {
      ctx.addIssue({ code: "custom", path: ["skuPattern"], message: "must have exactly one capture group (the SKU)" });
    }
  })
  .prefault({});

/** Jortt status → Salesforce Order Status. `paid` (sent with nothing due) falls back to `sent`. */
const OrderStatusSchema = z
  .strictObject({
    draft: orderStatusValue.default("Draft"),
    sent: orderStatusValue.default("Draft"),
    paid: orderStatusValue.optional(),
  })
  .prefault({});

const MappingSchema = z.strictObject({ overrides: MappingOverridesSchema }).prefault({});

/** A WHERE criterion added with AND to the reverse-flow selection. Checked for shape, not parsed. */
const soqlCriterion = z
  .string()
  .trim()
  .min(1)
  .max(2000)
  .refine(isBalancedSoql, { error: "unbalanced quotes or parentheses" })
  .refine((where) => !/\b(limit|order\s+by|offset|group\s+by|for\s+update)\b/i.test(stripQuoted(where)), {
    error: "only a WHERE criterion (no LIMIT, ORDER BY, OFFSET, GROUP BY, FOR UPDATE)",
  });

const ReverseSchema = z
  .strictObject({
    selection: z
      .strictObject({
        /** Checkbox on Order that marks it to be sent to Jortt. */
        field: apiName.default("Jortt_Send__c"),
        soqlWhere: soqlCriterion.optional(),
      })
      .prefault({}),
    /** null: create a draft (Jortt's default); else the v3 create `send_method`. */
    sendMethod: z.enum(JORTT_SEND_METHODS).nullable().default(null),
    paymentTermDays: z
      .strictObject({
        /** Order field holding the payment term; its values are looked up in `map`. */
        field: apiName.nullable().default(null),
        /** Days when the field is empty or unmapped; null leaves it to Jortt (customer's, then org's term). */
        default: days.nullable().default(null),
        map: z.record(z.string(), days).default({}),
      })
      .refine((term) => term.field !== null || Object.keys(term.map).length === 0, {
        error: "a map needs the Order field it reads (field)",
        path: ["field"],
      })
      .prefault({}),
    /** Order field whose values `paymentMethodMap` translates. */
    paymentMethodField: apiName.nullable().default(null),
    paymentMethodMap: z.record(z.string(), z.enum(JORTT_PAYMENT_METHODS)).default({}),
    /** Payment method when the field is empty or unmapped; null leaves it to Jortt (pay_later). */
    defaultPaymentMethod: z.enum(JORTT_PAYMENT_METHODS).nullable().default(null),
    /**
     * Jortt customer used when the Order's Account has no Jortt customer and none matches its
     * e-mail (instead of creating one); null creates a customer from the Account.
     */
    defaultCustomerId: z.string().regex(JORTT_ID_PATTERN, { error: "expected a Jortt id" }).nullable().default(null),
    /** Re-read Orders modified this many minutes before the last cursor (clock skew, long transactions). */
    overlapMinutes: z.int().min(0).max(1440).default(5),
    /** VAT percent of an OrderItem whose `Jortt_VAT_Rate__c` is empty (21 means 21 %; at most 2 decimals). */
    defaultVatPercent: z
      .number()
      .min(0)
      .max(100)
      .refine((percent) => tryParseVatPercent(percent).ok, { error: "at most 2 decimals" })
      .default(21),
    /** Invoice date: today in Jortt (its default), or the Order's EffectiveDate. */
    invoiceDate: z.enum(["today", "order-effective-date"]).default("today"),
  })
  .refine((reverse) => reverse.paymentMethodField !== null || Object.keys(reverse.paymentMethodMap).length === 0, {
    error: "paymentMethodMap needs the Order field it reads (paymentMethodField)",
    path: ["paymentMethodField"],
  })
  .prefault({});

const ScheduleSchema = z.strictObject({ rateMinutes: z.int().min(1).max(1440).default(15) }).prefault({});

const SalesforceSchema = z
  .strictObject({
    /** Share of the org's daily API allocation this sync may use before it stops for the day. */
    apiBudgetShare: z.number().gt(0).max(1).default(0.5),
    /** Overrides SALESFORCE_API_VERSION from the credentials. */
    apiVersion: z
      .string()
      .regex(/^\d{2,3}\.0$/, { error: 'expected a version like "62.0"' })
      .optional(),
  })
  .prefault({});

const ActivityLogSchema = z.strictObject({ retentionDays: z.int().min(1).max(3650).default(30) }).prefault({});

const SyncSchema = z
  .strictObject({
    /** SQS messages per sync invocation. */
    batchSize: z.int().min(1).max(1000).default(50),
    /** Concurrent sync invocations (SQS event source maximumConcurrency: 2–1000). */
    maxConcurrency: z.int().min(2).max(1000).default(2),
    /** Receives before a message moves to the DLQ. */
    maxReceiveCount: z.int().min(1).max(1000).default(3),
  })
  .prefault({});

export const SettingsSchema = z.strictObject({
  /** Lets editors validate the file against a JSON Schema; ignored by the sync. */
  $schema: z.string().optional(),
  flows: FlowsSchema,
  invoiceStatuses: InvoiceStatusesSchema,
  accountModel: z.enum(["auto", "person-accounts", "account-contact"]).default("auto"),
  products: ProductsSchema,
  orderStatus: OrderStatusSchema,
  mapping: MappingSchema,
  reverse: ReverseSchema,
  schedule: ScheduleSchema,
  salesforce: SalesforceSchema,
  activityLog: ActivityLogSchema,
  sync: SyncSchema,
});

export type Settings = z.output<typeof SettingsSchema>;
/** What a settings file may contain (everything optional). */
export type SettingsInput = z.input<typeof SettingsSchema>;
export type AccountModelSetting = Settings["accountModel"];

function stripQuoted(soql: string): string {
  return soql.replace(/'(?:[^'\\]|\\.)*'/g, "''");
}

function isBalancedSoql(soql: string): boolean {
  const unquoted = soql.replace(/'(?:[^'\\]|\\.)*'/g, "");
  if (unquoted.includes("'")) return false;
  let depth = 0;
  for (const char of unquoted) {
    if (char === "(") depth += 1;
    if (char === ")") depth -= 1;
    if (depth < 0) return false;
  }
  return depth === 0;
}
