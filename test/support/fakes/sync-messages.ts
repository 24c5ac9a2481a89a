import { type Settings, SettingsSchema } from "../../../shared/config/settings-schema";
import { mappingContentHash } from "../../../shared/domain/content-hash";
import { type JorttCustomer, parseJorttCustomer } from "../../../shared/domain/jortt/customer-schema";
import { type JorttInvoice, parseJorttInvoice } from "../../../shared/domain/jortt/invoice-schema";
import { mapCustomer } from "../../../shared/domain/mapping/map-customer";
import { mapInvoice } from "../../../shared/domain/mapping/map-invoice";
import type { AccountModel } from "../../../shared/domain/mapping/mapping-types";
import type { CustomerMessage, InvoiceMessage } from "../../../shared/domain/sync-message";
import { hashMappingContext } from "../../../shared/use-cases/mapping-contexts";
import type { IncomingMessage } from "../../../shared/use-cases/sync-records";
import type { RawRecord } from "./jortt-records";

export function defaultSettings(input: Record<string, unknown> = {}): Settings {
  return SettingsSchema.parse(input);
}

function parsedCustomer(raw: RawRecord): JorttCustomer {
  const result = parseJorttCustomer(raw);
  if (!result.ok) throw result.error;
  return result.value;
}

function parsedInvoice(raw: RawRecord): JorttInvoice {
  const result = parseJorttInvoice(raw);
  if (!result.ok) throw result.error;
  return result.value;
}

/** The message fetch would enqueue for a customer (same hash as fetch computes). */
export function customerMessage(
  raw: RawRecord,
  options: { settings?: Settings; accountModel?: AccountModel; runId?: string } = {},
): CustomerMessage {
  const ctx = hashMappingContext(options.settings ?? defaultSettings(), options.accountModel ?? "account-contact");
  const hash = mappingContentHash(mapCustomer(parsedCustomer(raw), ctx));
  return { v: 1, runId: options.runId ?? "run-1", key: `customer:${raw.id}`, hash, kind: "customer", customer: raw };
}

export function invoiceMessage(
  raw: RawRecord,
  customer: RawRecord | null,
  options: { settings?: Settings; accountModel?: AccountModel; runId?: string } = {},
): InvoiceMessage {
  const ctx = hashMappingContext(options.settings ?? defaultSettings(), options.accountModel ?? "account-contact");
  const hash = mappingContentHash(mapInvoice(parsedInvoice(raw), ctx));
  return {
    v: 1,
    runId: options.runId ?? "run-1",
    key: `invoice:${raw.id}`,
    hash,
    kind: "invoice",
    invoice: raw,
    customer,
  };
}

let messageSequence = 0;

export function incoming(body: unknown, receiveCount = 1): IncomingMessage {
  messageSequence += 1;
  return {
    messageId: `m-${messageSequence}`,
    body: typeof body === "string" ? body : JSON.stringify(body),
    receiveCount,
  };
}
