import { z } from "zod";

export const API_CALL_KINDS = [
  "query",
  "upsert",
  "create",
  "update",
  "delete",
  "retrieve",
  "composite",
  "tree",
  "describe",
  "limits",
  "identity",
  "other",
] as const;
export const apiCallKindSchema = z.enum(API_CALL_KINDS);
export type ApiCallKind = z.infer<typeof apiCallKindSchema>;

/** A fault fires for the next `next` eligible events, then with probability `rate` (seeded). */
export const faultRuleSchema = z.object({
  rate: z.number().min(0).max(1).optional(),
  next: z.number().int().min(0).optional(),
  /** Only calls of these kinds are eligible (default: all data calls). */
  kinds: z.array(apiCallKindSchema).optional(),
});
export type FaultRule = z.infer<typeof faultRuleSchema>;

export const faultSettingsSchema = z.object({
  seed: z.number().int().optional(),
  /** Delay added to every API call, token calls included (benchmarks use e.g. 80 ms). */
  latencyMs: z.number().int().min(0).optional(),
  /** Per record on writes: UNABLE_TO_LOCK_ROW (a per-record error in Collections, a 400 on single calls). */
  lockRow: faultRuleSchema.optional(),
  /** Whole call: HTTP 503 SERVER_UNAVAILABLE. */
  serverUnavailable: faultRuleSchema.optional(),
  /** Whole call: the session is revoked and the call answers 401 INVALID_SESSION_ID. */
  sessionExpired: faultRuleSchema.optional(),
  /** Whole call: HTTP 403 REQUEST_LIMIT_EXCEEDED (e.g. concurrent long-running request limit). */
  requestLimit: faultRuleSchema.optional(),
});
export type FaultSettings = z.infer<typeof faultSettingsSchema>;
