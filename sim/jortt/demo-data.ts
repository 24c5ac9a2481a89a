import { negateCents, parseCents, parseVatPercent, type VatBasisPoints } from "../../shared/domain/money";
import { buildSandboxInvoice, markSent, type SandboxLineInput, v1Amount } from "./build-sandbox-invoice";
import { InvoiceNumbers } from "./invoice-numbers";
import { createPrng, type Prng } from "./prng";
import { addDays, amsterdamDate } from "./sandbox-dates";
import { COUNTRY_NAMES, type SandboxCustomer, type SandboxInvoice } from "./sandbox-records";

export interface JorttDemoDataOptions {
  seed?: number;
  /** Number of customers (default 40). */
  customers?: number;
  /** Number of invoices (default 150). */
  invoices?: number;
  /** Day of the first invoice (default 2024-01-02). */
  startDate?: string;
  /** Days over which invoices are spread (default 365). */
  spanDays?: number;
  /** Share of records in the 2020 shape: no newer keys, deprecated line keys only (default 0.1). */
  legacyShare?: number;
}

export interface JorttDemoData {
  customers: SandboxCustomer[];
  /** In creation order (oldest first); the sandbox serves them newest first. */
  invoices: SandboxInvoice[];
}

const FIRST_NAMES = [
  "Jan",
  "Sanne",
  "Zoë",
  "Émile",
  "Anouk",
  "Mehmet",
  "Ayşe",
  "Jürgen",
  "Siobhán",
  "Daan",
  "Lotte",
  "Björn",
  "Fatima",
  "Noël",
  "Chloé",
];
const LAST_NAMES = [
  "de Vries",
  "Jansen",
  "Ğüneş",
  "Lefèvre",
  "van den Berg",
  "Müller",
  "Yılmaz",
  "Bakker",
  "O'Brien",
  "Visser",
  "Smit",
  "Østergaard",
  "El Amrani",
  "Dijkstra",
  "Kowalczyk",
];
const COMPANY_STEMS = [
  "Bäckerei Müller",
  "De Groene Vlinder",
  "Café 't Hoekje",
  "Zeeuwse Mossel",
  "Noordzee Logistiek",
  "Atelier Maïs",
  "Fietsenmakerij Snel",
  "Kaashandel Gouda",
  "Bureau Øresund",
  "Studio Ĳsselmeer",
  "Brouwerij Het Anker",
  "Tuincentrum De Linde",
  "Smörgås Catering",
  "Technisch Bureau Kuipers",
  "Łódź Imports",
];
const COMPANY_SUFFIXES = ["B.V.", "V.O.F.", "GmbH", "", "Holding B.V.", "& Zonen"];
const STREETS = [
  "Rozengracht",
  "Keizersgracht",
  "Hoofdstraat",
  "Dorpsstraat",
  "Marktplein",
  "Stationsweg",
  "Kerkstraat",
  "Königsallee",
  "Rue de la Loi",
];
const CITIES: ReadonlyArray<readonly [string, string]> = [
  ["Amsterdam", "NL"],
  ["Utrecht", "NL"],
  ["Rotterdam", "NL"],
  ["Groningen", "NL"],
  ["Maastricht", "NL"],
  ["'s-Hertogenbosch", "NL"],
  ["Düsseldorf", "DE"],
  ["Antwerpen", "BE"],
  ["Brussel", "BE"],
];
const ATTNS = ["Finance Department", "t.a.v. Crediteurenadministratie", "Buchhaltung", "Inkoop"];
const PRODUCTS: ReadonlyArray<{
  description: string;
  minCents: number;
  maxCents: number;
  vat: VatBasisPoints;
  fractional?: boolean;
}> = [
  { description: "Consultancy (uur)", minCents: 7_500, maxCents: 15_000, vat: 2100, fractional: true },
  { description: "Webhosting Basic (maand)", minCents: 995, maxCents: 2_995, vat: 2100 },
  { description: "[SKU-1042] Bureaustoel Ergo", minCents: 19_900, maxCents: 49_900, vat: 2100 },
  { description: "[SKU-2210] Koffiebonen 1 kg", minCents: 1_250, maxCents: 2_450, vat: 900 },
  { description: "Lunchbuffet per persoon", minCents: 1_450, maxCents: 2_750, vat: 900 },
  { description: "Boeken: handboek boekhouden", minCents: 2_999, maxCents: 5_999, vat: 900 },
  { description: "Training (dagdeel)", minCents: 45_000, maxCents: 95_000, vat: 0 },
  { description: "Export levering buiten EU", minCents: 10_000, maxCents: 250_000, vat: 0 },
  { description: "Licentie jaarabonnement", minCents: 49_900, maxCents: 199_600, vat: 2100 },
  { description: "Reiskosten (km)", minCents: 23, maxCents: 23, vat: 2100, fractional: true },
];
const LEDGER_IDS = ["05ba2a61-a0cc-4736-9000-89fb361e85c8", "61a5b600-16bc-013d-3d2d-42742b204134", null];

