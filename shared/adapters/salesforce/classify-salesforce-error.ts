import { isSyncError, SyncError } from "../../errors/sync-error";
import {
  type ErrorCodePolicy,
  NETWORK_ERROR_CODES,
  SALESFORCE_ERROR_CODES,
  TRANSIENT_HTTP_STATUSES,
} from "./error-codes";
import { redactMessage } from "./redact-message";

/** Where the error happened: a whole call (HTTP error) or one record of a Collections call. */
export type ErrorScope = "call" | "record";

export interface ErrorContext {
  scope: ErrorScope;
  /** sObject type the call or record is about. */
  object?: string;
  recordKey?: string;
}

/** One per-record error of a Collections / composite result (`statusCode`; jsforce's types say `errorCode`). */
export interface RecordErrorDetail {
  statusCode?: string;
  errorCode?: string;
  message?: string;
  fields?: string[];
}

/** Codes that only say "another record failed": never the cause to report when a real one exists. */
const COLLATERAL_CODES = new Set(["ALL_OR_NONE_OPERATION_ROLLED_BACK", "PROCESSING_HALTED"]);
const REFRESH_FAILURE_PREFIX = "Unable to refresh session due to:";
const OAUTH_ERROR_NAME = /^(?:[a-z][a-z_]*|ERROR_HTTP_\d{3})$/;
const HTTP_STATUS_CODE = /^ERROR_HTTP_(\d{3})$/;

/** The client's policy for a code in a scope (unknown codes: data per record, configuration per call). */
export function policyFor(code: string, scope: ErrorScope): ErrorCodePolicy {
  const known = SALESFORCE_ERROR_CODES[code];
  if (known) return known;
  if (NETWORK_ERROR_CODES.has(code)) return SALESFORCE_ERROR_CODES.NETWORK_ERROR as ErrorCodePolicy;
  const status = httpStatusOf(code);
  if (status !== undefined && TRANSIENT_HTTP_STATUSES.has(status)) {
    return SALESFORCE_ERROR_CODES.SERVER_UNAVAILABLE as ErrorCodePolicy;
  }
  if (status === 401) return SALESFORCE_ERROR_CODES.INVALID_SESSION_ID as ErrorCodePolicy;
  if (status === 404) return SALESFORCE_ERROR_CODES.NOT_FOUND as ErrorCodePolicy;
  if (scope === "record") {
    return {
      errorClass: "data",
      retry: "never",
      hint: "Salesforce rejected the record; see the message.",
      showMessage: true,
    };
  }
  return {
    errorClass: "configuration",
    retry: "never",
    hint: "Salesforce rejected the request with an unexpected error; see the message.",
    showMessage: true,
  };
}

/** Maps whatever jsforce, node-fetch or Salesforce threw to a SyncError (SyncErrors pass through). */
export function classifySalesforceError(error: unknown, context: ErrorContext): SyncError {
  if (isSyncError(error)) return error;
  if (isRefreshFailure(error)) return refreshFailure(error, context);
  const apiError = asHttpApiError(error);
  if (apiError) return fromHttpApiError(apiError, context);
  const networkCode = networkCodeOf(error);
  if (networkCode) {
    return salesforceError(networkCode, context, { detail: "network error", cause: error });
  }
  if (isTimeout(error)) return salesforceError("TIMEOUT", context, { detail: "request timed out", cause: error });
  if (error instanceof Error && !("errorCode" in error) && OAUTH_ERROR_NAME.test(error.name)) {
    return salesforceError(error.name, context, { salesforceMessage: error.message, status: httpStatusOf(error.name) });
  }
  const message = error instanceof Error ? error.message : String(error);
  return salesforceError("UNEXPECTED_ERROR", context, { salesforceMessage: message, cause: error });
}

/** Per-record errors of one Collections result → one SyncError for the record (the real cause first). */
export function classifyRecordErrors(errors: readonly RecordErrorDetail[], context: ErrorContext): SyncError {
  const primary = errors.find((e) => !COLLATERAL_CODES.has(codeOfDetail(e))) ?? errors[0];
  if (!primary) return salesforceError("UNEXPECTED_RESPONSE", context, { detail: "a failed record carried no error" });
  return salesforceError(codeOfDetail(primary), context, {
    salesforceMessage: primary.message,
    fields: primary.fields,
  });
}

function codeOfDetail(detail: RecordErrorDetail): string {
  return detail.statusCode ?? detail.errorCode ?? "UNKNOWN_ERROR";
}

interface HttpApiErrorLike {
  errorCode: string;
  message: string;
  data?: unknown;
}

function asHttpApiError(error: unknown): HttpApiErrorLike | undefined {
  // HttpApiError is not exported by jsforce: recognise it by shape (reference §1.1).
  if (!(error instanceof Error)) return undefined;
  const errorCode = (error as { errorCode?: unknown }).errorCode;
  if (typeof errorCode !== "string") return undefined;
  return { errorCode, message: error.message, data: (error as { data?: unknown }).data };
}

