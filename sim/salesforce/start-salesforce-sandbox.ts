import { randomBytes } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import type { OrgIdentity } from "./auth/org-identity";
import { SessionStore } from "./auth/session-store";
import { type CustomFieldSummary, SandboxController } from "./control/sandbox-controller";
import { FaultInjector } from "./faults/fault-injector";
import type { FaultSettings } from "./faults/fault-settings";
import { dispatchInternal } from "./http/dispatch-data-request";
import type { SaveResult } from "./http/save-results";
import { type ApiCallStats, ApiUsage } from "./limits/api-usage";
import { readCustomFieldMetadata } from "./model/read-custom-field-metadata";
import { type SandboxOptions, sandboxOptionsSchema } from "./sandbox-options";
import { SandboxOrg } from "./sandbox-org";
import { createRequestListener } from "./sandbox-server";
import type { SandboxServices } from "./sandbox-services";
import { QueryCursors } from "./soql/query-cursors";
import type { SObjectRecord } from "./store/record-store";
import { buildId } from "./store/salesforce-ids";

/** A running local Salesforce org that unmodified jsforce talks to over HTTP on 127.0.0.1. */
export interface SalesforceSandbox {
  /** Base URL, e.g. `http://127.0.0.1:54321` (also the instance URL). */
  url: string;
  /** Use as `oauth2.loginUrl` / SALESFORCE_LOGIN_URL. */
  loginUrl: string;
  instanceUrl: string;
  clientId: string;
  clientSecret: string;
  username: string;
  password: string;
  orgId: string;
  userId: string;
  /** Live records of an object (copies). */
  records(type: string): SObjectRecord[];
  /** Inserts records through the normal rules, without counting API calls. */
  insertRecords(type: string, records: Array<Record<string, unknown>>): SaveResult[];
  apiCalls(): ApiCallStats;
  resetApiCalls(): void;
  /** Merges fault settings (a given rule replaces that rule). */
  setFaults(settings: FaultSettings): void;
  clearFaults(): void;
  faultsFired(): Record<string, number>;
  setLatency(ms: number): void;
  setDailyApiLimit(limit: number, used?: number): void;
  /** Switches Person Accounts on/off: rebuilds the schema and empties the org. */
  setPersonAccounts(enabled: boolean): void;
  setQueryPageSize(size: number): void;
  /** Invalidates every access token (the next call gets 401 INVALID_SESSION_ID). */
  expireSessions(): void;
  /** A refresh token the `refresh_token` grant accepts. */
  issueRefreshToken(): string;
  customFields(): CustomFieldSummary[];
  /** Empties the org (standard price book / record types re-seeded), counters, faults. */
  reset(): void;
  close(): Promise<void>;
}

function fakeId(prefix: string): string {
  const sequence = Number.parseInt(randomBytes(4).toString("hex"), 16);
  return buildId(prefix, sequence);
}

export async function startSalesforceSandbox(options: SandboxOptions = {}): Promise<SalesforceSandbox> {
  const resolved = sandboxOptionsSchema.parse(options);
  const identity: OrgIdentity = {
    orgId: fakeId("00D"),
    userId: fakeId("005"),
    clientId: resolved.clientId,
    clientSecret: resolved.clientSecret,
    username: resolved.username,
    password: resolved.password,
  };
  const faults = new FaultInjector(resolved.latencyMs);
  if (resolved.faults) faults.configure(resolved.faults);
  let baseUrl = "";
  const services: SandboxServices = {
    org: new SandboxOrg({
      personAccounts: resolved.personAccounts,
      customFields: readCustomFieldMetadata(resolved.objectsDir),
      faults,
      userId: identity.userId,
    }),
    identity,
    sessions: new SessionStore(identity.orgId, resolved.sessionTtlMs),
    usage: new ApiUsage(resolved.dailyApiLimit),
    faults,
    cursors: new QueryCursors(),
    settings: { queryPageSize: resolved.queryPageSize },
    baseUrl: () => baseUrl,
    dispatchInternal: (request) => dispatchInternal(request, services),
  };
  const controller = new SandboxController(services);
  const server = createServer(createRequestListener(services, controller));
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(resolved.port, resolved.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  baseUrl = `http://${resolved.host}:${port}`;
  return {
    url: baseUrl,
    loginUrl: baseUrl,
    instanceUrl: baseUrl,
    clientId: identity.clientId,
    clientSecret: identity.clientSecret,
    username: identity.username,
    password: identity.password,
    orgId: identity.orgId,
    userId: identity.userId,
    records: (type) => controller.records(type),
    insertRecords: (type, records) => controller.insertRecords(type, records),
    apiCalls: () => controller.apiCalls(),
    resetApiCalls: () => controller.resetApiCalls(),
    setFaults: (settings) => controller.setFaults(settings),
    clearFaults: () => controller.clearFaults(),
    faultsFired: () => controller.faultsFired(),
    setLatency: (ms) => controller.setLatency(ms),
    setDailyApiLimit: (limit, used) => controller.setDailyApiLimit(limit, used),
    setPersonAccounts: (enabled) => controller.setPersonAccounts(enabled),
    setQueryPageSize: (size) => controller.setQueryPageSize(size),
    expireSessions: () => controller.expireSessions(),
    issueRefreshToken: () => controller.issueRefreshToken(),
    customFields: () => controller.customFields(),
    reset: () => controller.reset(),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
