import type { ApiCallKind } from "../faults/fault-settings";
import type { SandboxServices } from "../sandbox-services";
import type { DataRequest } from "./data-request";
import type { SimResponse } from "./sim-response";

export interface RouteMatch {
  /** Raw (still encoded) captured path segments. */
  params: string[];
}

export interface Route {
  method: string;
  pattern: RegExp;
  kind: ApiCallKind;
  handle(request: DataRequest, match: RouteMatch, services: SandboxServices): SimResponse;
}

export type RouteLookup = { found: true; route: Route; match: RouteMatch } | { found: false; allowedMethods: string[] };

/** Finds the route for a method and path; reports the allowed methods when only the method is wrong. */
export function findRoute(routes: Route[], method: string, path: string): RouteLookup {
  const allowed: string[] = [];
  for (const route of routes) {
    const result = route.pattern.exec(path);
    if (!result) continue;
    if (route.method === method) return { found: true, route, match: { params: result.slice(1).map((p) => p ?? "") } };
    allowed.push(route.method);
  }
  return { found: false, allowedMethods: allowed };
}
