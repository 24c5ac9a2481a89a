import { SalesforceApiError } from "../http/api-error";
import { type DataRequest, dataPath } from "../http/data-request";
import type { Route } from "../http/route-table";
import type { SimResponse } from "../http/sim-response";
import type { SandboxServices } from "../sandbox-services";
import { malformedQuery } from "../soql/soql-errors";
import { evaluateSoql } from "../soql/soql-evaluator";
import { parseSoql } from "../soql/soql-parser";

/** `GET /query?q=` and `/queryAll?q=`, paged; `GET /query/{cursor}-{offset}` serves the next pages. */
function pageSize(request: DataRequest, services: SandboxServices): number {
  const options = request.headers["sforce-query-options"] ?? "";
  const match = /batchSize\s*=\s*(\d+)/i.exec(options);
  const requested = match ? Math.min(2000, Math.max(200, Number(match[1]))) : 2000;
  return Math.max(1, Math.min(services.settings.queryPageSize, requested));
}

function page(
  request: DataRequest,
  services: SandboxServices,
  records: Array<Record<string, unknown>>,
  totalSize: number,
  offset: number,
  cursor: string | undefined,
): SimResponse {
  const size = pageSize(request, services);
  const slice = records.slice(offset, offset + size);
  const nextOffset = offset + slice.length;
  if (nextOffset >= records.length) return { status: 200, body: { totalSize, done: true, records: slice } };
  const cursorId = cursor ?? services.cursors.create(records, totalSize);
  return {
    status: 200,
    body: {
      totalSize,
      done: false,
      nextRecordsUrl: dataPath(request.version, `/query/${cursorId}-${nextOffset}`),
      records: slice,
    },
  };
}

function runQuery(request: DataRequest, services: SandboxServices, includeDeleted: boolean): SimResponse {
  const soql = request.query.get("q");
  if (soql === null || soql.trim() === "") {
    throw SalesforceApiError.single(400, "MALFORMED_QUERY", "A query string has to be specified");
  }
  const query = parseSoql(soql);
  const result = evaluateSoql(query, {
    schema: services.org.schema,
    store: services.org.store,
    soql,
    version: request.version,
    includeDeleted,
  });
  return page(request, services, result.records, result.totalSize, 0, undefined);
}

function queryMore(request: DataRequest, locator: string, services: SandboxServices): SimResponse {
  const match = /^(.+)-(\d+)$/.exec(locator);
  const cursor = match?.[1] ? services.cursors.get(match[1]) : undefined;
  if (!match?.[1] || !cursor) {
    throw SalesforceApiError.single(400, "INVALID_QUERY_LOCATOR", "invalid query locator");
  }
  const offset = Number(match[2]);
  if (offset > cursor.records.length) throw malformedQuery(locator, 1, "query locator offset out of range");
  return page(request, services, cursor.records, cursor.totalSize, offset, match[1]);
}

export const queryRoutes: Route[] = [
  { method: "GET", pattern: /^\/query\/?$/, kind: "query", handle: (r, _m, s) => runQuery(r, s, false) },
  { method: "GET", pattern: /^\/queryAll\/?$/, kind: "query", handle: (r, _m, s) => runQuery(r, s, true) },
  {
    method: "GET",
    pattern: /^\/query(?:All)?\/([^/]+)$/,
    kind: "query",
    handle: (r, { params }, s) => queryMore(r, params[0] ?? "", s),
  },
];
