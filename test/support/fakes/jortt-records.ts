/**
 * Raw Jortt records as the v1 API serves them (reference/jortt-api.md §5–§6: money as 2-decimal
 * strings, VAT as a percent string, dates as plain strings), for use-case tests.
 */
let sequence = 0;

/** A loose 8-4-4-4-12 hex id, unique per call (or derived from `n`). */
export function jorttId(n?: number): string {
  sequence += 1;
  const value = (n ?? sequence).toString(16).padStart(12, "0");
  return `0c1d2e3f-4a5b-4c6d-8e9f-${value}`;
}

export type RawRecord = Record<string, unknown>;

export function rawCustomer(overrides: RawRecord = {}): RawRecord {
  const id = (overrides.id as string | undefined) ?? jorttId();
  return {
    id,
    is_private: false,
    customer_name: `Company ${id.slice(-4)}`,
    address_street: "Keizersgracht 1",
    address_postal_code: "1015 CJ",
    address_city: "Amsterdam",
    address_country_code: "NL",
    address_country_name: "Nederland",
    address_extra_information: null,
    shift_vat: null,
    vat_number: null,
    coc_number: null,
    initials: null,
    first_name: null,
    last_name: null,
    date_of_birth: null,
    citizen_service_number: null,
    attn: "Jan Jansen",
    phonenumber: "020-1234567",
    website: null,
    email: `billing-${id.slice(-6)}@example.nl`,
    cc_emails: [],
    email_salutation: "Geachte heer, mevrouw,",
    additional_information: "",
    payment_term: 30,
    invoice_language: "nl",
    payment_method_invoice: "pay_later",
    reference: null,
    mollie_direct_debit_status: null,
    mollie_customer_id: null,
    mollie_mandate_id: null,
    ...overrides,
  };
}

export function rawLine(overrides: RawRecord = {}): RawRecord {
  return {
    description: "Consultancy",
    vat_percentage: "21.0",
    vat: 21,
    units: 2,
    number_of_units: "2",
    amount_per_unit: { value: "100.00", currency: "EUR" },
    total_amount_excl_vat: { value: "200.00", currency: "EUR" },
    ledger_account_id: null,
    ...overrides,
  };
}

export function rawInvoice(customer: RawRecord, overrides: RawRecord = {}): RawRecord {
  const id = (overrides.id as string | undefined) ?? jorttId();
  return {
    id,
    invoice_status: "sent",
    customer_id: customer.id,
    invoice_number: `202611-${id.slice(-3)}`,
    invoice_date: "2026-11-02",
    invoice_due_date: "2026-12-02",
    invoice_delivery_period: null,
    invoice_date_sent: "2026-11-02",
    invoice_total: { value: "300.00", currency: "EUR" },
    invoice_total_incl_vat: { value: "363.00", currency: "EUR" },
    invoice_due_amount: { value: "363.00", currency: "EUR" },
    send_method: "email",
    net_amounts: false,
    invoice_marked_free_of_vat: false,
    credited_invoice_id: null,
    remarks: null,
    introduction: null,
    number_of_reminders_sent: 0,
    last_reminded_at: null,
    payment_method: "pay_later",
    customer_company_name: customer.customer_name,
    customer_attn: customer.attn ?? null,
    customer_address_street: customer.address_street ?? null,
    customer_address_city: customer.address_city ?? null,
    customer_address_postal_code: customer.address_postal_code ?? null,
    customer_address_country_code: "NL",
    customer_address_country_name: "Nederland",
    customer_address_extra_information: null,
    customer_vat_shifted: null,
    customer_vat_number: null,
    customer_in_eu: true,
    customer_reference: null,
    customer_mail_to: customer.email ?? null,
    customer_mail_cc_addresses: [],
    language: "nl",
    line_items: [
      rawLine(),
      rawLine({
        description: "Travel",
        number_of_units: "1",
        units: 1,
        amount_per_unit: { value: "100.00", currency: "EUR" },
      }),
    ],
    reference: null,
    created_at: "2026-11-02T10:00:00+01:00",
    ...overrides,
  };
}
