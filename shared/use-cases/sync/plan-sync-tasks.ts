import { mappingContentHash } from "../../domain/content-hash";
import type { JorttCustomer } from "../../domain/jortt/customer-schema";
import { parseJorttCustomer } from "../../domain/jortt/customer-schema";
import { type JorttInvoice, parseJorttInvoice } from "../../domain/jortt/invoice-schema";
import { mapCustomer } from "../../domain/mapping/map-customer";
import { mapInvoice } from "../../domain/mapping/map-invoice";
import type { MappingContext } from "../../domain/mapping/mapping-types";
import { recordKey } from "../../domain/record-key";
import { isSyncError, SyncError } from "../../errors/sync-error";
import type { RecordState, StateStore } from "../../ports/state-store";
import { asMappingError } from "../as-mapping-error";
import type { ParsedMessage } from "./parse-incoming-messages";
import type { SyncBatchLedger } from "./sync-batch-ledger";
import type { CustomerTask, InvoiceTask, TaskMessage } from "./sync-tasks";

/** Records of the batch that need writing, parsed but not yet mapped (mapping needs the org profile). */
export interface SyncCandidates {
  customers: CustomerCandidate[];
  invoices: InvoiceCandidate[];
}

interface CustomerCandidate {
  key: string;
  customer: JorttCustomer;
  raw: Record<string, unknown>;
  state: RecordState | undefined;
  /** Absent for a customer synced only because an invoice of the batch needs its Account. */
  message: TaskMessage | undefined;
  hash: string | undefined;
  /** Invoice candidates that wait for this customer. */
  dependents: InvoiceCandidate[];
}

interface InvoiceCandidate {
  key: string;
  invoice: JorttInvoice;
  state: RecordState | undefined;
  message: TaskMessage;
  hash: string;
  customer: CustomerCandidate | undefined;
}

export interface SyncTasks {
  customers: CustomerTask[];
  invoices: InvoiceTask[];
}

/**
 * Reads the state of every record of the batch, and of every customer an invoice refers to, in ONE
 * BatchGet; acknowledges unchanged records (state synced with the same hash: zero Salesforce calls);
 * parses the rest with the Jortt schemas (bad → dead-letter). An invoice whose customer has no
 * synced Account yet gets that customer as a task of its own, from the customer the message carries.
 */
export async function readSyncCandidates(
  parsed: readonly ParsedMessage[],
  state: StateStore,
  ledger: SyncBatchLedger,
): Promise<SyncCandidates> {
  const keys = new Set(parsed.map((entry) => entry.message.key));
  for (const { message } of parsed) {
    const customerId = message.kind === "invoice" ? message.invoice.customer_id : undefined;
    if (typeof customerId === "string" && customerId) keys.add(recordKey("customer", customerId));
  }
  const states = await state.getRecordStates([...keys]);

  const customers = new Map<string, CustomerCandidate>();
  const unchangedCustomers = new Set<string>();
  const invoices: { entry: ParsedMessage; message: TaskMessage }[] = [];
  for (const entry of parsed) {
    const { message, incoming } = entry;
    const current = states.get(message.key);
    if (current?.outcome === "synced" && current.hash === message.hash) {
      ledger.skip(incoming.messageId, message.key, "unchanged");
      if (message.kind === "customer") unchangedCustomers.add(message.key);
      continue;
    }
    const taskMessage: TaskMessage = {
      messageId: incoming.messageId,
      body: incoming.body,
      receiveCount: incoming.receiveCount,
      runId: message.runId,
    };
    if (message.kind === "invoice") {
      invoices.push({ entry, message: taskMessage });
      continue;
    }
    const result = parseJorttCustomer(message.customer);
    if (!result.ok) {
      ledger.fail(
        { key: message.key, kind: "customer", hash: message.hash, state: current, message: taskMessage },
        result.error,
      );
      continue;
    }
    customers.set(message.key, {
      key: message.key,
      customer: result.value,
      raw: message.customer,
      state: current,
      message: taskMessage,
      hash: message.hash,
      dependents: [],
    });
  }

  const invoiceCandidates: InvoiceCandidate[] = [];
  for (const { entry, message: taskMessage } of invoices) {
    const message = entry.message;
    if (message.kind !== "invoice") continue;
    const target = {
      key: message.key,
      kind: "invoice" as const,
      hash: message.hash,
      state: states.get(message.key),
      message: taskMessage,
    };
    const result = parseJorttInvoice(message.invoice);
    if (!result.ok) {
      ledger.fail(target, result.error);
      continue;
    }
    const candidate: InvoiceCandidate = { ...target, invoice: result.value, customer: undefined };
    const customerId = result.value.customer_id;
    if (customerId) {
      const customerKey = recordKey("customer", customerId);
      const customerState = states.get(customerKey);
      const accountExists = customerState?.outcome === "synced" || unchangedCustomers.has(customerKey);
      if (!accountExists) {
        const dependency = customers.get(customerKey) ?? implicitCustomer(customerKey, customerState, message.customer);
        if (!isSyncError(dependency)) {
          customers.set(customerKey, dependency);
          dependency.dependents.push(candidate);
          candidate.customer = dependency;
        } else {
          ledger.fail(target, dependency);
          continue;
        }
      }
    }
    invoiceCandidates.push(candidate);
  }
  return { customers: [...customers.values()], invoices: invoiceCandidates };
}

