import { z } from "zod";
import { faultSettingsSchema } from "../faults/fault-settings";
import type { SimResponse } from "../http/sim-response";
import type { SandboxController } from "./sandbox-controller";

/**
 * Test-only HTTP control surface under `/__control/…` (no auth, no API calls counted):
 *   GET  /__control/state                      summary (mode, page size, API calls, record counts)
 *   GET  /__control/records/{type}             dump live records of an object
 *   POST /__control/records/{type}             {records:[…]} insert through the normal rules
 *   GET  /__control/api-calls                  {total, writes, byKind, dailyLimit}
 *   POST /__control/api-calls/reset
 *   POST /__control/reset                      empty org + counters + faults
 *   PUT  /__control/faults                     FaultSettings (merge); DELETE clears
 *   PUT  /__control/limits                     {dailyApiLimit?, used?}
 *   PUT  /__control/person-accounts            {enabled} (rebuilds schema, empties org)
 *   PUT  /__control/query-page-size            {size}
 *   PUT  /__control/latency                    {ms}
 *   POST /__control/expire-sessions
 *   POST /__control/refresh-token              → {refresh_token}
 *   GET  /__control/custom-fields
 * POST is accepted wherever PUT is.
 */
const limitsSchema = z.object({
  dailyApiLimit: z.number().int().positive().optional(),
  used: z.number().int().min(0).optional(),
});
const personAccountsSchema = z.object({ enabled: z.boolean() });
const pageSizeSchema = z.object({ size: z.number().int().min(1).max(2000) });
const latencySchema = z.object({ ms: z.number().int().min(0) });
const insertSchema = z.object({ records: z.array(z.record(z.string(), z.unknown())) });

function ok(body: unknown = { ok: true }): SimResponse {
  return { status: 200, body };
}

function badRequest(message: string): SimResponse {
  return { status: 400, body: [{ errorCode: "INVALID_CONTROL_REQUEST", message }] };
}

export function handleControlRequest(
  method: string,
  path: string,
  body: unknown,
  controller: SandboxController,
): SimResponse {
  const route = path.replace(/^\/__control\/?/, "").replace(/\/$/, "");
  const write = method === "PUT" || method === "POST";
  try {
    const records = /^records\/([^/]+)$/.exec(route);
    if (records?.[1] && method === "GET") return ok(controller.records(decodeURIComponent(records[1])));
    if (records?.[1] && method === "POST") {
      return ok(controller.insertRecords(decodeURIComponent(records[1]), insertSchema.parse(body).records));
    }
    if (route === "state" && method === "GET") return ok(controller.state());
    if (route === "api-calls" && method === "GET") return ok(controller.apiCalls());
    if (route === "api-calls/reset" && method === "POST") {
      controller.resetApiCalls();
      return ok();
    }
    if (route === "reset" && method === "POST") {
      controller.reset();
      return ok();
    }
    if (route === "faults" && write) {
      controller.setFaults(faultSettingsSchema.parse(body));
      return ok();
    }
    if (route === "faults" && method === "DELETE") {
      controller.clearFaults();
      return ok();
    }
    if (route === "limits" && write) {
      const { dailyApiLimit, used } = limitsSchema.parse(body);
      controller.setDailyApiLimit(dailyApiLimit ?? controller.apiCalls().dailyLimit, used);
      return ok();
    }
    if (route === "person-accounts" && write) {
      controller.setPersonAccounts(personAccountsSchema.parse(body).enabled);
      return ok();
    }
    if (route === "query-page-size" && write) {
      controller.setQueryPageSize(pageSizeSchema.parse(body).size);
      return ok();
    }
    if (route === "latency" && write) {
      controller.setLatency(latencySchema.parse(body).ms);
      return ok();
    }
    if (route === "expire-sessions" && method === "POST") {
      controller.expireSessions();
      return ok();
    }
    if (route === "refresh-token" && method === "POST") return ok({ refresh_token: controller.issueRefreshToken() });
    if (route === "custom-fields" && method === "GET") return ok(controller.customFields());
    return { status: 404, body: [{ errorCode: "NOT_FOUND", message: `no control endpoint ${method} ${path}` }] };
  } catch (error) {
    return badRequest(error instanceof Error ? error.message : String(error));
  }
}
