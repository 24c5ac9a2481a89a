import { SyncError } from "../errors/sync-error";

/**
 * Exact money for the sync: amounts are integer **cents** held in a JS `number` that must stay a
 * safe integer (|x| ≤ 2^53-1 cents ≈ €90 trillion).
 *
 * Why `number` and not `bigint`: every value crosses JSON (SQS messages, DynamoDB, hashes, jsforce
 * payloads) and `JSON.stringify` throws on bigint; Salesforce's largest currency field (16,2) and
 * any real invoice fit far inside the safe range; and every arithmetic helper below checks the
 * result is still a safe integer, so an overflow is an error, never a silent rounding.
 * Intermediate products (quantity × price, VAT) are computed in bigint and rounded once.
 */
export type Cents = number;

/** A VAT rate in basis points of a percent: 21 % = 2100, 5.5 % = 550, 0 % = 0. */
export type VatBasisPoints = number;

/** How a value with more precision than a cent is brought back to cents. */
export type RoundingMode = "half-away-from-zero" | "half-even";

/** A parsed scaled decimal, or why it could not be read. */
export type DecimalParseResult = { ok: true; value: number } | { ok: false; reason: string };

interface DecimalParts {
  negative: boolean;
  integerDigits: string;
  fractionDigits: string;
}

const DECIMAL_PATTERN = /^([+-])?(\d+)(?:\.(\d*))?$|^([+-])?\.(\d+)$/;

/**
 * Text of a number exactly as JavaScript prints it (shortest round-trip form), so `0.1` reads
 * as "0.1" and `0.1 + 0.2` as "0.30000000000000004" (which then fails the scale check).
 */
function numberToDecimalText(input: number): string | undefined {
  if (!Number.isFinite(input)) return undefined;
  const text = String(input);
  return /e/i.test(text) ? undefined : text;
}

function splitDecimal(input: unknown): DecimalParts | string {
  let text: string;
  if (typeof input === "number") {
    const printed = numberToDecimalText(input);
    if (printed === undefined) return `not a finite plain decimal number (${String(input)})`;
    text = printed;
  } else if (typeof input === "string") {
    text = input;
  } else {
    return `expected a decimal string or number, got ${input === null ? "null" : typeof input}`;
  }
  const match = DECIMAL_PATTERN.exec(text);
  // The value itself is never echoed: reasons reach logs, DLQ attributes and reports (no personal data).
  if (!match) return `not a decimal number (${describeText(text)})`;
  const sign = match[1] ?? match[4];
  const integerDigits = match[2] ?? "0";
  const fractionDigits = match[3] ?? match[5] ?? "";
  return { negative: sign === "-", integerDigits, fractionDigits };
}

/**
 * Reads a decimal as an integer scaled by 10^scale, exactly. Extra fraction digits are allowed
 * only when they are zeros ("10.500" at scale 2 is 1050); a significant digit beyond the scale is
 * an error, never rounded away.
 */
export function parseScaledDecimal(input: unknown, scale: number, what = "amount"): DecimalParseResult {
  const parts = splitDecimal(input);
  if (typeof parts === "string") return { ok: false, reason: `${what}: ${parts}` };
  const significant = parts.fractionDigits.replace(/0+$/, "");
  if (significant.length > scale) {
    return {
      ok: false,
      reason: `${what}: more than ${scale} decimal${scale === 1 ? "" : "s"}`,
    };
  }
  const digits = parts.integerDigits + significant.padEnd(scale, "0");
  // Up to 15 digits is exact in a double; only longer inputs need BigInt for the range check.
  const magnitude = digits.length <= 15 ? Number(digits) : bigDigitsToSafeNumber(digits);
  if (magnitude === undefined) return { ok: false, reason: `${what}: out of range (${digits.length} digits)` };
  // `|| 0` folds -0 into 0, so hashes and equality never see a negative zero.
  return { ok: true, value: (parts.negative ? -magnitude : magnitude) || 0 };
}

function bigDigitsToSafeNumber(digits: string): number | undefined {
  const value = BigInt(digits);
  return value > BigInt(Number.MAX_SAFE_INTEGER) ? undefined : Number(value);
}

