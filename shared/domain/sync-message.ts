import { z } from "zod";

/**
 * The SQS message contract between fetch and sync: one record per message. The raw source record
 * travels with it (validated again by the sync side with the Jortt schemas), so sync maps with the
 * settings it runs with and needs no extra read from Jortt. Must stay well under SQS's 256 KiB.
 */
const base = {
  v: z.literal(1),
  runId: z.string().min(1),
  key: z.string().regex(/^(customer|invoice|order):.+$/),
  /** Content hash computed by fetch; sync skips when state already holds it as synced. */
  hash: z.string().min(1),
};

export const CustomerMessageSchema = z.object({
  ...base,
  kind: z.literal("customer"),
  customer: z.record(z.string(), z.unknown()),
});

export const InvoiceMessageSchema = z.object({
  ...base,
  kind: z.literal("invoice"),
  invoice: z.record(z.string(), z.unknown()),
  /** The invoice's customer, so sync can create the Account first when it is not synced yet. */
  customer: z.record(z.string(), z.unknown()).nullable(),
});

/** Reverse flow: a Salesforce Order selected to become a Jortt invoice. */
export const OrderMessageSchema = z.object({
  ...base,
  kind: z.literal("order"),
  orderId: z.string().min(15).max(18),
  systemModstamp: z.string(),
});

export const SyncMessageSchema = z.discriminatedUnion("kind", [
  CustomerMessageSchema,
  InvoiceMessageSchema,
  OrderMessageSchema,
]);

export type CustomerMessage = z.infer<typeof CustomerMessageSchema>;
export type InvoiceMessage = z.infer<typeof InvoiceMessageSchema>;
export type OrderMessage = z.infer<typeof OrderMessageSchema>;
export type SyncMessage = z.infer<typeof SyncMessageSchema>;

/** SQS's hard limit is 256 KiB; keep headroom for attributes. */
export const MAX_MESSAGE_BYTES = 240 * 1024;
