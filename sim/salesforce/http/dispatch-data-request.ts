import type { SandboxServices } from "../sandbox-services";
import { SalesforceApiError } from "./api-error";
import type { DataRequest } from "./data-request";
import { DATA_ROUTES } from "./data-routes";
import { findRoute, type Route, type RouteLookup } from "./route-table";
import type { SimResponse } from "./sim-response";

export function lookupDataRoute(request: Pick<DataRequest, "method" | "path">): RouteLookup {
  return findRoute(DATA_ROUTES, request.method, request.path.split("?")[0] ?? "");
}

export function routeNotFound(lookup: Extract<RouteLookup, { found: false }>, method: string): SalesforceApiError {
  if (lookup.allowedMethods.length > 0) {
    return SalesforceApiError.single(
      405,
      "METHOD_NOT_ALLOWED",
      `HTTP Method '${method}' not allowed. Allowed are ${[...new Set(lookup.allowedMethods)].join(",")}`,
    );
  }
  return SalesforceApiError.single(404, "NOT_FOUND", "The requested resource does not exist");
}

/** Runs a routed request and turns thrown API errors into their JSON array responses. */
export function runRoute(route: Route, params: string[], request: DataRequest, services: SandboxServices): SimResponse {
  try {
    return route.handle(request, { params }, services);
  } catch (error) {
    if (error instanceof SalesforceApiError) return { status: error.status, body: error.errors };
    throw error;
  }
}

/** Dispatch without auth, limits or faults: used for /composite subrequests. */
export function dispatchInternal(request: DataRequest, services: SandboxServices): SimResponse {
  const lookup = lookupDataRoute(request);
  if (!lookup.found) {
    const error = routeNotFound(lookup, request.method);
    return { status: error.status, body: error.errors };
  }
  return runRoute(lookup.route, lookup.match.params, request, services);
}
