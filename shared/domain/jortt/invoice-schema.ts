import { z } from "zod";
import { tryNormalizeQuantity, tryParseVatPercent, type VatBasisPoints } from "../money";
import {
  jorttDate,
  jorttDateTime,
  jorttId,
  jorttV1Amount,
  nullish,
  optionalDecimalText,
  stringList,
} from "./jortt-primitives";
import { type JorttRecordResult, parseJorttRecord } from "./parse-jortt-record";

/** The only two invoice statuses; paid/unpaid/late exist only as list filters (§6, §13.5). */
export const JORTT_INVOICE_STATUSES = ["draft", "sent"] as const;
export type JorttInvoiceStatus = (typeof JORTT_INVOICE_STATUSES)[number];

/** The `invoice_status` filter values of `GET /invoices`. */
export const JORTT_INVOICE_STATUS_FILTERS = ["draft", "sent", "paid", "unpaid", "late"] as const;
export type JorttInvoiceStatusFilter = (typeof JORTT_INVOICE_STATUS_FILTERS)[number];

/**
 * A v1 line item (`def:Jortt_V1_Entities_LineItem`). 2020 responses carry only the deprecated
 * `units` (number) and `vat` (number); newer ones add `number_of_units` (string) and
 * `vat_percentage` ("21.0"). The parse adds two resolved fields so the mapping never has to choose:
 * - `quantity`: exact decimal string from `number_of_units`, else `units` (required);
 * - `vat_basis_points`: the rate from `vat_percentage`, else `vat` (21 % = 2100), or null.
 * `total_amount_excl_vat` is kept but is not trustworthy (it was not quantity × price in real data).
 */
const JorttInvoiceLineSchema = z
  .looseObject({
    description: nullish(z.string()),
    /** As served ("21.0"); read `vat_basis_points` instead. */
    vat_percentage: optionalDecimalText,
    /** Deprecated number (21.0); read `vat_basis_points` instead. */
    vat: optionalDecimalText,
    /** Deprecated number (4.0); read `quantity` instead. */
    units: optionalDecimalText,
    /** As served ("3.14"); read `quantity` instead. */
    number_of_units: optionalDecimalText,
    amount_per_unit: jorttV1Amount,
    total_amount_excl_vat: nullish(jorttV1Amount),
    ledger_account_id: nullish(jorttId),
  })
  .transform((line, ctx) => {
    const quantitySource = line.number_of_units !== null ? "number_of_units" : "units";
    const rawQuantity = line[quantitySource];
    if (rawQuantity === null) {
      ctx.addIssue({
        code: "custom",
        path: ["number_of_units"],
        message: "missing quantity (number_of_units or units)",
      });
      return z.NEVER;
    }
    const quantity = tryNormalizeQuantity(rawQuantity);
    if (!quantity.ok) {
      ctx.addIssue({ code: "custom", path: [quantitySource], message: quantity.reason });
      return z.NEVER;
    }
    const vatSource = line.vat_percentage !== null ? "vat_percentage" : "vat";
    const rawVat = line[vatSource];
    let vatBasisPoints: VatBasisPoints | null = null;
    if (rawVat !== null) {
      const vat = tryParseVatPercent(rawVat);
      if (!vat.ok) {
        ctx.addIssue({ code: "custom", path: [vatSource], message: vat.reason });
        return z.NEVER;
      }
      vatBasisPoints = vat.value;
    }
    return { ...line, quantity: quantity.value, vat_basis_points: vatBasisPoints };
  });

const JorttDiscountSchema = z.looseObject({
  description: nullish(z.string()),
  percentage: z.number(),
});

/** `credit_invoice_ids` is typed string in the spec but served as an array: accept both. */
const creditInvoiceIds = z
  .union([z.array(jorttId), z.string()])
  .nullish()
  .transform((value, ctx): string[] => {
    if (value === null || value === undefined) return [];
    if (Array.isArray(value)) return value;
    const ids = value
      .split(/[\s,]+/)
      .map((part) => part.trim())
      .filter((part) => part.length > 0);
    if (!ids.every((id) => jorttId.safeParse(id).success)) {
      ctx.addIssue({ code: "custom", message: "expected a list of Jortt ids" });
      return z.NEVER;
    }
    return ids;
  });

