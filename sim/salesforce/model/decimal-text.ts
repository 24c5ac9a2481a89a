/** Exact decimal handling for currency/percent/number fields: no float arithmetic on money. */
const PLAIN_DECIMAL = /^([+-])?(\d*)(?:\.(\d*))?$/;

/** A finite JS number or a numeric string as a plain decimal string (no exponent), or undefined. */
export function toPlainDecimal(value: number | string): string | undefined {
  if (typeof value === "number") {
    if (!Number.isFinite(value)) return undefined;
    const text = String(value);
    // toLocaleString is slow; only exponent forms (1e-7, 1e21) need it.
    return /e/i.test(text) ? value.toLocaleString("en-US", { useGrouping: false, maximumFractionDigits: 20 }) : text;
  }
  const trimmed = value.trim();
  if (trimmed === "") return undefined;
  if (/^[+-]?\d*(\.\d*)?[eE][+-]?\d+$/.test(trimmed)) return toPlainDecimal(Number(trimmed));
  const match = PLAIN_DECIMAL.exec(trimmed);
  if (!match || (match[2] === "" && (match[3] ?? "") === "")) return undefined;
  return trimmed;
}

/** Rounds half-up (away from zero) to `scale` decimals; returns the integer-digit count too. */
export function roundDecimal(plain: string, scale: number): { text: string; integerDigits: number } {
  const match = PLAIN_DECIMAL.exec(plain);
  const negative = match?.[1] === "-";
  const integerPart = (match?.[2] ?? "").replace(/^0+(?=\d)/, "") || "0";
  const fraction = match?.[3] ?? "";
  let scaled = BigInt(integerPart + fraction.slice(0, scale).padEnd(scale, "0"));
  if ((fraction.charAt(scale) || "0") >= "5") scaled += 1n;
  const digits = scaled.toString().padStart(scale + 1, "0");
  const whole = scale > 0 ? digits.slice(0, -scale) : digits;
  const decimals = scale > 0 ? digits.slice(-scale) : "";
  const isZero = scaled === 0n;
  const text = `${negative && !isZero ? "-" : ""}${whole}${decimals ? `.${decimals}` : ""}`;
  return { text, integerDigits: whole === "0" ? 0 : whole.length };
}
