import { z } from "zod";
import { type Cents, tryNormalizeQuantity, tryParseCents, tryParseVatFraction, tryParseVatPercent } from "../money";

/**
 * Building blocks shared by the Jortt response and request schemas. They follow what the live API
 * serves (reference/jortt-api.md §3), not only what the spec says.
 */

/** Loose 8-4-4-4-12 hex: some Jortt ids are not RFC-valid UUIDs, so never `z.uuid()` (§13.21). */
export const JORTT_ID_PATTERN = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

export const jorttId = z.string().regex(JORTT_ID_PATTERN, { error: "expected a Jortt id (8-4-4-4-12 hex)" });

export function isJorttId(value: unknown): value is string {
  return typeof value === "string" && JORTT_ID_PATTERN.test(value);
}

/** True when `YYYY-MM-DD` names a real calendar day (no 2021-02-29, no 2020-13-01). */
export function isCalendarDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (month < 1 || month > 12 || day < 1) return false;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return day <= daysInMonth;
}

/** A plain local date. Kept as the string: converting to a Date would shift it by time zone. */
export const jorttDate = z.string().refine(isCalendarDate, { error: "expected YYYY-MM-DD (a real calendar date)" });

const DATE_TIME_PATTERN = /^(\d{4}-\d{2}-\d{2})T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

/** ISO-8601 date-time with an offset, as Jortt serves `created_at` ("2020-09-24T16:55:56+02:00"). */
export const jorttDateTime = z.string().refine(
  (value) => {
    const match = DATE_TIME_PATTERN.exec(value);
    return match !== null && isCalendarDate(match[1] ?? "") && !Number.isNaN(Date.parse(value));
  },
  { error: "expected an ISO-8601 date-time with offset" },
);

/** `created_at` in UTC ISO form for Salesforce DateTime fields. */
export function jorttDateTimeToUtcIso(value: string): string {
  return new Date(value).toISOString();
}

/** Any present-but-optional field: absent and null both become `null` in the parsed output. */
export function nullish<T extends z.ZodType>(schema: T) {
  return schema.nullish().transform((value): z.output<T> | null => value ?? null);
}

/** An exact amount: integer cents plus the currency code (Jortt only has EUR today). */
export interface JorttMoney {
  cents: Cents;
  currency: string;
}

const CURRENCY_PATTERN = /^[A-Z]{3}$/;

/**
 * An amount object read by hand rather than as a zod object: amounts are the most frequent value
 * in a scan (3 per invoice, 2 per line) and this is several times faster. Issues carry the key.
 */
function amountObject(valueKey: "value" | "amount") {
  // `.optional()` so a missing key reaches the transform and gets the readable message below.
  return z
    .unknown()
    .optional()
    .transform((input, ctx): JorttMoney => {
      if (input === null || typeof input !== "object" || Array.isArray(input)) {
        ctx.addIssue({ code: "custom", message: `expected an amount object {${valueKey}, currency}` });
        return z.NEVER;
      }
      const record = input as Record<string, unknown>;
      const cents = tryParseCents(record[valueKey]);
      if (!cents.ok) {
        ctx.addIssue({ code: "custom", path: [valueKey], message: cents.reason });
        return z.NEVER;
      }
      const currency = record.currency ?? "EUR";
      if (typeof currency !== "string" || !CURRENCY_PATTERN.test(currency)) {
        ctx.addIssue({ code: "custom", path: ["currency"], message: "expected a 3-letter currency code" });
        return z.NEVER;
      }
      return { cents: cents.value, currency };
    });
}

/** v1 Amount `{value:"1996.00"|1996, currency:"EUR"}` (the spec says number; responses hold strings). */
export const jorttV1Amount = amountObject("value");

/** v2/v3 Amount `{amount:"22.00", currency:"EUR"}`. */
export const jorttV2Amount = amountObject("amount");

/** A decimal as served (string or number) or null/absent → null; read exactly later. */
export const optionalDecimalText = z
  .unknown()
  .optional()
  .transform((input, ctx): string | number | null => {
    if (input === null || input === undefined) return null;
    if (typeof input === "string" || typeof input === "number") return input;
    ctx.addIssue({ code: "custom", message: "expected a decimal string or number" });
    return z.NEVER;
  });

/** A v1 VAT percent ("21.0", or the deprecated number 21.0), validated; the parsed value is basis points. */
export const jorttVatPercent = z.union([z.string(), z.number()]).transform((value, ctx) => {
  const result = tryParseVatPercent(value);
  if (!result.ok) {
    ctx.addIssue({ code: "custom", message: result.reason });
    return z.NEVER;
  }
  return result.value;
});

/** A v2/v3 VAT fraction ("0.21" or 0.21) as basis points. */
export const jorttVatFraction = z.union([z.string(), z.number()]).transform((value, ctx) => {
  const result = tryParseVatFraction(value);
  if (!result.ok) {
    ctx.addIssue({ code: "custom", message: result.reason });
    return z.NEVER;
  }
  return result.value;
});

/** A quantity ("3.14", 4.0) as a canonical exact decimal string ("3.14", "4"). */
export const jorttQuantity = z.union([z.string(), z.number()]).transform((value, ctx) => {
  const result = tryNormalizeQuantity(value);
  if (!result.ok) {
    ctx.addIssue({ code: "custom", message: result.reason });
    return z.NEVER;
  }
  return result.value;
});

/** Strings that some records send as numbers (Peppol ids are typed int64 but hold "KVK"). */
export const stringOrNumberAsString = z.union([z.string(), z.number()]).transform((value) => String(value));

/** A list of strings that may be null, [] or missing; parsed as an array (null → []). */
export const stringList = z
  .array(z.string())
  .nullish()
  .transform((value) => value ?? []);