/** The shape of a rejected text, e.g. "10 characters, has letters", without the text itself. */
function describeText(text: string): string {
  const traits = [
    /[a-z]/i.test(text) ? "letters" : "",
    /,/.test(text) ? "a comma" : "",
    /\s/.test(text) ? "spaces" : "",
  ]
    .filter(Boolean)
    .join(", ");
  return `${text.length} characters${traits ? `, has ${traits}` : ""}`;
}

/** Cents from a decimal string or number: "1996.00" → 199600, "-12.5" → -1250, 499 → 49900. */
export function tryParseCents(input: unknown): DecimalParseResult {
  return parseScaledDecimal(input, 2, "amount");
}

/** As `tryParseCents`, throwing a data-class `SyncError` with the reason. */
export function parseCents(input: unknown, field?: string): Cents {
  const result = tryParseCents(input);
  if (!result.ok) {
    throw new SyncError(field ? `${field}: ${result.reason}` : result.reason, {
      code: "money.invalid",
      errorClass: "data",
      source: "mapping",
      field,
    });
  }
  return result.value;
}

function assertCents(cents: Cents, operation: string): Cents {
  if (!Number.isSafeInteger(cents)) {
    throw new SyncError(`${operation}: result is not a whole number of cents within the safe range`, {
      code: "money.overflow",
      errorClass: "data",
      source: "mapping",
    });
  }
  return cents || 0;
}

/** Formats cents as a plain 2-decimal string: 199600 → "1996.00", -5 → "-0.05". */
export function formatCents(cents: Cents): string {
  assertCents(cents, "formatCents");
  const negative = cents < 0;
  const digits = String(Math.abs(cents)).padStart(3, "0");
  return `${negative ? "-" : ""}${digits.slice(0, -2)}.${digits.slice(-2)}`;
}

/**
 * Cents as a JS number of euros for JSON transport (e.g. Salesforce Currency fields). Safe because
 * JSON prints the shortest round-trip text ("12.34"), which the receiver parses as that decimal.
 * Never do arithmetic on the result.
 */
export function centsToDecimalNumber(cents: Cents): number {
  return Number(formatCents(cents));
}

export function addCents(...amounts: Cents[]): Cents {
  let total = 0;
  for (const amount of amounts) total = assertCents(total + assertCents(amount, "addCents"), "addCents");
  return total;
}

export function sumCents(amounts: Iterable<Cents>): Cents {
  return addCents(...amounts);
}

export function subtractCents(a: Cents, b: Cents): Cents {
  return assertCents(assertCents(a, "subtractCents") - assertCents(b, "subtractCents"), "subtractCents");
}

export function negateCents(a: Cents): Cents {
  return assertCents(-assertCents(a, "negateCents"), "negateCents");
}

/** Divides two bigints, rounding the quotient to an integer with the given mode. */
function divideRounded(numerator: bigint, denominator: bigint, mode: RoundingMode): bigint {
  const negative = numerator < 0n !== denominator < 0n;
  const n = numerator < 0n ? -numerator : numerator;
  const d = denominator < 0n ? -denominator : denominator;
  let quotient = n / d;
  const twiceRemainder = (n % d) * 2n;
  if (twiceRemainder > d || (twiceRemainder === d && (mode === "half-away-from-zero" || quotient % 2n === 1n))) {
    quotient += 1n;
  }
  return negative ? -quotient : quotient;
}

/**
 * Line total: unit price × quantity, rounded once to cents. Quantity is a decimal string or
 * number ("3.14", 4.0) of up to 6 decimals. Default rounding is commercial (half away from zero).
 */
export function multiplyCents(
  unitCents: Cents,
  quantity: string | number,
  mode: RoundingMode = "half-away-from-zero",
): Cents {
  const parsed = parseScaledDecimal(quantity, QUANTITY_SCALE, "quantity");
  if (!parsed.ok) {
    throw new SyncError(parsed.reason, { code: "quantity.invalid", errorClass: "data", source: "mapping" });
  }
  const product = BigInt(assertCents(unitCents, "multiplyCents")) * BigInt(parsed.value);
  return assertCents(Number(divideRounded(product, 10n ** BigInt(QUANTITY_SCALE), mode)), "multiplyCents");
}

/** The VAT on a net amount, rounded once to cents: vatOnCents(1996_00, 2100) → 419_16. */
export function vatOnCents(netCents: Cents, rate: VatBasisPoints, mode: RoundingMode = "half-away-from-zero"): Cents {
  const product = BigInt(assertCents(netCents, "vatOnCents")) * BigInt(assertVatBasisPoints(rate));
  return assertCents(Number(divideRounded(product, 10_000n, mode)), "vatOnCents");
}

