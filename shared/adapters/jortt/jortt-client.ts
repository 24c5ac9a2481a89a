import type { z } from "zod";
import { type JorttCreateCustomerBody, JorttCreateCustomerBodySchema } from "../../domain/jortt/create-customer-schema";
import {
  type JorttCreateInvoiceV3Body,
  JorttCreateInvoiceV3BodySchema,
  type JorttSendInvoiceBody,
  JorttSendInvoiceBodySchema,
} from "../../domain/jortt/create-invoice-schema";
import { type JorttCustomer, parseJorttCustomer } from "../../domain/jortt/customer-schema";
import {
  JORTT_INVOICE_STATUS_FILTERS,
  type JorttInvoice,
  type JorttInvoiceStatusFilter,
  parseJorttInvoice,
} from "../../domain/jortt/invoice-schema";
import { JorttCreatedSchema, JorttItemEnvelopeSchema } from "../../domain/jortt/list-envelope-schema";
import { describeIssues, type JorttRecordResult } from "../../domain/jortt/parse-jortt-record";
import { SyncError } from "../../errors/sync-error";
import { jorttInvalidResponseError } from "./jortt-errors";
import { JorttHttp } from "./jortt-http";
import { type JorttInvalidRecord, type JorttPage, type JorttValidRecord, paginate } from "./jortt-pagination";
import { createJorttRateLimiter, DEFAULT_JORTT_REQUESTS_PER_SECOND, type JorttRateLimiter } from "./jortt-rate-limiter";
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from "./jortt-retry-policy";
import { JorttTokenProvider } from "./jortt-token-provider";

export const DEFAULT_JORTT_API_URL = "https://api.jortt.nl";
export const DEFAULT_JORTT_TOKEN_URL = "https://app.jortt.nl/oauth-provider/oauth/token";
/** Enough for Jortt → Salesforce. */
export const JORTT_READ_SCOPES = ["customers:read", "invoices:read"] as const;
/** Jortt → Salesforce plus Salesforce → Jortt (create customers and invoices). */
export const JORTT_READ_WRITE_SCOPES = [
  "customers:read",
  "customers:write",
  "invoices:read",
  "invoices:write",
] as const;

export interface JorttClientOptions {
  clientId: string;
  clientSecret: string;
  /** Default https://api.jortt.nl (`JORTT_API_URL`). */
  baseUrl?: string;
  /** Default https://app.jortt.nl/oauth-provider/oauth/token (`JORTT_TOKEN_URL`). */
  tokenUrl?: string;
  /** Requested scopes; default JORTT_READ_WRITE_SCOPES. Must not exceed the app's registration. */
  scopes?: readonly string[];
  /** Client-side limit (default 8/s; Jortt allows 10). Ignored when `rateLimiter` is given. */
  maxRequestsPerSecond?: number;
  /** A limiter shared with other clients of the same credentials. */
  rateLimiter?: JorttRateLimiter;
  /** Attempts per request including the first (default 5). */
  maxAttempts?: number;
  /** Exponential backoff base (default 500 ms) and cap (default 20 s). */
  backoffBaseMs?: number;
  backoffMaxMs?: number;
  /** Cap on an honoured Retry-After (default 60 s). */
  retryAfterMaxMs?: number;
  /** Per-attempt timeout (default 30 s). */
  timeoutMs?: number;
  /** Stop a list that never ends after this many pages (default 10 000 = 1M records). */
  maxPages?: number;
  /** Test seams. */
  random?: () => number;
  sleep?: (ms: number) => Promise<void>;
  fetch?: typeof fetch;
}

/** A scan's records collected into memory (searches: small result sets). */
export interface JorttScanResult<T> {
  records: JorttValidRecord<T>[];
  invalid: JorttInvalidRecord[];
}

export interface InvoicePagesOptions {
  /** `invoice_status` filter: draft|sent|paid|unpaid|late; omitted = all invoices. */
  status?: JorttInvoiceStatusFilter;
  /** Free-text `query` (≥ 3 characters): number, customer name, reference. */
  query?: string;
}

/**
 * The Jortt API for the sync (reference/jortt-api.md): v1 reads of customers and invoices,
 * `POST /customers`, `POST /v3/invoices`, `POST /invoices/{id}/send`. One instance per run; it
 * shares its token and rate limiter across concurrent calls.
 */
export class JorttClient {
  private readonly http: JorttHttp;
  private readonly tokens: JorttTokenProvider;
  private readonly maxPages: number;

