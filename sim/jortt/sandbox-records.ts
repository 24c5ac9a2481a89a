/**
 * The Jortt v1 wire shapes the sandbox stores and serves, exactly as the live API sends them
 * (reference/jortt-api.md §5, §6): money as `{value:"1996.00", currency:"EUR"}` strings, VAT as a
 * percent string, nulls in optional fields. Older ("legacy") records may lack the newer keys.
 */
export interface V1Amount {
  value: string;
  currency: "EUR";
}

export interface SandboxCustomer {
  id: string;
  is_private: boolean;
  customer_name: string;
  address_street: string | null;
  address_postal_code: string | null;
  address_city: string | null;
  address_country_code: string;
  address_country_name: string;
  address_extra_information: string | null;
  shift_vat: boolean | null;
  vat_number: string | null;
  coc_number: string | null;
  initials: string | null;
  first_name: string | null;
  last_name: string | null;
  date_of_birth: string | null;
  citizen_service_number: string | null;
  attn: string | null;
  phonenumber: string | null;
  website: string | null;
  email: string | null;
  cc_emails: string[] | null;
  email_salutation: string | null;
  additional_information: string | null;
  payment_term: number;
  invoice_language: string;
  payment_method_invoice: string;
  reference: string | null;
  mollie_direct_debit_status: string | null;
  mollie_customer_id: string | null;
  mollie_mandate_id: string | null;
  // Newer keys: absent on legacy records.
  default_ledger_account_id?: string | null;
  archived?: boolean;
  default_label_id?: string | null;
  default_discount_description?: string | null;
  default_discount_percentage?: number | null;
  peppol_scheme_code?: string | null;
  peppol_identifier?: string | null;
}

export interface SandboxLineItem {
  description: string;
  /** Deprecated number form (21.0), still served. */
  vat: number;
  amount_per_unit: V1Amount;
  total_amount_excl_vat: V1Amount;
  /** Deprecated number form (4.0), still served. */
  units: number;
  ledger_account_id: string | null;
  // Newer keys: absent on legacy records.
  vat_percentage?: string;
  number_of_units?: string;
}

export interface SandboxInvoice {
  id: string;
  invoice_status: "draft" | "sent";
  customer_id: string | null;
  invoice_number: string | null;
  invoice_date: string;
  invoice_due_date: string;
  invoice_delivery_period: string;
  invoice_date_sent: string | null;
  invoice_total: V1Amount;
  invoice_total_incl_vat: V1Amount;
  invoice_due_amount: V1Amount;
  send_method: "email" | "peppol" | "self" | null;
  net_amounts: boolean;
  invoice_marked_free_of_vat: boolean;
  credited_invoice_id: string | null;
  remarks: string | null;
  introduction: string | null;
  number_of_reminders_sent: number;
  last_reminded_at: string | null;
  payment_method: string;
  customer_company_name: string | null;
  customer_attn: string | null;
  customer_address_street: string | null;
  customer_address_city: string | null;
  customer_address_postal_code: string | null;
  customer_address_country_code: string | null;
  customer_address_country_name: string | null;
  customer_address_extra_information: string | null;
  customer_vat_shifted: boolean | null;
  customer_vat_number: string | null;
  customer_in_eu: boolean;
  customer_reference: string | null;
  customer_mail_to: string | null;
  customer_mail_cc_addresses: string[];
  language: string;
  line_items: SandboxLineItem[];
  reference: string | null;
  created_at: string;
  // Newer keys: absent on legacy records.
  tradename_id?: string | null;
  invoice_delivery_period_end?: string | null;
  customer_is_private?: boolean;
  discounts?: Array<{ description: string; percentage: number }>;
  credit_invoice_ids?: string[];
  peppol_status?: string | null;
}

export const COUNTRY_NAMES: Record<string, string> = {
  NL: "Nederland",
  BE: "België",
  DE: "Duitsland",
  FR: "Frankrijk",
  GB: "Verenigd Koninkrijk",
  TR: "Turkije",
};

export const EU_COUNTRIES = new Set(["NL", "BE", "DE", "FR"]);
