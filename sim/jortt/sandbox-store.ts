import type { JorttCreateCustomerBody } from "../../shared/domain/jortt/create-customer-schema";
import type { JorttCreateInvoiceV3Parsed } from "../../shared/domain/jortt/create-invoice-schema";
import type { JorttInvoiceStatusFilter } from "../../shared/domain/jortt/invoice-schema";
import { parseCents } from "../../shared/domain/money";
import { buildSandboxInvoice, markSent } from "./build-sandbox-invoice";
import type { JorttDemoData } from "./demo-data";
import { InvoiceNumbers } from "./invoice-numbers";
import type { Prng } from "./prng";
import { amsterdamDate } from "./sandbox-dates";
import { COUNTRY_NAMES, type SandboxCustomer, type SandboxInvoice } from "./sandbox-records";

/** A request the store refuses, answered as 422 with Jortt's error details. */
export class SandboxValidationError extends Error {
  constructor(
    readonly key: "params.invalid" | "operation.invalid",
    readonly details: Array<{ key: string; param?: string; message: string }>,
    message = "The parameters are invalid (either missing, not of the correct type or incorrect format).",
  ) {
    super(message);
  }
}

function matches(query: string | undefined, ...fields: Array<string | null | undefined>): boolean {
  if (query === undefined || query === "") return true;
  const needle = query.toLocaleLowerCase();
  return fields.some((field) => typeof field === "string" && field.toLocaleLowerCase().includes(needle));
}

function isOpen(invoice: SandboxInvoice): boolean {
  return parseCents(invoice.invoice_due_amount.value) !== 0;
}

/**
 * The sandbox's data: customers and invoices in the v1 wire shape. Tests reach it through
 * `sandbox.store` to seed, inspect or change records (e.g. mark an invoice paid between runs).
 */
export class JorttSandboxStore {
  readonly customers = new Map<string, SandboxCustomer>();
  readonly invoices = new Map<string, SandboxInvoice>();
  /** Insertion order breaks created_at ties (newer insert first), like a stable DB sort. */
  private readonly sequence = new Map<string, number>();
  private nextSequence = 0;
  private sortedInvoices: SandboxInvoice[] | undefined;
  private sortedCustomers: SandboxCustomer[] | undefined;
  private readonly numbers = new InvoiceNumbers();

  constructor(
    private readonly prng: Prng,
    private readonly now: () => number,
  ) {}

  load(data: JorttDemoData): void {
    for (const customer of data.customers) this.putCustomer(customer);
    for (const invoice of data.invoices) this.putInvoice(invoice);
  }

  clear(): void {
    this.customers.clear();
    this.invoices.clear();
    this.sequence.clear();
    this.changed();
  }

  putCustomer(customer: SandboxCustomer): void {
    this.customers.set(customer.id, customer);
    this.changed();
  }

  putInvoice(invoice: SandboxInvoice): void {
    if (!this.sequence.has(invoice.id)) this.sequence.set(invoice.id, this.nextSequence++);
    if (invoice.invoice_number) this.numbers.observe(invoice.invoice_number);
    this.invoices.set(invoice.id, invoice);
    this.changed();
  }

  /** Applies `patch` to a stored invoice (tests: simulate a payment, a reminder, …). */
  updateInvoice(id: string, patch: Partial<SandboxInvoice>): SandboxInvoice {
    const invoice = this.invoices.get(id);
    if (!invoice) throw new Error(`no sandbox invoice ${id}`);
    Object.assign(invoice, patch);
    this.changed();
    return invoice;
  }

  updateCustomer(id: string, patch: Partial<SandboxCustomer>): SandboxCustomer {
    const customer = this.customers.get(id);
    if (!customer) throw new Error(`no sandbox customer ${id}`);
    Object.assign(customer, patch);
    this.changed();
    return customer;
  }

  deleteInvoice(id: string): boolean {
    const deleted = this.invoices.delete(id);
    this.changed();
    return deleted;
  }

  deleteCustomer(id: string): boolean {
    const deleted = this.customers.delete(id);
    this.changed();
    return deleted;
  }

  private changed(): void {
    this.sortedInvoices = undefined;
    this.sortedCustomers = undefined;
  }

  /** Alphabetical by `customer_name`, as Jortt lists them. */
  listCustomers(options: { query?: string } = {}): SandboxCustomer[] {
    this.sortedCustomers ??= [...this.customers.values()].sort(
      (a, b) => a.customer_name.localeCompare(b.customer_name, "nl") || a.id.localeCompare(b.id),
    );
    return this.sortedCustomers.filter((customer) =>
      matches(options.query, customer.customer_name, customer.email, customer.reference),
    );
  }

  /** Newest first by `created_at`, filtered like `GET /invoices?invoice_status=&query=`. */
  listInvoices(options: { status?: JorttInvoiceStatusFilter; query?: string } = {}): SandboxInvoice[] {
    this.sortedInvoices ??= [...this.invoices.values()]
      .map((invoice) => ({ invoice, at: Date.parse(invoice.created_at), seq: this.sequence.get(invoice.id) ?? 0 }))
      .sort((a, b) => b.at - a.at || b.seq - a.seq)
      .map((entry) => entry.invoice);
    const today = amsterdamDate(this.now());
    return this.sortedInvoices.filter((invoice) => {
      if (!this.matchesStatus(invoice, options.status, today)) return false;
      return matches(options.query, invoice.invoice_number, invoice.customer_company_name, invoice.reference);
    });
  }

