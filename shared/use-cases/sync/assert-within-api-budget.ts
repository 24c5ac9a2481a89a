import type { Settings } from "../../config/settings-schema";
import { SyncError } from "../../errors/sync-error";
import type { SalesforceGateway } from "../../ports/salesforce-gateway";

/** Stops before more calls once this sync's share of the org's daily API allocation is used. */
export function assertWithinApiBudget(deps: {
  salesforce: Pick<SalesforceGateway, "apiUsage">;
  settings: Pick<Settings, "salesforce">;
}): void {
  const usage = deps.salesforce.apiUsage();
  const share = deps.settings.salesforce.apiBudgetShare;
  if (!usage || usage.limit <= 0 || usage.used < usage.limit * share) return;
  throw new SyncError(
    `Salesforce API usage ${usage.used}/${usage.limit} reached this sync's budget share of ${Math.round(share * 100)}%`,
    {
      code: "API_BUDGET_REACHED",
      errorClass: "rate-limit",
      source: "salesforce",
      hint: "The run resumes on the next schedule; raise settings.salesforce.apiBudgetShare or lower the schedule rate.",
    },
  );
}
