import {
  type JorttErrorBody,
  type JorttErrorDetail,
  JorttErrorEnvelopeSchema,
} from "../../domain/jortt/error-envelope-schema";
import { type ErrorClass, SyncError } from "../../errors/sync-error";

/**
 * A failed Jortt call, classified for the pipeline (reference/jortt-api.md §8). Carries Jortt's
 * error `key` and `details` (parameter names and reasons only). It never contains the access
 * token, the client secret, request bodies or query strings (a `query` may hold a name).
 */
export class JorttApiError extends SyncError {
  /** Jortt's stable error key (`params.invalid`, `request.throttled`, …) when the body had one. */
  readonly jorttKey: string | undefined;
  readonly details: ReadonlyArray<JorttErrorDetail>;
  /** `METHOD /path` (no query string). */
  readonly request: string;

  constructor(
    message: string,
    options: ConstructorParameters<typeof SyncError>[1] & {
      jorttKey?: string;
      details?: ReadonlyArray<JorttErrorDetail>;
      request: string;
    },
  ) {
    super(message, options);
    this.name = "JorttApiError";
    this.jorttKey = options.jorttKey;
    this.details = options.details ?? [];
    this.request = options.request;
  }

  override toJSON(): Record<string, unknown> {
    return {
      ...super.toJSON(),
      jorttKey: this.jorttKey,
      details: this.details.map((detail) => ({ key: detail.key, param: detail.param, message: detail.message })),
      request: this.request,
    };
  }
}

export function isJorttApiError(error: unknown): error is JorttApiError {
  return error instanceof JorttApiError;
}

/** True for a 404 `resource.not_found` (an unknown but well-formed id). */
export function isJorttNotFound(error: unknown): boolean {
  return isJorttApiError(error) && error.status === 404 && error.jorttKey !== "endpoint.not_found";
}

/** The 401 keys that a fresh token can cure: re-authenticate once, then give up. */
export const REAUTH_ERROR_KEYS: ReadonlySet<string> = new Set(["access_token.expired", "access_token.invalid"]);

/** Reads a Jortt error body if the text is one; gateway errors are HTML (§8, §13.11). */
export function parseJorttErrorBody(text: string): JorttErrorBody | undefined {
  const trimmed = text.trimStart();
  if (!trimmed.startsWith("{")) return undefined;
  try {
    const parsed = JorttErrorEnvelopeSchema.safeParse(JSON.parse(trimmed));
    return parsed.success ? parsed.data.error : undefined;
  } catch {
    return undefined;
  }
}

interface Classification {
  errorClass: ErrorClass;
  hint?: string;
}

const CONFIGURATION_HINTS: Record<string, string> = {
  "access_token.invalid":
    "Jortt rejected the access token even after re-authenticating: check JORTT_CLIENT_ID/JORTT_CLIENT_SECRET and that the app is still registered.",
  "access_token.expired":
    "Jortt kept reporting an expired token after a fresh one was requested: check the clock and token URL.",
  "access_token.revoked": "The Jortt app's access was revoked: re-register the client credentials app in Jortt.",
  "scopes.insufficient":
    "The Jortt app lacks a scope this call needs: register it with customers:read invoices:read (plus customers:write invoices:write for Salesforce → Jortt) and request those scopes.",
  "organization.requires_mkb_plan":
    "The Jortt API needs the MKB or Plus plan: upgrade the Jortt subscription (re-authenticating will not help).",
  "organization.non_existing": "The Jortt administration of these credentials no longer exists: check the credentials.",
  "endpoint.not_found": "Jortt has no such endpoint: check JORTT_API_URL (default https://api.jortt.nl).",
  "resource.method_not_allowed": "Jortt does not allow this method here: the client and the API disagree (report it).",
};