  private matchesStatus(invoice: SandboxInvoice, status: JorttInvoiceStatusFilter | undefined, today: string): boolean {
    switch (status) {
      case undefined:
        return true;
      case "draft":
        return invoice.invoice_status === "draft";
      case "sent":
        return invoice.invoice_status === "sent";
      case "paid":
        return invoice.invoice_status === "sent" && !isOpen(invoice);
      case "unpaid":
        return invoice.invoice_status === "sent" && isOpen(invoice);
      case "late":
        return invoice.invoice_status === "sent" && isOpen(invoice) && invoice.invoice_due_date < today;
    }
  }

  createCustomer(body: JorttCreateCustomerBody): SandboxCustomer {
    const country = body.address_country_code ?? "NL";
    const customer: SandboxCustomer = {
      id: this.prng.uuid(),
      is_private: body.is_private,
      customer_name: body.customer_name,
      address_street: body.address_street ?? null,
      address_postal_code: body.address_postal_code ?? null,
      address_city: body.address_city ?? null,
      address_country_code: country,
      address_country_name: COUNTRY_NAMES[country] ?? country,
      address_extra_information: body.address_extra_information ?? null,
      shift_vat: body.shift_vat ?? null,
      vat_number: body.vat_number ?? null,
      coc_number: body.coc_number ?? null,
      initials: body.initials ?? null,
      first_name: body.first_name ?? null,
      last_name: body.last_name ?? null,
      date_of_birth: body.date_of_birth ?? null,
      citizen_service_number: body.citizen_service_number ?? null,
      attn: body.attn ?? null,
      phonenumber: body.phonenumber ?? null,
      website: body.website ?? null,
      email: body.email ?? null,
      cc_emails: body.cc_emails ?? [],
      email_salutation: body.email_salutation ?? "Geachte heer, mevrouw,",
      additional_information: body.additional_information ?? null,
      payment_term: body.payment_term ?? 30,
      invoice_language: body.invoice_language ?? "nl",
      payment_method_invoice: body.payment_method_invoice ?? "pay_later",
      reference: body.reference ?? null,
      mollie_direct_debit_status: null,
      mollie_customer_id: null,
      mollie_mandate_id: null,
      default_ledger_account_id: body.default_ledger_account_id ?? null,
      archived: false,
      default_label_id: body.default_label_id ?? null,
      default_discount_description: body.default_discount_description ?? null,
      default_discount_percentage: body.default_discount_percentage ?? null,
      peppol_scheme_code: body.peppol_scheme_code ?? null,
      peppol_identifier: body.peppol_identifier ?? null,
    };
    this.putCustomer(customer);
    return customer;
  }

  /** `POST /v3/invoices`: a draft, or (with `send_method`) sent and numbered right away. */
  createInvoiceV3(body: JorttCreateInvoiceV3Parsed): SandboxInvoice {
    let customer: SandboxCustomer | null = null;
    if (body.customer_id !== undefined) {
      customer = this.customers.get(body.customer_id) ?? null;
      if (!customer) {
        throw new SandboxValidationError("params.invalid", [
          { key: "is_invalid", param: "customer_id", message: "is invalid" },
        ]);
      }
    }
    const nowMs = this.now();
    const invoice = buildSandboxInvoice({
      id: this.prng.uuid(),
      customer,
      createdAtMs: nowMs,
      invoiceDate: body.invoice_date,
      paymentTermDays: body.payment_term,
      netAmounts: body.net_amounts,
      discounts: (body.discounts ?? []).map((discount) => ({
        description: discount.description ?? "",
        percentage: discount.percentage,
      })),
      reference: body.reference ?? null,
      introduction: body.introduction ?? null,
      remarks: body.remarks ?? null,
      paymentMethod: body.payment_method,
      tradenameId: body.tradename_id ?? null,
      deliveryPeriod: body.delivery_period,
      deliveryPeriodEnd: body.delivery_period_end ?? null,
      lines: (body.line_items ?? []).map((line) => ({
        description: line.description,
        quantity: line.quantity,
        unitCents: line.amount.cents,
        vatBasisPoints: line.vat.value,
        ledgerAccountId: line.ledger_account_id ?? null,
      })),
    });
    this.putInvoice(invoice);
    if (body.send_method !== undefined) this.sendInvoice(invoice.id, body.send_method);
    return invoice;
  }

  /** `POST /invoices/{id}/send`: only drafts can be sent. */
  sendInvoice(id: string, sendMethod: "email" | "peppol" | "self"): SandboxInvoice {
    const invoice = this.invoices.get(id);
    if (!invoice) throw new Error(`no sandbox invoice ${id}`);
    if (invoice.invoice_status !== "draft") {
      throw new SandboxValidationError(
        "operation.invalid",
        [{ key: "is_invalid", param: "invoice_status", message: "only draft invoices can be sent" }],
        "The operation is invalid for this resource.",
      );
    }
    if (invoice.line_items.length === 0) {
      throw new SandboxValidationError(
        "operation.invalid",
        [{ key: "is_missing", param: "line_items", message: "an invoice needs at least one line item" }],
        "The operation is invalid for this resource.",
      );
    }
    markSent(invoice, {
      invoiceNumber: this.numbers.next(invoice.invoice_date),
      dateSent: amsterdamDate(this.now()),
      sendMethod,
    });
    this.changed();
    return invoice;
  }
}
