import { JorttCustomerSchema } from "../jortt/customer-schema";
import { JorttInvoiceLineSchema, JorttInvoiceSchema } from "../jortt/invoice-schema";

/**
 * Source paths of mapping overrides: `<root>.<jortt field>[.<sub key or index>…]`, read from the
 * *parsed* Jortt records (amounts are `{cents, currency}`, dates `YYYY-MM-DD` strings).
 * The known fields come from the Jortt schemas, so a typo is a settings error, not a silent null.
 */
export type SourceRoot = "customer" | "invoice" | "line";

/** The objects overrides can target; `PersonAccount` applies to person accounts only, after `Account`. */
export const OVERRIDE_OBJECTS = ["Account", "PersonAccount", "Contact", "Order", "OrderItem", "Product2"] as const;
export type OverrideObject = (typeof OVERRIDE_OBJECTS)[number];

/** Which records an override of each object can read. Product2 reads only its line: products are shared. */
export const SOURCE_ROOTS: Readonly<Record<OverrideObject, readonly SourceRoot[]>> = {
  Account: ["customer"],
  PersonAccount: ["customer"],
  Contact: ["customer"],
  Order: ["invoice"],
  OrderItem: ["line", "invoice"],
  Product2: ["line"],
};

/** Fields the parse adds to each line (resolved quantity, VAT in basis points). */
const DERIVED_LINE_FIELDS = ["quantity", "vat_basis_points"];

export const SOURCE_FIELDS: Readonly<Record<SourceRoot, ReadonlySet<string>>> = {
  customer: new Set(Object.keys(JorttCustomerSchema.shape)),
  invoice: new Set(Object.keys(JorttInvoiceSchema.shape)),
  line: new Set([...Object.keys(JorttInvoiceLineSchema.in.shape), ...DERIVED_LINE_FIELDS]),
};

const PATH_PATTERN = /^(customer|invoice|line)\.([a-z_][a-z0-9_]*)((?:\.[A-Za-z0-9_]+)*)$/;

/** Why a source path is not usable for `object`, or null when it is. */
export function sourcePathProblem(object: OverrideObject, path: string): string | null {
  const match = PATH_PATTERN.exec(path);
  if (!match) return `expected "<${SOURCE_ROOTS[object].join("|")}>.<field>" (e.g. "customer.vat_number")`;
  const root = match[1] as SourceRoot;
  const field = match[2] as string;
  if (!SOURCE_ROOTS[object].includes(root)) {
    return `${object} overrides can read ${SOURCE_ROOTS[object].map((r) => `"${r}.…"`).join(" or ")}, not "${root}.…"`;
  }
  if (!SOURCE_FIELDS[root].has(field)) return `unknown ${root} field "${field}"`;
  return null;
}

/** The records an override reads from. */
export type SourceRecords = Partial<Record<SourceRoot, unknown>>;

/** Reads a (validated) path; a missing step yields null. */
export function readSourcePath(records: SourceRecords, path: string): unknown {
  const [root, ...steps] = path.split(".");
  let value: unknown = records[root as SourceRoot];
  for (const step of steps) {
    if (value === null || value === undefined || typeof value !== "object") return null;
    value = Array.isArray(value) ? value[Number(step)] : (value as Record<string, unknown>)[step];
  }
  return value ?? null;
}
