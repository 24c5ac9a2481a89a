import type { JorttCreateCustomerBody } from "../domain/jortt/create-customer-schema";
import type { JorttCreateInvoiceV3Body } from "../domain/jortt/create-invoice-schema";
import type { JorttCustomer } from "../domain/jortt/customer-schema";
import type { JorttInvoice } from "../domain/jortt/invoice-schema";
import type { JorttValidRecord } from "./jortt-source";

/**
 * What the reverse flow needs from Jortt: the subset of the Jortt adapter (`JorttClient`) it uses,
 * so the client satisfies it as is (a port).
 * Failures are thrown as classified SyncErrors. A create that may have reached Jortt (timeout,
 * 500/502, lost response) is never repeated by the client: the caller looks for it by reference.
 */
export interface JorttInvoicing {
  /** Customers matching Jortt's free-text `query` (≥ 3 characters); the caller filters exactly. */
  searchCustomers(query: string): Promise<{ records: readonly JorttValidRecord<JorttCustomer>[] }>;
  /** Invoices whose `reference` equals `reference` exactly (Jortt's `query` search, then filtered). */
  findInvoicesByReference(reference: string): Promise<JorttValidRecord<JorttInvoice>[]>;
  /** `POST /customers` → the new id. */
  createCustomer(body: JorttCreateCustomerBody, recordKey?: string): Promise<{ id: string }>;
  /** `POST /v3/invoices` → the new id (draft, or scheduled for sending with `send_method`). */
  createInvoice(body: JorttCreateInvoiceV3Body, recordKey?: string): Promise<{ id: string }>;
  /** One invoice (status, number once sent). */
  getInvoice(id: string): Promise<JorttValidRecord<JorttInvoice>>;
  /** HTTP requests sent so far (token requests excluded), for the batch's counts. */
  readonly requestCount: number;
}
