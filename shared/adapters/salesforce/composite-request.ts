import { z } from "zod";
import type { SyncError } from "../../errors/sync-error";
import { classifyRecordErrors, type RecordErrorDetail, salesforceError } from "./classify-salesforce-error";
import type { SalesforceHttp } from "./salesforce-http";

/** Composite limits (reference §9.2): 25 subrequests, of which 5 collections or query operations. */
export const MAX_COMPOSITE_SUBREQUESTS = 25;
export const MAX_COMPOSITE_COLLECTION_OR_QUERY = 5;

export interface CompositeSubrequest {
  method: "GET" | "POST" | "PATCH" | "PUT" | "DELETE";
  /** `/sobjects/…` (prefixed with the versioned data path) or a full `/services/data/vXX.X/…` path. */
  url: string;
  /** Letters, digits and underscores; later subrequests may use `@{referenceId.id}`. */
  referenceId: string;
  body?: unknown;
  httpHeaders?: Record<string, string>;
}

export type CompositeSubresult =
  | { referenceId: string; ok: true; httpStatusCode: number; body: unknown }
  | { referenceId: string; ok: false; httpStatusCode: number; body: unknown; error: SyncError };

export interface CompositeOptions {
  allOrNone: boolean;
  /** Re-send the whole request on transient failures: only when every subrequest is idempotent (upserts, GETs). */
  idempotent?: boolean;
}

const CompositeResponseSchema = z.looseObject({
  compositeResponse: z.array(
    z.looseObject({
      body: z.unknown(),
      httpHeaders: z.record(z.string(), z.unknown()).optional(),
      httpStatusCode: z.number(),
      referenceId: z.string(),
    }),
  ),
});

const REFERENCE_ID = /^[A-Za-z][A-Za-z0-9_]{0,79}$/;

/**
 * `POST /composite` (one API call for up to 25 subrequests). Salesforce answers HTTP 200 even when
 * subrequests failed, so every `httpStatusCode` is checked and each failure becomes a typed
 * SyncError (PROCESSING_HALTED marks collateral failures under allOrNone).
 */
export async function compositeRequest(
  http: SalesforceHttp,
  apiVersion: string,
  subrequests: readonly CompositeSubrequest[],
  options: CompositeOptions,
): Promise<CompositeSubresult[]> {
  assertCompositeLimits(subrequests);
  const body = {
    allOrNone: options.allOrNone,
    compositeRequest: subrequests.map((sub) => ({ ...sub, url: versionedUrl(sub.url, apiVersion) })),
  };
  const request = { method: "POST" as const, path: "/composite", body };
  const raw = options.idempotent
    ? await http.sendWithRetry<unknown>(request, { scope: "call" })
    : await http.send<unknown>(request, { scope: "call" });
  const parsed = CompositeResponseSchema.safeParse(raw);
  if (!parsed.success || parsed.data.compositeResponse.length !== subrequests.length) {
    throw salesforceError(
      "UNEXPECTED_RESPONSE",
      { scope: "call" },
      { detail: "composite answer does not match the request" },
    );
  }
  return parsed.data.compositeResponse.map(({ body: subBody, httpStatusCode, referenceId }) => {
    if (httpStatusCode < 300) return { referenceId, ok: true, httpStatusCode, body: subBody };
    const error = classifyRecordErrors(subrequestErrors(subBody, httpStatusCode), {
      scope: "record",
      recordKey: referenceId,
    });
    return { referenceId, ok: false, httpStatusCode, body: subBody, error };
  });
}

/** Throws SUBREQUEST_LIMIT (configuration: a caller bug) before anything is sent. */
export function assertCompositeLimits(subrequests: readonly CompositeSubrequest[]): void {
  const fail = (detail: string) => {
    throw salesforceError("SUBREQUEST_LIMIT", { scope: "call" }, { detail });
  };
  if (subrequests.length === 0) fail("no subrequests");
  if (subrequests.length > MAX_COMPOSITE_SUBREQUESTS) {
    fail(`${subrequests.length} subrequests (max ${MAX_COMPOSITE_SUBREQUESTS})`);
  }
  const heavy = subrequests.filter((sub) => /\/(composite\/sobjects|query|queryAll)\b/.test(sub.url)).length;
  if (heavy > MAX_COMPOSITE_COLLECTION_OR_QUERY) {
    fail(`${heavy} collections/query subrequests (max ${MAX_COMPOSITE_COLLECTION_OR_QUERY})`);
  }
  const ids = new Set<string>();
  for (const { referenceId } of subrequests) {
    if (!REFERENCE_ID.test(referenceId)) fail(`invalid referenceId ${JSON.stringify(referenceId)}`);
    if (ids.has(referenceId)) fail(`duplicate referenceId ${referenceId}`);
    ids.add(referenceId);
  }
}

function versionedUrl(url: string, apiVersion: string): string {
  return url.startsWith("/services/") ? url : `/services/data/v${apiVersion}${url.startsWith("/") ? "" : "/"}${url}`;
}

/** A failed subrequest's body is the usual REST error array `[{errorCode, message, fields}]`. */
function subrequestErrors(body: unknown, status: number): RecordErrorDetail[] {
  // 300: an upsert by external id matched several records; the body lists their URLs.
  if (status === 300) return [{ errorCode: "MULTIPLE_CHOICES", message: "Multiple records found" }];
  if (Array.isArray(body)) {
    const errors = body.filter((e): e is RecordErrorDetail => typeof e === "object" && e !== null);
    if (errors.length > 0) return errors;
  }
  return [{ errorCode: `ERROR_HTTP_${status}`, message: typeof body === "string" ? body : "" }];
}