/** Quantities carry up to 6 decimals (Jortt shows e.g. "22.1", "3.14"). */
export const QUANTITY_SCALE = 6;

/** A quantity as a canonical decimal string: 4.0 → "4", "3.140" → "3.14", "-1" → "-1". */
export function tryNormalizeQuantity(input: unknown): { ok: true; value: string } | { ok: false; reason: string } {
  const parsed = parseScaledDecimal(input, QUANTITY_SCALE, "quantity");
  if (!parsed.ok) return parsed;
  return { ok: true, value: formatScaled(parsed.value, QUANTITY_SCALE) };
}

/** Prints an integer scaled by 10^scale as the shortest exact decimal ("3.14", "4", "-0.5"). */
function formatScaled(value: number, scale: number): string {
  const negative = value < 0;
  const digits = String(Math.abs(value)).padStart(scale + 1, "0");
  const integerPart = digits.slice(0, digits.length - scale);
  const fractionPart = digits.slice(digits.length - scale).replace(/0+$/, "");
  return `${negative ? "-" : ""}${integerPart}${fractionPart ? `.${fractionPart}` : ""}`;
}

// ---------------------------------------------------------------------------------------------
// VAT: Jortt v1 sends a percent string ("21.0"); v2/v3 use a fraction (0.21 / "0.21").
// Both are held as basis points so the two can never be confused (a 100× error).
// ---------------------------------------------------------------------------------------------

function assertVatBasisPoints(rate: VatBasisPoints): VatBasisPoints {
  if (!Number.isSafeInteger(rate) || rate < 0 || rate > 10_000) {
    throw new SyncError(`VAT rate out of range: ${rate} basis points`, {
      code: "vat.invalid",
      errorClass: "data",
      source: "mapping",
    });
  }
  return rate;
}

function vatRangeCheck(result: DecimalParseResult, what: string): DecimalParseResult {
  if (!result.ok) return result;
  if (result.value < 0 || result.value > 10_000) {
    return { ok: false, reason: `${what}: outside 0–100 %` };
  }
  return result;
}

/** A v1 percent ("21.0", "9", 21, "5.5") as basis points (2100, 900, 2100, 550). */
export function tryParseVatPercent(input: unknown): DecimalParseResult {
  return vatRangeCheck(parseScaledDecimal(input, 2, "VAT percentage"), "VAT percentage");
}

/** A v2/v3 fraction ("0.21", 0.09, "0") as basis points (2100, 900, 0). */
export function tryParseVatFraction(input: unknown): DecimalParseResult {
  return vatRangeCheck(parseScaledDecimal(input, 4, "VAT fraction"), "VAT fraction");
}

function unwrapVat(result: DecimalParseResult, field?: string): VatBasisPoints {
  if (!result.ok) {
    throw new SyncError(field ? `${field}: ${result.reason}` : result.reason, {
      code: "vat.invalid",
      errorClass: "data",
      source: "mapping",
      field,
    });
  }
  return result.value;
}

export function parseVatPercent(input: unknown, field?: string): VatBasisPoints {
  return unwrapVat(tryParseVatPercent(input), field);
}

export function parseVatFraction(input: unknown, field?: string): VatBasisPoints {
  return unwrapVat(tryParseVatFraction(input), field);
}

/** The v3 request form: 2100 → "0.21", 900 → "0.09", 550 → "0.055", 0 → "0.00". */
export function vatToFractionString(rate: VatBasisPoints): string {
  const text = formatScaled(assertVatBasisPoints(rate), 4);
  const [whole = "0", fraction = ""] = text.split(".");
  return `${whole}.${fraction.padEnd(2, "0")}`;
}

/** The v1 / display form: 2100 → "21.0", 550 → "5.5", 1225 → "12.25", 0 → "0.0". */
export function vatToPercentString(rate: VatBasisPoints): string {
  const text = formatScaled(assertVatBasisPoints(rate), 2);
  return text.includes(".") ? text : `${text}.0`;
}

/** As a JS number of percent for Salesforce Percent fields (21 means 21 %); JSON-exact as above. */
export function vatToPercentNumber(rate: VatBasisPoints): number {
  return Number(vatToPercentString(rate));
}