function slug(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ".")
    .replace(/^\.|\.$/g, "");
}

function makeCustomer(prng: Prng, index: number, legacy: boolean): SandboxCustomer {
  const isPrivate = prng.chance(0.35);
  const [city, country] = prng.pick(CITIES);
  const firstName = prng.pick(FIRST_NAMES);
  const lastName = prng.pick(LAST_NAMES);
  const companyName = `${prng.pick(COMPANY_STEMS)} ${prng.pick(COMPANY_SUFFIXES)}`.trim();
  const name = isPrivate ? `${firstName} ${lastName}` : companyName;
  // Unique addresses on reserved domains: duplicate e-mails would be quarantined by matching.
  const email = prng.chance(0.15)
    ? null
    : `${slug(isPrivate ? `${firstName} ${lastName}` : companyName)}.${index}@example.com`;
  const customer: SandboxCustomer = {
    id: prng.uuid(),
    is_private: isPrivate,
    customer_name: name,
    address_street:
      prng.chance(0.1) && isPrivate ? null : `${prng.pick(STREETS)} ${prng.int(1, 250)}${prng.chance(0.2) ? "a" : ""}`,
    address_postal_code:
      country === "NL"
        ? `${prng.int(1000, 9999)} ${String.fromCharCode(65 + prng.int(0, 25), 65 + prng.int(0, 25))}`
        : String(prng.int(1000, 99999)),
    address_city: city,
    address_country_code: country,
    address_country_name: COUNTRY_NAMES[country] ?? country,
    address_extra_information: prng.chance(0.1) ? "2e verdieping" : null,
    shift_vat: isPrivate ? null : country !== "NL" && prng.chance(0.5),
    vat_number: isPrivate ? null : `${country}${String(prng.int(100_000_000, 999_999_999))}B01`,
    coc_number: isPrivate ? null : String(prng.int(10_000_000, 99_999_999)),
    initials: isPrivate ? `${firstName[0]}.` : null,
    first_name: isPrivate ? firstName : null,
    last_name: isPrivate ? lastName : null,
    date_of_birth: null,
    citizen_service_number: null,
    attn: !isPrivate && prng.chance(0.4) ? prng.pick(ATTNS) : null,
    phonenumber: prng.chance(0.6) ? `+316${prng.int(10_000_000, 99_999_999)}` : null,
    website: !isPrivate && prng.chance(0.5) ? `www.${slug(companyName).replace(/\./g, "")}.example` : null,
    email,
    cc_emails: prng.chance(0.5) ? [] : null,
    email_salutation: "Geachte heer, mevrouw,",
    additional_information: prng.chance(0.5) ? "" : null,
    payment_term: prng.pick([14, 30, 30, 30, 60]),
    invoice_language: country === "NL" || country === "BE" ? "nl" : prng.pick(["en", "de"]),
    payment_method_invoice: "pay_later",
    reference: null,
    mollie_direct_debit_status: null,
    mollie_customer_id: null,
    mollie_mandate_id: null,
  };
  if (!legacy) {
    customer.default_ledger_account_id = null;
    customer.archived = false;
    customer.default_label_id = null;
    customer.default_discount_description = null;
    customer.default_discount_percentage = null;
    customer.peppol_scheme_code = null;
    customer.peppol_identifier = null;
  }
  return customer;
}

function makeLines(prng: Prng): SandboxLineInput[] {
  const count = prng.int(1, 5);
  const lines: SandboxLineInput[] = [];
  for (let i = 0; i < count; i += 1) {
    const product = prng.pick(PRODUCTS);
    const quantity = product.fractional
      ? prng.pick(["0.25", "1.5", "2", "3.75", "8", "12.5", "42"])
      : String(prng.int(1, 10));
    lines.push({
      description: product.description,
      quantity,
      unitCents: prng.int(product.minCents, product.maxCents),
      vatBasisPoints: product.vat,
      ledgerAccountId: prng.pick(LEDGER_IDS),
    });
  }
  return lines;
}

