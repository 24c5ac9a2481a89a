/**
 * The ONE list of where the live Jortt API (and so our sandbox) knowingly differs from Jortt's
 * published OpenAPI file (../shared/contracts/jortt-openapi.json). Each entry cites the evidence in
 * ../shared/reference/jortt-api.md. The contract test applies exactly these patches to the spec and
 * validates the sandbox's responses against the result, so the sandbox cannot drift from Jortt in
 * any way that is not written down here.
 */
export interface SpecDeviation {
  definition: string;
  property: string;
  /** What the live API does instead of what the spec says. */
  live: string;
  evidence: string;
  /** The JSON Schema the property is validated with instead of the spec's. */
  schema: Record<string, unknown>;
}

/** Keys that the spec lists as "required" are always present but may be null (jortt-api.md §3). */
export const NULLABLE_UNLESS_CORE: Record<string, readonly string[]> = {
  Jortt_V1_Entities_Customer: ["id", "is_private", "customer_name"],
  Jortt_V1_Entities_Invoice: [
    "id",
    "invoice_status",
    "customer_id",
    "invoice_total",
    "invoice_total_incl_vat",
    "invoice_due_amount",
    "line_items",
    "created_at",
  ],
  Jortt_V1_Entities_LineItem: ["amount_per_unit", "vat_percentage"],
};

const decimalString = { type: "string", pattern: "^-?\\d+(\\.\\d+)?$" };

export const SPEC_DEVIATIONS: readonly SpecDeviation[] = [
  {
    definition: "Jortt_V1_Entities_Amount",
    property: "value",
    live: 'money is a 2-decimal string such as "1996.00", not a JSON number',
    evidence: "jortt-api.md §3 Money, §13.3 [VCR:inv-show]",
    schema: { anyOf: [decimalString, { type: "number" }] },
  },
  {
    definition: "Jortt_V1_Entities_Invoice",
    property: "credit_invoice_ids",
    live: "an array of invoice ids, not a string",
    evidence: "jortt-api.md §13.9 (spec type errors)",
    schema: { anyOf: [{ type: "array", items: { type: "string" } }, { type: "null" }] },
  },
  {
    definition: "Jortt_V1_Entities_Customer",
    property: "peppol_scheme_code",
    live: 'a string such as "KVK", not an integer',
    evidence: "jortt-api.md §13.9 (Peppol fields typed as integers hold strings)",
    schema: { type: ["string", "null"] },
  },
  {
    definition: "Jortt_V1_Entities_Customer",
    property: "peppol_identifier",
    live: "a string, not an integer",
    evidence: "jortt-api.md §13.9",
    schema: { type: ["string", "null"] },
  },
  {
    definition: "Jortt_V1_Entities_LineItem",
    property: "vat",
    live: "the deprecated VAT number was observed as 21.0 (a JSON number that is not an integer type in every recording)",
    evidence: "jortt-api.md §3 VAT",
    schema: { type: ["number", "null"] },
  },
  {
    definition: "Jortt_V1_Entities_Link",
    property: "previous",
    live: "null on the first page (and `next` null on the last): a link is {href, type} or null",
    evidence: "jortt-api.md §4 Pagination",
    schema: { anyOf: [{ $ref: "#/definitions/Jortt_V1_Entities_Url" }, { type: "null" }] },
  },
  {
    definition: "Jortt_V1_Entities_Link",
    property: "next",
    live: "null on the last page; its href drops the invoice_status filter",
    evidence: "jortt-api.md §4 Pagination [VCR:inv-status]",
    schema: { anyOf: [{ $ref: "#/definitions/Jortt_V1_Entities_Url" }, { type: "null" }] },
  },
  {
    definition: "Jortt_Shared_Entities_ErrorDetail",
    property: "param",
    live: "`param` can be missing from an error detail although the spec marks it required",
    evidence: "jortt-api.md §8 [VCR:dd]",
    schema: { type: "string" },
  },
];

/**
 * Required-ness relaxed where recordings show the key missing: fields Jortt added later are absent
 * from records served in the older shape (jortt-api.md §5, §6 "newer", §13.8; the 2020 line items
 * carry only description, vat, units, amount_per_unit, total_amount_excl_vat, ledger_account_id).
 * The sandbox serves a share of its demo records in that older shape on purpose, so our schemas
 * are exercised against both.
 */
export const NOT_ALWAYS_PRESENT: Record<string, readonly string[]> = {
  Jortt_Shared_Entities_ErrorDetail: ["param"],
  Jortt_V1_Entities_Customer: [
    "default_ledger_account_id",
    "default_label_id",
    "archived",
    "default_discount_description",
    "default_discount_percentage",
    "peppol_scheme_code",
    "peppol_identifier",
  ],
  Jortt_V1_Entities_Invoice: [
    "tradename_id",
    "invoice_delivery_period_end",
    "customer_is_private",
    "discounts",
    "credit_invoice_ids",
    "peppol_status",
  ],
  Jortt_V1_Entities_LineItem: ["vat_percentage", "number_of_units"],
};
