/**
 * Salesforce number fields travel as JSON numbers. A number built with `Number(text)` from an exact
 * decimal text, with no arithmetic, serializes back to that same text (JSON prints the shortest
 * round-trip form) as long as the text has at most 15 significant digits. This checks that it does.
 */
export function exactDecimalNumber(text: string): number | null {
  const value = Number(text);
  if (!Number.isFinite(value)) return null;
  const canonical = canonicalDecimal(text);
  return canonical !== null && String(value === 0 ? 0 : value) === canonical ? value || 0 : null;
}

/** "-012.500" → "-12.5", "4.0" → "4", "-0.00" → "0"; null when not a plain decimal. */
function canonicalDecimal(text: string): string | null {
  const match = /^([+-])?(\d+)(?:\.(\d+))?$/.exec(text.trim());
  if (!match) return null;
  const integer = (match[2] ?? "0").replace(/^0+(?=\d)/, "");
  const fraction = (match[3] ?? "").replace(/0+$/, "");
  const body = fraction ? `${integer}.${fraction}` : integer;
  return match[1] === "-" && body !== "0" ? `-${body}` : body;
}
