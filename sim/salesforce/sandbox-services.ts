import type { OrgIdentity } from "./auth/org-identity";
import type { SessionStore } from "./auth/session-store";
import type { FaultInjector } from "./faults/fault-injector";
import type { DataRequest } from "./http/data-request";
import type { SimResponse } from "./http/sim-response";
import type { ApiUsage } from "./limits/api-usage";
import type { SandboxOrg } from "./sandbox-org";
import type { QueryCursors } from "./soql/query-cursors";

/** Everything a route handler may use. */
export interface SandboxServices {
  org: SandboxOrg;
  identity: OrgIdentity;
  sessions: SessionStore;
  usage: ApiUsage;
  faults: FaultInjector;
  cursors: QueryCursors;
  settings: { queryPageSize: number };
  baseUrl(): string;
  /** Runs a data request inside the current call (used by /composite for its subrequests). */
  dispatchInternal(request: DataRequest): SimResponse;
}
