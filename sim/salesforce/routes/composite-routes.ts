import { z } from "zod";
import { jsonParserError, SalesforceApiError } from "../http/api-error";
import type { DataRequest } from "../http/data-request";
import { lookupDataRoute } from "../http/dispatch-data-request";
import type { Route } from "../http/route-table";
import type { SimResponse } from "../http/sim-response";
import type { SandboxServices } from "../sandbox-services";
import { substituteInString, substituteReferences, UnresolvedReferenceError } from "./composite-references";
import { compositeTreeRoutes } from "./composite-tree-routes";

/**
 * `POST /composite` (reference §9.2): ≤ 25 subrequests run in order in one transaction, one API call;
 * `@{ref.field}` references; allOrNone rolls back and reports PROCESSING_HALTED for the others.
 */
const MAX_SUBREQUESTS = 25;
const MAX_QUERY_OR_COLLECTION_SUBREQUESTS = 5;

const compositeBodySchema = z.object({
  allOrNone: z.boolean().optional(),
  collateSubrequests: z.boolean().optional(),
  compositeRequest: z.array(
    z.object({
      method: z.string().min(1),
      url: z.string().min(1),
      referenceId: z.string().regex(/^[A-Za-z0-9_]+$/),
      body: z.unknown().optional(),
      httpHeaders: z.record(z.string(), z.string()).optional(),
    }),
  ),
});
type CompositeSubrequest = z.infer<typeof compositeBodySchema>["compositeRequest"][number];

interface SubResponse {
  body: unknown;
  httpHeaders: Record<string, string>;
  httpStatusCode: number;
  referenceId: string;
}

const HALTED_ROLLBACK = "The transaction was rolled back since another operation in the same transaction failed.";

function halted(referenceId: string, message: string): SubResponse {
  return {
    body: [{ errorCode: "PROCESSING_HALTED", message }],
    httpHeaders: {},
    httpStatusCode: 400,
    referenceId,
  };
}

function parseBody(request: DataRequest) {
  const parsed = compositeBodySchema.safeParse(request.body);
  if (!parsed.success) throw jsonParserError(`Invalid composite request: ${parsed.error.issues[0]?.message ?? ""}`);
  const subrequests = parsed.data.compositeRequest;
  if (subrequests.length > MAX_SUBREQUESTS) {
    throw SalesforceApiError.single(
      400,
      "INVALID_FIELD",
      `Composite request has ${subrequests.length} subrequests; the maximum is ${MAX_SUBREQUESTS}`,
    );
  }
  const ids = subrequests.map((sub) => sub.referenceId);
  if (new Set(ids).size !== ids.length) {
    throw SalesforceApiError.single(400, "INVALID_FIELD", "Duplicate referenceId provided in the request");
  }
  const heavy = subrequests.filter((sub) => /\/(query|queryAll|composite\/sobjects)(\/|\?|$)/.test(sub.url)).length;
  if (heavy > MAX_QUERY_OR_COLLECTION_SUBREQUESTS) {
    throw SalesforceApiError.single(
      400,
      "INVALID_FIELD",
      `A composite request may contain at most ${MAX_QUERY_OR_COLLECTION_SUBREQUESTS} sObject Collections or query subrequests`,
    );
  }
  return { allOrNone: parsed.data.allOrNone === true, subrequests };
}

/** Splits `/services/data/v62.0/sobjects/Account?x=1` into a DataRequest. */
function toDataRequest(
  sub: CompositeSubrequest,
  url: string,
  body: unknown,
  allOrNone: boolean,
): DataRequest | undefined {
  const match = /^\/services\/data\/v(\d+\.\d+)(\/[^?]*)?(?:\?(.*))?$/.exec(url);
  if (!match) return undefined;
  const headers = Object.fromEntries(
    Object.entries(sub.httpHeaders ?? {}).map(([key, value]) => [key.toLowerCase(), value]),
  );
  return {
    method: sub.method.toUpperCase(),
    version: match[1] ?? "",
    path: match[2] ?? "/",
    query: new URLSearchParams(match[3] ?? ""),
    headers,
    body,
    composite: { allOrNone },
  };
}

/** A collection subrequest whose records failed counts as failed when the composite is all-or-none. */
function subrequestFailed(response: SimResponse): boolean {
  if (response.status >= 400) return true;
  return (
    Array.isArray(response.body) && response.body.some((item) => (item as { success?: unknown })?.success === false)
  );
}

function runSubrequest(
  sub: CompositeSubrequest,
  results: Map<string, unknown>,
  allOrNone: boolean,
  services: SandboxServices,
): { response: SubResponse; failed: boolean } {
  let url: string;
  let body: unknown;
  try {
    url = String(substituteInString(sub.url, results, true));
    body = substituteReferences(sub.body, results);
  } catch (error) {
    if (error instanceof UnresolvedReferenceError)
      return { response: halted(sub.referenceId, error.message), failed: true };
    throw error;
  }
  const request = toDataRequest(sub, url, body, allOrNone);
  if (!request || !lookupDataRoute(request).found) {
    const notFound = [{ errorCode: "NOT_FOUND", message: "The requested resource does not exist" }];
    return {
      response: { body: notFound, httpHeaders: {}, httpStatusCode: 404, referenceId: sub.referenceId },
      failed: true,
    };
  }
  const result = services.dispatchInternal(request);
  if (result.status < 300) results.set(sub.referenceId, result.body);
  return {
    response: {
      body: result.body ?? null,
      httpHeaders: result.headers ?? {},
      httpStatusCode: result.status,
      referenceId: sub.referenceId,
    },
    failed: allOrNone ? subrequestFailed(result) : result.status >= 400,
  };
}

function composite(request: DataRequest, services: SandboxServices): SimResponse {
  const { allOrNone, subrequests } = parseBody(request);
  const results = new Map<string, unknown>();
  const responses: SubResponse[] = [];
  const savepoint = services.org.store.savepoint();
  try {
    for (const [index, sub] of subrequests.entries()) {
      const { response, failed } = runSubrequest(sub, results, allOrNone, services);
      responses.push(response);
      if (failed && allOrNone) {
        services.org.store.rollbackTo(savepoint);
        const rest = subrequests.slice(index + 1).map((later) => halted(later.referenceId, HALTED_ROLLBACK));
        const earlier = responses.slice(0, index).map((done) => halted(done.referenceId, HALTED_ROLLBACK));
        return { status: 200, body: { compositeResponse: [...earlier, response, ...rest] } };
      }
    }
    return { status: 200, body: { compositeResponse: responses } };
  } catch (error) {
    services.org.store.rollbackTo(savepoint);
    throw error;
  } finally {
    services.org.store.release(savepoint);
  }
}

export const compositeRoutes: Route[] = [
  { method: "POST", pattern: /^\/composite\/?$/, kind: "composite", handle: (r, _m, s) => composite(r, s) },
  ...compositeTreeRoutes,
];
