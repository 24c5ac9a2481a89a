import { z } from "zod";
import { faultSettingsSchema } from "./faults/fault-settings";

/** Options of `startSalesforceSandbox` (all optional; defaults suit tests and `npm start`). */
export const sandboxOptionsSchema = z.object({
  /** 0 picks a free port. */
  port: z.number().int().min(0).max(65535).default(0),
  host: z.string().default("127.0.0.1"),
  /** Org with Person Accounts enabled (Person* fields, person record type) or a business-account org. */
  personAccounts: z.boolean().default(false),
  /** Rolling 24 h API allocation (Sforce-Limit-Info `M`); beyond it 403 REQUEST_LIMIT_EXCEEDED. */
  dailyApiLimit: z.number().int().positive().default(100_000),
  /** Delay added to each API call (benchmarks use ~80 ms to model the network). */
  latencyMs: z.number().int().min(0).default(0),
  /** Query page size (Salesforce: 2000; tests use small pages to exercise nextRecordsUrl). */
  queryPageSize: z.number().int().min(1).max(2000).default(2000),
  clientId: z.string().min(1).default("3MVG9sandbox.jortt.sync.client"),
  clientSecret: z.string().min(1).default("sandbox-client-secret"),
  /** The integration user (JWT `sub`, password grant). */
  username: z.string().min(1).default("integration@jortt-sync.sandbox"),
  password: z.string().min(1).default("sandbox-password"),
  /** Access-token lifetime. */
  sessionTtlMs: z
    .number()
    .int()
    .positive()
    .default(2 * 60 * 60 * 1000),
  /** Where the `<Object>/fields/*.field-meta.xml` files live (default: the repo's `salesforce/` project). */
  objectsDir: z.string().optional(),
  faults: faultSettingsSchema.optional(),
});
export type SandboxOptions = z.input<typeof sandboxOptionsSchema>;
export type ResolvedSandboxOptions = z.output<typeof sandboxOptionsSchema>;
