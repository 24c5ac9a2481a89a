import { type JorttCustomer, parseJorttCustomer } from "../../../shared/domain/jortt/customer-schema";
import {
  type JorttInvoice,
  type JorttInvoiceStatusFilter,
  parseJorttInvoice,
} from "../../../shared/domain/jortt/invoice-schema";
import type { JorttRecordResult } from "../../../shared/domain/jortt/parse-jortt-record";
import { SyncError } from "../../../shared/errors/sync-error";
import type { JorttScanPage, JorttSource, JorttValidRecord } from "../../../shared/ports/jortt-source";
import type { RawRecord } from "./jortt-records";

/**
 * Jortt in memory behind the JorttSource port, behaving like the Jortt adapter over the real API:
 * pages of ≤100 (one request each, the last page ends the scan), records parsed with the Jortt
 * schemas (invalid ones reported per record), ids de-duplicated within one scan, `invoice_status`
 * filters as Jortt applies them (paid/unpaid/late are derived from the due amount and date),
 * `getCustomer` throwing a data error `resource.not_found` for an unknown id.
 */
export class FakeJorttSource implements JorttSource {
  customers: RawRecord[] = [];
  invoices: RawRecord[] = [];
  pageSize = 100;
  /** "Today" for the `late` filter. */
  today = "2026-11-28";
  /** Throws this error on the n-th request (1-based) from now, once. */
  private failure: { atRequest: number; error: SyncError } | undefined;
  /** Ids shown twice across pages (offset drift: a record inserted while paging). */
  shiftedIds = new Set<string>();
  readonly requests: string[] = [];

  get requestCount(): number {
    return this.requests.length;
  }

  failOnRequest(n: number, error: SyncError): void {
    this.failure = { atRequest: this.requests.length + n, error };
  }

  async *customerPages(): AsyncGenerator<JorttScanPage<JorttCustomer>> {
    yield* this.paginate("/customers", this.customers, parseJorttCustomer);
  }

  async *invoicePages(options: { status?: JorttInvoiceStatusFilter }): AsyncGenerator<JorttScanPage<JorttInvoice>> {
    const matching = this.invoices.filter((invoice) => this.matchesStatus(invoice, options.status));
    yield* this.paginate(`/invoices?invoice_status=${options.status ?? ""}`, matching, parseJorttInvoice);
  }

  async getCustomer(id: string): Promise<JorttValidRecord<JorttCustomer>> {
    this.request(`/customers/${id}`);
    const raw = this.customers.find((customer) => customer.id === id);
    if (!raw) {
      throw new SyncError("Jortt resource.not_found on GET /customers/{id}", {
        code: "resource.not_found",
        errorClass: "data",
        source: "jortt",
        status: 404,
        recordKey: `customer:${id}`,
      });
    }
    const result = parseJorttCustomer(structuredClone(raw));
    if (!result.ok) throw result.error;
    return result;
  }

  private async *paginate<T>(
    path: string,
    all: readonly RawRecord[],
    parse: (raw: unknown) => JorttRecordResult<T>,
  ): AsyncGenerator<JorttScanPage<T>> {
    const seen = new Set<string>();
    const pageCount = Math.max(1, Math.ceil(all.length / this.pageSize));
    for (let pageNumber = 1; pageNumber <= pageCount; pageNumber++) {
      this.request(`${path}&page=${pageNumber}`);
      const slice = all.slice((pageNumber - 1) * this.pageSize, pageNumber * this.pageSize);
      // Offset drift: a shifted record shows up again at the top of the next page.
      const previous = all.slice((pageNumber - 2) * this.pageSize, (pageNumber - 1) * this.pageSize);
      const drifted = pageNumber > 1 ? previous.filter((raw) => this.shiftedIds.has(String(raw.id))) : [];
      const page: JorttScanPage<T> & {
        records: JorttValidRecord<T>[];
        invalid: JorttScanPage<T>["invalid"][number][];
      } = {
        pageNumber,
        records: [],
        invalid: [],
        duplicates: 0,
      };
      for (const raw of [...drifted, ...slice]) {
        const result = parse(structuredClone(raw));
        if (result.id) {
          if (seen.has(result.id)) {
            page.duplicates += 1;
            continue;
          }
          seen.add(result.id);
        }
        if (result.ok) page.records.push(result);
        else page.invalid.push(result);
      }
      yield page;
    }
  }

  private matchesStatus(invoice: RawRecord, status: JorttInvoiceStatusFilter | undefined): boolean {
    const sent = invoice.invoice_status === "sent";
    const due = Number((invoice.invoice_due_amount as { value?: string } | undefined)?.value ?? 0);
    switch (status) {
      case undefined:
        return true;
      case "draft":
        return invoice.invoice_status === "draft";
      case "sent":
        return sent;
      case "paid":
        return sent && due === 0;
      case "unpaid":
        return sent && due !== 0;
      case "late":
        return sent && due !== 0 && String(invoice.invoice_due_date) < this.today;
    }
  }

  private request(path: string): void {
    this.requests.push(path);
    if (this.failure && this.requests.length >= this.failure.atRequest) {
      const { error } = this.failure;
      this.failure = undefined;
      throw error;
    }
  }
}