/** A credit note for `original`: the same lines at negative unit prices, pointing back to it. */
function makeCreditNote(
  prng: Prng,
  original: SandboxInvoice,
  customer: SandboxCustomer | null,
  createdAtMs: number,
  legacy: boolean,
): SandboxInvoice {
  const lines: SandboxLineInput[] = original.line_items.map((line) => ({
    description: `Creditering: ${line.description}`,
    quantity: line.number_of_units ?? String(line.units),
    unitCents: negateCents(parseCents(line.amount_per_unit.value)),
    vatBasisPoints: parseVatPercent(line.vat_percentage ?? line.vat),
    ledgerAccountId: line.ledger_account_id,
  }));
  return buildSandboxInvoice({
    id: prng.uuid(),
    customer,
    lines,
    createdAtMs,
    creditedInvoiceId: original.id,
    remarks: `Creditnota voor factuur ${original.invoice_number ?? ""}`.trim(),
    legacy,
  });
}

/**
 * Deterministic demo data (same seed, same records): companies and private persons with unicode
 * names, some without e-mail, some with attn; invoices with 1–5 lines at 21/9/0 % VAT, drafts
 * (no number), sent paid (due 0) and unpaid (due = total, some partly paid, some late), credit
 * notes (negative amounts, `credited_invoice_id`), and a share in the 2020 wire shape.
 * Fast enough for 10k invoices in well under a second.
 */
export function generateJorttDemoData(options: JorttDemoDataOptions = {}): JorttDemoData {
  const prng = createPrng(options.seed ?? 1);
  const customerCount = options.customers ?? 40;
  const invoiceCount = options.invoices ?? 150;
  const legacyShare = options.legacyShare ?? 0.1;
  const startMs = Date.parse(`${options.startDate ?? "2024-01-02"}T08:00:00Z`);
  const spanMs = (options.spanDays ?? 365) * 86_400_000;
  const averageGapMs = invoiceCount > 0 ? spanMs / invoiceCount : 0;

  const customers: SandboxCustomer[] = [];
  for (let i = 0; i < customerCount; i += 1) customers.push(makeCustomer(prng, i, prng.chance(legacyShare)));

  const numbers = new InvoiceNumbers();
  const invoices: SandboxInvoice[] = [];
  const byId = new Map<string, SandboxInvoice>();
  const creditable: SandboxInvoice[] = [];
  let createdAtMs = startMs;
  for (let i = 0; i < invoiceCount; i += 1) {
    // Some invoices share a created_at second, like the live data (ties in the sort order).
    if (!prng.chance(0.1)) createdAtMs += Math.max(1000, Math.floor(prng.next() * 2 * averageGapMs));
    const customer = customers.length > 0 ? prng.pick(customers) : null;
    const legacy = prng.chance(legacyShare);
    const roll = prng.next();
    const invoice =
      roll < 0.05 && creditable.length > 0
        ? makeCreditNote(
            prng,
            creditable.splice(prng.int(0, creditable.length - 1), 1)[0] as SandboxInvoice,
            customer,
            createdAtMs,
            legacy,
          )
        : buildSandboxInvoice({
            id: prng.uuid(),
            customer,
            lines: makeLines(prng),
            createdAtMs,
            reference: prng.chance(0.3) ? `PO-${prng.int(10_000, 99_999)}` : null,
            introduction: prng.chance(0.2) ? "Bedankt voor uw opdracht." : null,
            legacy,
          });
    if (invoice.credited_invoice_id !== null) {
      const original = byId.get(invoice.credited_invoice_id);
      if (original?.credit_invoice_ids) original.credit_invoice_ids.push(invoice.id);
    }
    const isDraft = invoice.credited_invoice_id === null && roll > 0.9;
    if (!isDraft) {
      markSent(invoice, {
        invoiceNumber: numbers.next(invoice.invoice_date),
        dateSent: amsterdamDate(createdAtMs + prng.int(0, 3) * 86_400_000),
        sendMethod: prng.pick(["email", "email", "self"] as const),
      });
      settlePayment(prng, invoice);
      if (invoice.credited_invoice_id === null && invoice.credit_invoice_ids !== undefined) creditable.push(invoice);
    }
    invoices.push(invoice);
    byId.set(invoice.id, invoice);
  }
  return { customers, invoices };
}

/** ~55 % paid, ~5 % partly paid, the rest open (late once past the due date). */
function settlePayment(prng: Prng, invoice: SandboxInvoice): void {
  const roll = prng.next();
  if (roll < 0.55) {
    invoice.invoice_due_amount = v1Amount(0);
  } else if (roll < 0.6 && invoice.credited_invoice_id === null) {
    const total = parseCents(invoice.invoice_total_incl_vat.value);
    invoice.invoice_due_amount = v1Amount(Math.floor(total / 2));
  }
  if (invoice.invoice_due_amount.value !== "0.00" && prng.chance(0.3)) {
    invoice.number_of_reminders_sent = prng.int(1, 3);
    invoice.last_reminded_at = addDays(invoice.invoice_due_date, 7);
  }
}