/**
 * A Jortt invoice as served by `GET /invoices` and `GET /invoices/{id}` (v1,
 * `def:Jortt_V1_Entities_Invoice`). Amounts parse to `{cents, currency}`; dates stay
 * `YYYY-MM-DD` strings; the customer fields are Jortt's snapshot taken on the invoice.
 * Core non-null: id, invoice_status, created_at, the three totals, line_items.
 */
export const JorttInvoiceSchema = z.looseObject({
  id: jorttId,
  invoice_status: z.enum(JORTT_INVOICE_STATUSES, { error: "expected draft or sent" }),
  customer_id: nullish(jorttId),
  /** Null until the invoice is sent. Format YYYYMM-NNN in practice; not enforced. */
  invoice_number: nullish(z.string()),
  invoice_date: nullish(jorttDate),
  invoice_due_date: nullish(jorttDate),
  invoice_delivery_period: nullish(jorttDate),
  invoice_date_sent: nullish(jorttDate),
  /** Excluding VAT. */
  invoice_total: jorttV1Amount,
  invoice_total_incl_vat: jorttV1Amount,
  /** Outstanding amount including VAT; 0 on a sent invoice means paid. */
  invoice_due_amount: jorttV1Amount,
  /** email|peppol|self */
  send_method: nullish(z.string()),
  net_amounts: nullish(z.boolean()),
  invoice_marked_free_of_vat: nullish(z.boolean()),
  /** Set on a credit note: the invoice it credits. */
  credited_invoice_id: nullish(jorttId),
  remarks: nullish(z.string()),
  introduction: nullish(z.string()),
  number_of_reminders_sent: nullish(z.number().int()),
  last_reminded_at: nullish(jorttDate),
  payment_method: nullish(z.string()),
  customer_company_name: nullish(z.string()),
  customer_attn: nullish(z.string()),
  customer_address_street: nullish(z.string()),
  customer_address_city: nullish(z.string()),
  customer_address_postal_code: nullish(z.string()),
  customer_address_country_code: nullish(z.string()),
  customer_address_country_name: nullish(z.string()),
  customer_address_extra_information: nullish(z.string()),
  customer_vat_shifted: nullish(z.boolean()),
  customer_vat_number: nullish(z.string()),
  customer_in_eu: nullish(z.boolean()),
  customer_reference: nullish(z.string()),
  customer_mail_to: nullish(z.string()),
  customer_mail_cc_addresses: stringList,
  language: nullish(z.string()),
  line_items: z.array(JorttInvoiceLineSchema),
  /** Free reference, e.g. the Salesforce Order id/number of the reverse flow. */
  reference: nullish(z.string()),
  created_at: jorttDateTime,

  // Newer fields (absent from 2020–22 responses).
  tradename_id: nullish(jorttId),
  invoice_delivery_period_end: nullish(jorttDate),
  customer_is_private: nullish(z.boolean()),
  discounts: z
    .array(JorttDiscountSchema)
    .nullish()
    .transform((value) => value ?? []),
  credit_invoice_ids: creditInvoiceIds,
  peppol_status: nullish(z.string()),
});

export type JorttInvoice = z.output<typeof JorttInvoiceSchema>;
export type JorttInvoiceLine = z.output<typeof JorttInvoiceLineSchema>;
export type JorttInvoiceDiscount = z.output<typeof JorttDiscountSchema>;
/** The invoice as it arrives (before money/date/null normalisation). */
export type JorttInvoiceInput = z.input<typeof JorttInvoiceSchema>;

export { JorttInvoiceLineSchema };

export function parseJorttInvoice(raw: unknown): JorttRecordResult<JorttInvoice> {
  return parseJorttRecord("invoice", JorttInvoiceSchema, raw);
}

/** A credit note points at the invoice it credits. */
export function isCreditNote(invoice: JorttInvoice): boolean {
  return invoice.credited_invoice_id !== null;
}

/** Paid is not a status: a sent invoice with nothing left to pay (§11). */
export function isInvoicePaid(invoice: JorttInvoice): boolean {
  return invoice.invoice_status === "sent" && invoice.invoice_due_amount.cents === 0;
}
