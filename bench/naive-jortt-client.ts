import { setTimeout as sleep } from "node:timers/promises";
import { z } from "zod";
import {
  type SourceCustomer,
  SourceCustomerSchema,
  type SourceInvoice,
  SourceInvoiceSchema,
  SourceListPageSchema,
  SourceSingleSchema,
} from "./jortt-source-records";

/**
 * The Jortt side of the naive baseline, written the way a per-record integration usually is: a
 * client-credentials token (Basic auth, reference/jortt-api.md §2), list pages fetched one at a
 * time, one `GET /customers/{id}` per invoice, and a fixed pause on 429 instead of a throttle.
 */
export interface JorttEndpoint {
  apiUrl: string;
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
}

const TokenSchema = z.looseObject({ access_token: z.string().min(1) });
const THROTTLED_PAUSE_MS = 1000;
const MAX_THROTTLED_RETRIES = 10;

export class NaiveJorttClient {
  /** Requests this client sent (token included), to cross-check the sandbox's own count. */
  requests = 0;
  private accessToken: string | undefined;

  constructor(private readonly endpoint: JorttEndpoint) {}

  private async token(): Promise<string> {
    if (this.accessToken) return this.accessToken;
    const basic = Buffer.from(`${this.endpoint.clientId}:${this.endpoint.clientSecret}`).toString("base64");
    this.requests += 1;
    const response = await fetch(this.endpoint.tokenUrl, {
      method: "POST",
      headers: { authorization: `Basic ${basic}`, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ grant_type: "client_credentials", scope: "customers:read invoices:read" }),
    });
    if (!response.ok) throw new Error(`Jortt token: HTTP ${response.status}`);
    this.accessToken = TokenSchema.parse(await response.json()).access_token;
    return this.accessToken;
  }

  private async getJson(pathAndQuery: string): Promise<unknown> {
    const url = new URL(
      pathAndQuery,
      this.endpoint.apiUrl.endsWith("/") ? this.endpoint.apiUrl : `${this.endpoint.apiUrl}/`,
    );
    for (let attempt = 0; ; attempt += 1) {
      const token = await this.token();
      this.requests += 1;
      const response = await fetch(url, { headers: { authorization: `Bearer ${token}`, accept: "application/json" } });
      if (response.status === 429 && attempt < MAX_THROTTLED_RETRIES) {
        await response.arrayBuffer();
        await sleep(THROTTLED_PAUSE_MS);
        continue;
      }
      if (!response.ok) throw new Error(`Jortt GET ${url.pathname}: HTTP ${response.status}`);
      return response.json();
    }
  }

  /** Invoices with the given status, page by page, stopping when `_links.next` is null (§4). */
  async *invoices(status: string): AsyncGenerator<SourceInvoice> {
    for (let page = 1; ; page += 1) {
      const body = SourceListPageSchema.parse(await this.getJson(`invoices?invoice_status=${status}&page=${page}`));
      for (const item of body.data) yield SourceInvoiceSchema.parse(item);
      if (!body._links?.next) return;
    }
  }

  async customer(id: string): Promise<SourceCustomer> {
    const body = SourceSingleSchema.parse(await this.getJson(`customers/${encodeURIComponent(id)}`));
    return SourceCustomerSchema.parse(body.data);
  }
}