function implicitCustomer(
  key: string,
  state: RecordState | undefined,
  raw: Record<string, unknown> | null,
): CustomerCandidate | SyncError {
  if (raw === null) {
    return new SyncError(`The invoice's customer ${key} is not in Salesforce yet and the message carries no customer`, {
      code: "CUSTOMER_UNAVAILABLE",
      errorClass: "data",
      source: "pipeline",
      recordKey: key,
      hint: "The customer could not be read from Jortt when the invoice was fetched; it is retried on the next change or replay.",
    });
  }
  const result = parseJorttCustomer(raw);
  if (!result.ok) {
    return new SyncError(`The invoice's customer is invalid: ${result.error.message}`, {
      code: result.error.code,
      errorClass: "data",
      source: "jortt",
      recordKey: key,
      ...(result.error.field ? { field: result.error.field } : {}),
      ...(result.error.hint ? { hint: result.error.hint } : {}),
    });
  }
  return { key, customer: result.value, raw, state, message: undefined, hash: undefined, dependents: [] };
}

/**
 * Maps every candidate with the write context (record type and price book ids included). A
 * customer synced only for its invoices gets the hash fetch computes for it (mapped WITHOUT those
 * ids, as fetch maps), so the next fetch sees it unchanged. A mapping error is a data error of that
 * record (and of the invoices waiting for that customer).
 */
export function mapSyncCandidates(
  candidates: SyncCandidates,
  writeContext: MappingContext,
  hashContext: MappingContext,
  ledger: SyncBatchLedger,
): SyncTasks {
  const customerTasks = new Map<CustomerCandidate, CustomerTask>();
  for (const candidate of candidates.customers) {
    const target = {
      key: candidate.key,
      kind: "customer" as const,
      hash: candidate.hash ?? "",
      state: candidate.state,
      message: candidate.message,
      raw: candidate.raw,
    };
    try {
      const mapping = mapCustomer(candidate.customer, writeContext);
      const hash = candidate.hash ?? mappingContentHash(mapCustomer(candidate.customer, hashContext));
      customerTasks.set(candidate, {
        kind: "customer",
        key: candidate.key,
        id: candidate.customer.id,
        hash,
        state: candidate.state,
        status: "pending",
        message: candidate.message,
        customer: candidate.customer,
        raw: candidate.raw,
        mapping,
        ids: {},
      });
      ledger.addWarnings(mapping.warnings);
    } catch (error) {
      const syncError = asMappingError(error, candidate.key);
      // Without a message there is no hash to remember it by: its invoices carry the failure.
      if (candidate.message) ledger.fail(target, syncError);
      for (const dependent of candidate.dependents)
        ledger.fail(dependentTarget(dependent), dependentError(candidate.key, syncError));
    }
  }

  const invoiceTasks: InvoiceTask[] = [];
  for (const candidate of candidates.invoices) {
    const customer = candidate.customer ? customerTasks.get(candidate.customer) : undefined;
    if (candidate.customer && !customer) continue; // failed with its customer above
    try {
      const mapping = mapInvoice(candidate.invoice, writeContext);
      invoiceTasks.push({
        kind: "invoice",
        key: candidate.key,
        id: candidate.invoice.id,
        hash: candidate.hash,
        state: candidate.state,
        status: "pending",
        message: candidate.message,
        mapping,
        reference: candidate.invoice.reference ?? null,
        customer,
        ids: { items: new Map() },
      });
      ledger.addWarnings(mapping.warnings);
    } catch (error) {
      ledger.fail(dependentTarget(candidate), asMappingError(error, candidate.key));
    }
  }
  return { customers: [...customerTasks.values()], invoices: invoiceTasks };
}

function dependentTarget(candidate: InvoiceCandidate) {
  return {
    key: candidate.key,
    kind: "invoice" as const,
    hash: candidate.hash,
    state: candidate.state,
    message: candidate.message,
  };
}

/** An invoice whose customer failed fails with the customer's error (same code and class). */
export function dependentError(customerKey: string, error: SyncError): SyncError {
  return new SyncError(`Customer ${customerKey} of this invoice was not synced: ${error.message}`, {
    code: error.code,
    errorClass: error.errorClass,
    source: error.source,
    recordKey: customerKey,
    ...(error.field ? { field: error.field } : {}),
    hint: error.hint
      ? `${error.hint} The invoice follows once its customer is synced (replay both).`
      : "The invoice follows once its customer is synced (replay both).",
  });
}
