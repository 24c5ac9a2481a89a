import { z } from "zod";
import { jorttDate, jorttId } from "./jortt-primitives";

export const JORTT_INVOICE_LANGUAGES = ["nl", "de", "en", "fr", "es"] as const;

/**
 * Body of `POST /customers` (`def:CreateCustomer`). Required: `is_private`, `customer_name`; a
 * company also needs street, postal code and city (country defaults to NL) (§5). `reference` is
 * the slot for the Salesforce Account Id, which makes a retried create detectable.
 */
export const JorttCreateCustomerBodySchema = z
  .object({
    is_private: z.boolean({ error: "is missing" }),
    customer_name: z.string({ error: "is missing" }).min(1, { error: "is missing" }),
    address_street: z.string().optional(),
    address_postal_code: z.string().optional(),
    address_city: z.string().optional(),
    address_country_code: z.string().length(2).optional(),
    address_extra_information: z.string().optional(),
    shift_vat: z.boolean().optional(),
    vat_number: z.string().optional(),
    coc_number: z.string().optional(),
    salutation: z.enum(["sir", "madam", "family"]).optional(),
    initials: z.string().optional(),
    first_name: z.string().optional(),
    last_name: z.string().optional(),
    date_of_birth: jorttDate.optional(),
    citizen_service_number: z.string().optional(),
    attn: z.string().optional(),
    phonenumber: z.string().optional(),
    website: z.string().optional(),
    email: z.string().optional(),
    cc_emails: z.array(z.string()).optional(),
    email_salutation: z.string().optional(),
    additional_information: z.string().optional(),
    payment_term: z.number().int().min(0).optional(),
    invoice_language: z.enum(JORTT_INVOICE_LANGUAGES).optional(),
    payment_method_invoice: z.enum(["pay_later", "direct_debit", "already_paid"]).optional(),
    reference: z.string().optional(),
    default_label_id: jorttId.optional(),
    default_ledger_account_id: jorttId.optional(),
    default_discount_description: z.string().optional(),
    default_discount_percentage: z.number().int().optional(),
    peppol_scheme_code: z.string().optional(),
    peppol_identifier: z.string().optional(),
  })
  .superRefine((body, ctx) => {
    if (body.is_private) return;
    for (const key of ["address_street", "address_postal_code", "address_city"] as const) {
      if (!body[key]) ctx.addIssue({ code: "custom", path: [key], message: "is missing" });
    }
  });

export type JorttCreateCustomerBody = z.input<typeof JorttCreateCustomerBodySchema>;