function classify(status: number, key: string | undefined): Classification {
  if (key !== undefined && CONFIGURATION_HINTS[key] !== undefined && key !== "endpoint.not_found") {
    return { errorClass: "configuration", hint: CONFIGURATION_HINTS[key] };
  }
  if (status === 401 || status === 403) {
    return {
      errorClass: "configuration",
      hint: "Jortt refused the credentials: check the client id, secret and scopes.",
    };
  }
  if (status === 404) {
    return key === "endpoint.not_found" || key === undefined
      ? { errorClass: "configuration", hint: CONFIGURATION_HINTS["endpoint.not_found"] }
      : { errorClass: "data", hint: "The record does not exist in Jortt (deleted, or a wrong id)." };
  }
  if (status === 405) return { errorClass: "configuration", hint: CONFIGURATION_HINTS["resource.method_not_allowed"] };
  // 409 is a concurrent modification: trying again later is the fix.
  if (status === 409 || status === 408 || status === 429 || status >= 500) return { errorClass: "transient" };
  if (status === 422 && key === "operation.year_closed") {
    return { errorClass: "data", hint: "The financial year of this invoice is closed in Jortt." };
  }
  if (status === 422 || status === 400) {
    return { errorClass: "data", hint: "Jortt rejected the record's data; see details for the parameters." };
  }
  return { errorClass: "configuration", hint: `Unexpected HTTP ${status} from Jortt.` };
}

function describeDetails(details: ReadonlyArray<JorttErrorDetail>): string {
  if (details.length === 0) return "";
  const parts = details.slice(0, 5).map((d) => `${d.param ?? "?"} ${d.message ?? d.key}`);
  return ` [${parts.join(", ")}${details.length > 5 ? ", …" : ""}]`;
}

/** Turns a non-2xx response into a classified `JorttApiError`. */
export function jorttHttpError(
  request: string,
  status: number,
  bodyText: string,
  context: { recordKey?: string } = {},
): JorttApiError {
  const body = parseJorttErrorBody(bodyText);
  const key = body?.key;
  const { errorClass, hint } = classify(status, key);
  const what = key
    ? `${key}${body?.message ? `: ${body.message}` : ""}`
    : bodyText.trimStart().startsWith("<")
      ? "non-JSON (HTML) error page"
      : "no Jortt error body";
  return new JorttApiError(
    `Jortt ${request} failed with HTTP ${status} (${what})${describeDetails(body?.details ?? [])}`,
    {
      code: key ?? `http.${status}`,
      errorClass,
      source: "jortt",
      status,
      hint,
      jorttKey: key,
      details: body?.details ?? [],
      request,
      recordKey: context.recordKey,
    },
  );
}

/** A request that got no HTTP response (refused, reset, DNS, timeout). Always transient. */
export function jorttNetworkError(request: string, cause: unknown): JorttApiError {
  // DOMException (AbortSignal.timeout) is not always `instanceof Error` across realms: check the name.
  const name = typeof cause === "object" && cause !== null ? (cause as { name?: unknown }).name : undefined;
  const timedOut = name === "TimeoutError" || name === "AbortError";
  const code = networkErrorCode(cause);
  return new JorttApiError(
    `Jortt ${request} ${timedOut ? "timed out" : `failed without a response${code ? ` (${code})` : ""}`}`,
    {
      code: timedOut ? "network.timeout" : "network.error",
      errorClass: "transient",
      source: "jortt",
      hint: "Jortt or the network is unreachable; the run will retry.",
      request,
      cause,
    },
  );
}

/** The system error code under undici's `TypeError: fetch failed` (ECONNREFUSED, ECONNRESET…). */
export function networkErrorCode(cause: unknown): string | undefined {
  let current: unknown = cause;
  for (let depth = 0; depth < 4 && current instanceof Error; depth += 1) {
    const code = (current as Error & { code?: unknown }).code;
    if (typeof code === "string") return code;
    current = current.cause;
  }
  return undefined;
}

/** A 2xx response whose body is not the JSON we expect (a proxy page, a truncated body). */
export function jorttInvalidResponseError(request: string, status: number, reason: string): JorttApiError {
  return new JorttApiError(`Jortt ${request} returned HTTP ${status} with an unexpected body: ${reason}`, {
    code: "response.invalid",
    errorClass: "transient",
    source: "jortt",
    status,
    hint: "Jortt (or a proxy in between) answered with an unexpected body; the run will retry.",
    request,
  });
}