  constructor(options: JorttClientOptions) {
    if (!options.clientId || !options.clientSecret) {
      throw new SyncError("Jortt client id and secret are required", {
        code: "config.jortt_credentials_missing",
        errorClass: "configuration",
        source: "config",
        hint: "Set JORTT_CLIENT_ID and JORTT_CLIENT_SECRET (a client-credentials app registered in Jortt).",
      });
    }
    const retry: RetryPolicy = {
      maxAttempts: Math.max(1, options.maxAttempts ?? DEFAULT_RETRY_POLICY.maxAttempts),
      backoffBaseMs: options.backoffBaseMs ?? DEFAULT_RETRY_POLICY.backoffBaseMs,
      backoffMaxMs: options.backoffMaxMs ?? DEFAULT_RETRY_POLICY.backoffMaxMs,
      retryAfterMaxMs: options.retryAfterMaxMs ?? DEFAULT_RETRY_POLICY.retryAfterMaxMs,
      random: options.random ?? DEFAULT_RETRY_POLICY.random,
      sleep: options.sleep ?? DEFAULT_RETRY_POLICY.sleep,
    };
    const rateLimiter =
      options.rateLimiter ?? createJorttRateLimiter(options.maxRequestsPerSecond ?? DEFAULT_JORTT_REQUESTS_PER_SECOND);
    const fetchImpl = options.fetch ?? globalThis.fetch;
    const timeoutMs = options.timeoutMs ?? 30_000;
    this.tokens = new JorttTokenProvider({
      clientId: options.clientId,
      clientSecret: options.clientSecret,
      tokenUrl: options.tokenUrl ?? DEFAULT_JORTT_TOKEN_URL,
      scopes: options.scopes ?? JORTT_READ_WRITE_SCOPES,
      timeoutMs,
      retry,
      rateLimiter,
      fetch: fetchImpl,
    });
    this.http = new JorttHttp({
      baseUrl: options.baseUrl ?? DEFAULT_JORTT_API_URL,
      tokens: this.tokens,
      rateLimiter,
      retry,
      timeoutMs,
      fetch: fetchImpl,
    });
    this.maxPages = options.maxPages ?? 10_000;
  }

  /** API requests sent (every attempt, excluding token requests): for run reports and metrics. */
  get requestCount(): number {
    return this.http.requestCount;
  }

  /** Token requests sent (every attempt). */
  get tokenRequestCount(): number {
    return this.tokens.requestCount;
  }

  // ---- reads -------------------------------------------------------------------------------

  /** All customers (alphabetical), one page (≤100) at a time: `for await (const page of …)`. */
  customerPages(options: { query?: string } = {}): AsyncGenerator<JorttPage<JorttCustomer>, void, undefined> {
    if (options.query !== undefined) assertSearchQuery(options.query);
    return paginate({
      http: this.http,
      path: "/customers",
      query: { query: options.query },
      parse: parseJorttCustomer,
      maxPages: this.maxPages,
    });
  }

  /** Invoices (newest first), optionally filtered by `invoice_status`, one page at a time. */
  invoicePages(options: InvoicePagesOptions = {}): AsyncGenerator<JorttPage<JorttInvoice>, void, undefined> {
    if (options.status !== undefined && !JORTT_INVOICE_STATUS_FILTERS.includes(options.status)) {
      throw new SyncError(`Unknown Jortt invoice status filter: ${String(options.status)}`, {
        code: "config.invoice_status_invalid",
        errorClass: "configuration",
        source: "config",
        hint: `Use one of ${JORTT_INVOICE_STATUS_FILTERS.join(", ")}.`,
      });
    }
    if (options.query !== undefined) assertSearchQuery(options.query);
    return paginate({
      http: this.http,
      path: "/invoices",
      query: { invoice_status: options.status, query: options.query },
      parse: parseJorttInvoice,
      maxPages: this.maxPages,
    });
  }

  /** One customer. Throws a `JorttApiError` (data, `resource.not_found`) for an unknown id. */
  async getCustomer(id: string): Promise<JorttValidRecord<JorttCustomer>> {
    return this.getOne(`/customers/${encodeURIComponent(id)}`, `customer:${id}`, parseJorttCustomer);
  }

  /** One invoice. Throws a `JorttApiError` (data, `resource.not_found`) for an unknown id. */
  async getInvoice(id: string): Promise<JorttValidRecord<JorttInvoice>> {
    return this.getOne(`/invoices/${encodeURIComponent(id)}`, `invoice:${id}`, parseJorttInvoice);
  }

  /** Customers matching `query` (≥ 3 characters; Jortt matches name and more). */
  async searchCustomers(query: string): Promise<JorttScanResult<JorttCustomer>> {
    return collect(this.customerPages({ query }));
  }

