/**
 * SOQL string literals (reference §5, §12.14: `conn.query` escapes nothing). Escape sequences per
 * the SOQL reference: \\ \' \" \n \r \t \b \f. The backslash is escaped first so the others are not
 * doubled.
 */
const ESCAPES: Readonly<Record<string, string>> = {
  "\\": "\\\\",
  "'": "\\'",
  '"': '\\"',
  "\n": "\\n",
  "\r": "\\r",
  "\t": "\\t",
  "\b": "\\b",
  "\f": "\\f",
};

/** `soqlString("O'Brien")` → `'O\'Brien'`. */
export function soqlString(value: string): string {
  return `'${value.replace(/[\\'"\n\r\t\b\f]/g, (ch) => ESCAPES[ch] ?? ch)}'`;
}

/** A LIKE pattern matching `value` literally: `%` and `_` are escaped too; add wildcards yourself. */
export function soqlLikeString(value: string, wildcards: { prefix?: boolean; suffix?: boolean } = {}): string {
  const escaped = value.replace(/[\\'"\n\r\t\b\f%_]/g, (ch) => ESCAPES[ch] ?? `\\${ch}`);
  return `'${wildcards.prefix ? "%" : ""}${escaped}${wildcards.suffix ? "%" : ""}'`;
}

/** API names of objects and fields (`Account`, `Jortt_Customer_Id__c`): checked before they enter a URL or SOQL. */
const API_NAME = /^[A-Za-z][A-Za-z0-9_]{0,79}$/;

export function assertApiName(name: string, what = "API name"): string {
  if (!API_NAME.test(name)) throw new TypeError(`Invalid Salesforce ${what}: ${JSON.stringify(name)}`);
  return name;
}