function fromHttpApiError(error: HttpApiErrorLike, context: ErrorContext): SyncError {
  if (error.errorCode === "MULTIPLE_API_ERRORS" && Array.isArray(error.data)) {
    return classifyRecordErrors(error.data as RecordErrorDetail[], context);
  }
  const fields = fieldsOf(error.data);
  const status = httpStatusOf(error.errorCode);
  const salesforceMessage = status === undefined ? error.message : summariseBody(error.message);
  return salesforceError(error.errorCode, context, { salesforceMessage, fields, status });
}

/** jsforce wraps every refreshFn failure in a plain Error with this prefix (reference §3.5). */
export function isRefreshFailure(error: unknown): error is Error {
  return error instanceof Error && error.message.startsWith(REFRESH_FAILURE_PREFIX);
}

function refreshFailure(error: Error, context: ErrorContext): SyncError {
  const original = (error as { cause?: unknown }).cause;
  if (original !== undefined) return classifySalesforceError(original, context);
  const inner = error.message.slice(REFRESH_FAILURE_PREFIX.length).trim();
  if (/no refresh token/i.test(inner))
    return salesforceError("INVALID_SESSION_ID", context, { salesforceMessage: inner });
  return salesforceError("INVALID_SESSION_ID", context, { salesforceMessage: inner, cause: error });
}

function networkCodeOf(error: unknown): string | undefined {
  if (typeof error !== "object" || error === null) return undefined;
  const direct = (error as { code?: unknown }).code;
  if (typeof direct === "string" && NETWORK_ERROR_CODES.has(direct)) return direct;
  const cause = (error as { cause?: { code?: unknown } }).cause;
  const nested = cause && typeof cause === "object" ? cause.code : undefined;
  if (typeof nested === "string" && NETWORK_ERROR_CODES.has(nested)) return nested;
  if ((error as { name?: unknown }).name === "FetchError" && (error as { type?: unknown }).type === "system") {
    return "NETWORK_ERROR";
  }
  return undefined;
}

function isTimeout(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  return (
    error.name === "AbortError" ||
    error.name === "TimeoutError" ||
    (error as { type?: unknown }).type === "request-timeout"
  );
}

function httpStatusOf(code: string): number | undefined {
  const match = HTTP_STATUS_CODE.exec(code);
  return match ? Number(match[1]) : undefined;
}

function fieldsOf(data: unknown): string[] | undefined {
  if (typeof data !== "object" || data === null) return undefined;
  const fields = (data as { fields?: unknown }).fields;
  return Array.isArray(fields) && fields.every((f) => typeof f === "string") ? fields : undefined;
}

/** HTML maintenance pages and raw JSON bodies are summarised, not echoed. */
function summariseBody(body: string): string {
  return /<html|<!doctype/i.test(body) ? "HTML error page" : body;
}

export interface ErrorDetails {
  /** Salesforce's own message: shown (redacted) only for codes whose policy allows it. */
  salesforceMessage?: string | undefined;
  /** A short text of ours, shown otherwise. */
  detail?: string;
  fields?: readonly string[] | undefined;
  status?: number | undefined;
  cause?: unknown;
}

/** Builds the SyncError for a known code (also used for checks this client makes before sending). */
export function salesforceError(code: string, context: ErrorContext, details: ErrorDetails): SyncError {
  const policy = policyFor(code, context.scope);
  const field = details.fields?.length ? details.fields.join(", ") : fieldFromMessage(details.salesforceMessage);
  const object = context.object ?? objectFromMessage(details.salesforceMessage);
  const shown =
    policy.showMessage && details.salesforceMessage ? redactMessage(details.salesforceMessage) : details.detail;
  const where = [object ? ` on ${object}` : "", field ? ` (field ${field})` : ""].join("");
  return new SyncError(`Salesforce ${code}${where}${shown ? `: ${shown}` : ""}`, {
    code,
    errorClass: policy.errorClass,
    source: "salesforce",
    hint: policy.hint.replaceAll("{field}", field ?? "(not named)").replaceAll("{object}", object ?? "(not named)"),
    ...(context.recordKey === undefined ? {} : { recordKey: context.recordKey }),
    ...(field === undefined ? {} : { field }),
    ...(details.status === undefined ? {} : { status: details.status }),
    // Only transport errors keep their cause: Salesforce messages may echo record values (GDPR).
    ...(details.cause === undefined ? {} : { cause: details.cause }),
  });
}

function fieldFromMessage(message: string | undefined): string | undefined {
  if (!message) return undefined;
  return (
    /No such column '([^']+)'/.exec(message)?.[1] ??
    /external ID field does not exist or is not accessible: ([A-Za-z0-9_]+)/i.exec(message)?.[1]
  );
}

function objectFromMessage(message: string | undefined): string | undefined {
  if (!message) return undefined;
  return (
    /on (?:entity|sobject of type) '?([A-Za-z0-9_]+)/.exec(message)?.[1] ??
    /sObject type '([A-Za-z0-9_]+)' is not supported/.exec(message)?.[1]
  );
}
