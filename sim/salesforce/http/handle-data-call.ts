import type { SandboxServices } from "../sandbox-services";
import { SalesforceApiError } from "./api-error";
import type { DataRequest } from "./data-request";
import { lookupDataRoute, routeNotFound, runRoute } from "./dispatch-data-request";
import type { SimResponse } from "./sim-response";

/**
 * One authenticated REST call: bearer check (401), daily allocation (403), injected call faults,
 * API-call counting, then the route. Every answer but a 401 carries `Sforce-Limit-Info`.
 */
const INVALID_SESSION: SimResponse = {
  status: 401,
  body: [{ message: "Session expired or invalid", errorCode: "INVALID_SESSION_ID" }],
};

export function bearerToken(authorization: string | undefined): string | undefined {
  const match = /^(?:Bearer|OAuth)\s+(.+)$/i.exec(authorization ?? "");
  return match?.[1]?.trim();
}

function withLimitHeader(response: SimResponse, services: SandboxServices): SimResponse {
  return { ...response, headers: { ...(response.headers ?? {}), "Sforce-Limit-Info": services.usage.header() } };
}

function errorResponse(error: SalesforceApiError): SimResponse {
  return { status: error.status, body: error.errors };
}

export function handleDataCall(request: DataRequest, services: SandboxServices): SimResponse {
  const token = bearerToken(request.headers.authorization);
  if (!token || !services.sessions.isValid(token)) return INVALID_SESSION;
  const lookup = lookupDataRoute(request);
  if (!lookup.found) return withLimitHeader(errorResponse(routeNotFound(lookup, request.method)), services);
  const { route } = lookup;
  if (services.usage.isExhausted()) {
    return withLimitHeader(
      errorResponse(SalesforceApiError.single(403, "REQUEST_LIMIT_EXCEEDED", "TotalRequests Limit exceeded.")),
      services,
    );
  }
  const fault = services.faults.callFault(route.kind);
  if (fault === "sessionExpired") {
    services.sessions.revoke(token);
    return INVALID_SESSION;
  }
  if (fault === "requestLimit") {
    return withLimitHeader(
      errorResponse(
        SalesforceApiError.single(403, "REQUEST_LIMIT_EXCEEDED", "ConcurrentPerOrgLongTxn Limit exceeded."),
      ),
      services,
    );
  }
  if (fault === "serverUnavailable") {
    return withLimitHeader(
      errorResponse(
        SalesforceApiError.single(503, "SERVER_UNAVAILABLE", "Server temporarily unavailable, please retry"),
      ),
      services,
    );
  }
  services.usage.record(route.kind);
  return withLimitHeader(runRoute(route, lookup.match.params, request, services), services);
}
