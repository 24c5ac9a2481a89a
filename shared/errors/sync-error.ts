/**
 * The one error vocabulary of the pipeline. Every adapter turns what it catches into a SyncError
 * whose `errorClass` drives the failure policy:
 * - transient:     retry with backoff (in the invocation where cheap, else SQS redelivery)
 * - rate-limit:    stop taking work, keep messages queued, resume on the next schedule
 * - data:          this record only is bad: dead-letter it with the reason, the batch goes on
 * - configuration: stop the run before more records move, alert a person with the fix
 */
export type ErrorClass = "transient" | "rate-limit" | "data" | "configuration";

export interface SyncErrorOptions {
  /** Stable machine code, e.g. Salesforce `UNABLE_TO_LOCK_ROW` or Jortt `request.throttled`. */
  code: string;
  errorClass: ErrorClass;
  /** Which system raised it. */
  source: "jortt" | "salesforce" | "aws" | "mapping" | "config" | "pipeline";
  /** What a person should do next. */
  hint?: string;
  /** Record key (`customer:<id>`, `invoice:<id>`, `order:<id>`) when the error belongs to one record. */
  recordKey?: string;
  /** Field path when the error is about one field. */
  field?: string;
  /** HTTP status when there was one. */
  status?: number;
  cause?: unknown;
}

export class SyncError extends Error {
  readonly code: string;
  readonly errorClass: ErrorClass;
  readonly source: SyncErrorOptions["source"];
  readonly hint: string | undefined;
  readonly recordKey: string | undefined;
  readonly field: string | undefined;
  readonly status: number | undefined;

  constructor(message: string, options: SyncErrorOptions) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "SyncError";
    this.code = options.code;
    this.errorClass = options.errorClass;
    this.source = options.source;
    this.hint = options.hint;
    this.recordKey = options.recordKey;
    this.field = options.field;
    this.status = options.status;
  }

  get retryable(): boolean {
    return this.errorClass === "transient";
  }

  /** A log- and DLQ-safe summary: no cause chain, no payloads, no secrets. */
  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      message: this.message,
      code: this.code,
      errorClass: this.errorClass,
      source: this.source,
      hint: this.hint,
      recordKey: this.recordKey,
      field: this.field,
      status: this.status,
    };
  }
}

export function isSyncError(error: unknown): error is SyncError {
  return error instanceof SyncError;
}
