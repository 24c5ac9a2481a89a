import { z } from "zod";
import { type Cents, formatCents, type VatBasisPoints, vatToFractionString } from "../money";
import { jorttDate, jorttId, jorttQuantity, jorttV2Amount, jorttVatFraction } from "./jortt-primitives";

export const JORTT_SEND_METHODS = ["email", "peppol", "self"] as const;
export type JorttSendMethod = (typeof JORTT_SEND_METHODS)[number];

export const JORTT_PAYMENT_METHODS = ["pay_later", "direct_debit", "already_paid"] as const;
export type JorttPaymentMethod = (typeof JORTT_PAYMENT_METHODS)[number];

export const JORTT_VAT_CATEGORIES = ["exempt", "margin_goods_high", "travel_services_high"] as const;

/**
 * One v3 line: `quantity` is a numeric string, `amount` the unit price `{amount:"22.00",
 * currency:"EUR"}`, `vat.value` a **fraction** ("0.21"), not a percent (§6). The parsed output
 * holds cents / basis points / a canonical quantity so a receiver (the sandbox) can compute.
 */
export const JorttV3LineItemSchema = z.object({
  description: z.string().min(1, { error: "is missing" }),
  quantity: jorttQuantity,
  amount: jorttV2Amount,
  vat: z.object({
    value: jorttVatFraction,
    category: z.enum(JORTT_VAT_CATEGORIES).nullish(),
  }),
  ledger_account_id: jorttId.nullish(),
});

/**
 * Body of `POST /v3/invoices` (`def:CreateInvoiceV3`). Without `send_method` the invoice is a
 * draft; with it Jortt schedules sending (asynchronously) and numbers the invoice.
 */
export const JorttCreateInvoiceV3BodySchema = z
  .object({
    customer_id: jorttId.optional(),
    invoice_date: jorttDate.optional(),
    tradename_id: jorttId.optional(),
    label_ids: z.array(jorttId).optional(),
    delivery_period: jorttDate.optional(),
    delivery_period_end: jorttDate.optional(),
    payment_term: z.number().int().min(0).optional(),
    net_amounts: z.boolean().optional(),
    send_method: z.enum(JORTT_SEND_METHODS).optional(),
    introduction: z.string().optional(),
    remarks: z.string().optional(),
    payment_method: z.enum(JORTT_PAYMENT_METHODS).optional(),
    line_items: z.array(JorttV3LineItemSchema).optional(),
    discounts: z.array(z.object({ description: z.string().optional(), percentage: z.number().int() })).optional(),
    reference: z.string().optional(),
    sold_via_platform: z.boolean().optional(),
  })
  .superRefine((body, ctx) => {
    if (body.delivery_period_end !== undefined && body.delivery_period === undefined) {
      ctx.addIssue({ code: "custom", path: ["delivery_period"], message: "is missing" });
    }
  });

/** What our code sends (amounts as strings, VAT as fraction strings). */
export type JorttCreateInvoiceV3Body = z.input<typeof JorttCreateInvoiceV3BodySchema>;
export type JorttV3LineItemBody = z.input<typeof JorttV3LineItemSchema>;
/** What a receiver reads after validation (cents, basis points). */
export type JorttCreateInvoiceV3Parsed = z.output<typeof JorttCreateInvoiceV3BodySchema>;

/** `{amount:"22.00", currency:"EUR"}` from cents. */
export function toV3Amount(cents: Cents): { amount: string; currency: "EUR" } {
  return { amount: formatCents(cents), currency: "EUR" };
}

/** `{value:"0.21", category:null}` from basis points (21 % = 2100). */
export function toV3Vat(
  rate: VatBasisPoints,
  category: (typeof JORTT_VAT_CATEGORIES)[number] | null = null,
): { value: string; category: (typeof JORTT_VAT_CATEGORIES)[number] | null } {
  return { value: vatToFractionString(rate), category };
}

export interface V3LineInput {
  description: string;
  /** Exact decimal string ("1", "2.5"). */
  quantity: string;
  unitPriceCents: Cents;
  vatBasisPoints: VatBasisPoints;
  ledgerAccountId?: string;
}

/** Builds one v3 line item exactly (no floats anywhere). */
export function buildV3LineItem(line: V3LineInput): JorttV3LineItemBody {
  return {
    description: line.description,
    quantity: line.quantity,
    amount: toV3Amount(line.unitPriceCents),
    vat: toV3Vat(line.vatBasisPoints),
    ...(line.ledgerAccountId === undefined ? {} : { ledger_account_id: line.ledgerAccountId }),
  };
}

/** Body of `POST /invoices/{id}/send` (`def:SendInvoice`). */
export const JorttSendInvoiceBodySchema = z
  .object({
    send_method: z.enum(JORTT_SEND_METHODS),
    email_address_customer: z.string().optional(),
    mail_subject: z.string().optional(),
    mail_body: z.string().optional(),
    send_copy_to_me: z.boolean().optional(),
    cc_addresses: z.array(z.string()).optional(),
    attachment_ids: z.array(z.string()).optional(),
    attachment_mime_types: z.array(z.string()).optional(),
    peppol_scheme_code: z.string().optional(),
    peppol_identifier: z.string().optional(),
  })
  .superRefine((body, ctx) => {
    const required: Array<keyof typeof body> =
      body.send_method === "email"
        ? ["email_address_customer", "mail_subject", "mail_body"]
        : body.send_method === "peppol"
          ? ["peppol_scheme_code", "peppol_identifier"]
          : [];
    for (const key of required) {
      if (body[key] === undefined) ctx.addIssue({ code: "custom", path: [key], message: "is missing" });
    }
  });
export type JorttSendInvoiceBody = z.input<typeof JorttSendInvoiceBodySchema>;
