import { z } from "zod";

/**
 * The Jortt v1 fields the benchmark's own mapping reads (reference/jortt-api.md §5, §6). Written
 * independently of shared/domain so the end-state check does not trust the product's parsing.
 * Nullable and optional where Jortt serves null or leaves keys out; unknown keys pass through.
 */
const text = z.string().nullish();
const decimal = z.union([z.string(), z.number()]);
const v1Amount = z.looseObject({ value: decimal });

export const SourceCustomerSchema = z.looseObject({
  id: z.string().min(1),
  is_private: z.boolean(),
  customer_name: z.string(),
  address_street: text,
  address_postal_code: text,
  address_city: text,
  address_country_code: text,
  attn: text,
  first_name: text,
  last_name: text,
  phonenumber: text,
  website: text,
  email: text,
});

export const SourceLineItemSchema = z.looseObject({
  description: text,
  vat_percentage: decimal.nullish(),
  /** Deprecated integer percent; older responses carry only this. */
  vat: decimal.nullish(),
  number_of_units: decimal.nullish(),
  /** Deprecated quantity; older responses carry only this. */
  units: decimal.nullish(),
  amount_per_unit: v1Amount,
});

export const SourceInvoiceSchema = z.looseObject({
  id: z.string().min(1),
  invoice_status: z.string(),
  customer_id: z.string().nullish(),
  invoice_number: text,
  invoice_date: z.string(),
  invoice_due_date: text,
  invoice_total: v1Amount,
  invoice_total_incl_vat: v1Amount,
  invoice_due_amount: v1Amount,
  credited_invoice_id: text,
  customer_address_street: text,
  customer_address_postal_code: text,
  customer_address_city: text,
  customer_address_country_code: text,
  line_items: z.array(SourceLineItemSchema),
});

export type SourceCustomer = z.infer<typeof SourceCustomerSchema>;
export type SourceLineItem = z.infer<typeof SourceLineItemSchema>;
export type SourceInvoice = z.infer<typeof SourceInvoiceSchema>;

/** A Jortt list page (`{data, _links:{next}}`); the last page has `next: null` (§4). */
export const SourceListPageSchema = z.looseObject({
  data: z.array(z.unknown()),
  _links: z.looseObject({ next: z.unknown().nullish() }).nullish(),
});

export const SourceSingleSchema = z.looseObject({ data: z.unknown() });
