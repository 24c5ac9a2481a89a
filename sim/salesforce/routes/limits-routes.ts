import { dataPath } from "../http/data-request";
import type { Route } from "../http/route-table";

/** `GET /limits` (DailyApiRequests mirrors Sforce-Limit-Info) and the version's resource list. */
export const limitsRoutes: Route[] = [
  {
    method: "GET",
    pattern: /^\/limits\/?$/,
    kind: "limits",
    handle: (_request, _match, services) => {
      const { total, dailyLimit } = services.usage.stats();
      return {
        status: 200,
        body: {
          ConcurrentAsyncGetReportInstances: { Max: 200, Remaining: 200 },
          DailyApiRequests: { Max: dailyLimit, Remaining: Math.max(0, dailyLimit - total) },
          DailyBulkV2QueryJobs: { Max: 10000, Remaining: 10000 },
          DataStorageMB: { Max: 1024, Remaining: 1024 },
        },
      };
    },
  },
  {
    method: "GET",
    pattern: /^\/?$/,
    kind: "other",
    handle: (request) => ({
      status: 200,
      body: Object.fromEntries(
        ["sobjects", "query", "queryAll", "composite", "limits"].map((name) => [
          name,
          dataPath(request.version, `/${name}`),
        ]),
      ),
    }),
  },
];