  /** Invoices matching `query` (≥ 3 characters). */
  async searchInvoices(query: string): Promise<JorttScanResult<JorttInvoice>> {
    return collect(this.invoicePages({ query }));
  }

  /**
   * Customers whose `reference` equals `reference` exactly (the reverse flow stores the
   * Salesforce Account Id there). Jortt's `query` is fuzzy and its reach undocumented, so results
   * are filtered here; an empty list means "not found by search", not proof of absence.
   */
  async findCustomersByReference(reference: string): Promise<JorttValidRecord<JorttCustomer>[]> {
    const { records } = await this.searchCustomers(reference);
    return records.filter((record) => record.value.reference === reference);
  }

  /** Invoices whose `reference` equals `reference` exactly (idempotent reverse-flow creates). */
  async findInvoicesByReference(reference: string): Promise<JorttValidRecord<JorttInvoice>[]> {
    const { records } = await this.searchInvoices(reference);
    return records.filter((record) => record.value.reference === reference);
  }

  // ---- writes ------------------------------------------------------------------------------

  /** `POST /customers` → the new id. The body is validated first (a data error names the field). */
  async createCustomer(body: JorttCreateCustomerBody, recordKey?: string): Promise<{ id: string }> {
    const valid = validateBody(JorttCreateCustomerBodySchema, body, "customer", recordKey);
    const response = await this.http.request({ method: "POST", path: "/customers", body: valid, recordKey });
    return readCreatedId(response.body, response.status, "POST /customers");
  }

  /**
   * `POST /v3/invoices` → the new id. Without `send_method` Jortt creates a draft; with it the
   * invoice is scheduled for sending and numbered asynchronously (poll `getInvoice`).
   */
  async createInvoice(body: JorttCreateInvoiceV3Body, recordKey?: string): Promise<{ id: string }> {
    validateBody(JorttCreateInvoiceV3BodySchema, body, "invoice", recordKey);
    // Send the caller's body as given (strings stay strings); the parse only validated it.
    const response = await this.http.request({ method: "POST", path: "/v3/invoices", body, recordKey });
    return readCreatedId(response.body, response.status, "POST /v3/invoices");
  }

  /** `POST /invoices/{id}/send` (a draft → sent; `self` finalises and numbers without e-mail). */
  async sendInvoice(id: string, body: JorttSendInvoiceBody, recordKey?: string): Promise<void> {
    validateBody(JorttSendInvoiceBodySchema, body, "invoice send", recordKey);
    await this.http.request({
      method: "POST",
      path: `/invoices/${encodeURIComponent(id)}/send`,
      body,
      recordKey: recordKey ?? `invoice:${id}`,
    });
  }

  private async getOne<T>(
    path: string,
    recordKey: string,
    parse: (raw: unknown) => JorttRecordResult<T>,
  ): Promise<JorttValidRecord<T>> {
    const response = await this.http.request({ method: "GET", path, recordKey });
    const envelope = JorttItemEnvelopeSchema.safeParse(response.body);
    if (!envelope.success) throw jorttInvalidResponseError(`GET ${path}`, response.status, "not an envelope {data}");
    const result = parse(envelope.data.data);
    if (!result.ok) throw result.error;
    return result;
  }
}

function assertSearchQuery(query: string): void {
  if (query.trim().length < 3) {
    throw new SyncError("A Jortt search query needs at least 3 characters", {
      code: "query.too_short",
      errorClass: "data",
      source: "jortt",
      field: "query",
    });
  }
}

async function collect<T>(pages: AsyncIterable<JorttPage<T>>): Promise<JorttScanResult<T>> {
  const result: JorttScanResult<T> = { records: [], invalid: [] };
  for await (const page of pages) {
    result.records.push(...page.records);
    result.invalid.push(...page.invalid);
  }
  return result;
}

function validateBody<S extends z.ZodType>(schema: S, body: unknown, what: string, recordKey?: string): z.output<S> {
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  throw new SyncError(`Jortt ${what} body is invalid: ${describeIssues(parsed.error.issues)}`, {
    code: "jortt.request.invalid",
    errorClass: "data",
    source: "mapping",
    recordKey,
    field: parsed.error.issues[0]?.path.join("."),
  });
}

function readCreatedId(body: unknown, status: number, request: string): { id: string } {
  const parsed = JorttCreatedSchema.safeParse(body);
  if (!parsed.success) throw jorttInvalidResponseError(request, status, "no {data:{id}}");
  return { id: parsed.data.data.id };
}
