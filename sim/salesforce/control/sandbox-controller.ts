import { parseRecordInput } from "../dml/record-input";
import { type FaultSettings, faultSettingsSchema } from "../faults/fault-settings";
import { SalesforceApiError } from "../http/api-error";
import { failureResult, type SaveResult, successResult, toRecordError } from "../http/save-results";
import type { ApiCallStats } from "../limits/api-usage";
import type { SandboxServices } from "../sandbox-services";
import type { SObjectRecord } from "../store/record-store";

/** What tests and benchmarks can do to the sandbox, without spending API calls. */
export interface CustomFieldSummary {
  object: string;
  name: string;
  type: string;
  length?: number;
  precision?: number;
  scale?: number;
  externalId: boolean;
  unique: boolean;
}

export class SandboxController {
  private readonly services: SandboxServices;

  constructor(services: SandboxServices) {
    this.services = services;
  }

  /** Live records of an object (copies, canonical field names). */
  records(type: string): SObjectRecord[] {
    const model = this.services.org.schema.object(type);
    if (!model) throw new Error(`unknown sObject type ${type}`);
    return this.services.org.store.all(model.name).map((record) => ({ ...record }));
  }

  /** Inserts records through the normal rules (no API call counted); per-record results. */
  insertRecords(type: string, records: Array<Record<string, unknown>>): SaveResult[] {
    const model = this.services.org.schema.object(type);
    if (!model) throw new Error(`unknown sObject type ${type}`);
    return records.map((record) => {
      try {
        const input = parseRecordInput(this.services.org.schema, model, record);
        return successResult(this.services.org.engine.create(model, input, { kind: "other" }));
      } catch (error) {
        if (error instanceof SalesforceApiError) {
          const first = error.errors[0];
          return failureResult({ statusCode: first?.errorCode ?? "", message: first?.message ?? "", fields: [] });
        }
        return failureResult(toRecordError(error));
      }
    });
  }

  apiCalls(): ApiCallStats {
    return this.services.usage.stats();
  }

  resetApiCalls(): void {
    this.services.usage.reset();
  }

  setFaults(settings: FaultSettings): void {
    this.services.faults.configure(faultSettingsSchema.parse(settings));
  }

  clearFaults(): void {
    this.services.faults.clear();
  }

  faultsFired(): Record<string, number> {
    return this.services.faults.firedCounts();
  }

  setLatency(ms: number): void {
    this.services.faults.latencyMs = ms;
  }

  setDailyApiLimit(limit: number, used?: number): void {
    this.services.usage.dailyLimit = limit;
    if (used !== undefined) this.services.usage.setUsed(used);
  }

  /** Turning Person Accounts on/off changes the schema and empties the org. */
  setPersonAccounts(enabled: boolean): void {
    this.services.org.rebuild(enabled);
    this.services.cursors.clear();
  }

  personAccounts(): boolean {
    return this.services.org.schema.personAccounts;
  }

  setQueryPageSize(size: number): void {
    if (!Number.isInteger(size) || size < 1 || size > 2000) throw new Error("page size must be 1..2000");
    this.services.settings.queryPageSize = size;
  }

  expireSessions(): void {
    this.services.sessions.expireAll();
  }

  issueRefreshToken(): string {
    return this.services.sessions.issueRefreshToken();
  }

  customFields(): CustomFieldSummary[] {
    return this.services.org.schema.allObjects().flatMap((model) =>
      model.fields
        .filter((definition) => definition.custom && definition.name.endsWith("__c"))
        .map((definition) => ({
          object: model.name,
          name: definition.name,
          type: definition.type,
          ...(definition.length !== undefined ? { length: definition.length } : {}),
          ...(definition.precision !== undefined ? { precision: definition.precision } : {}),
          ...(definition.scale !== undefined ? { scale: definition.scale } : {}),
          externalId: definition.externalId,
          unique: definition.unique,
        })),
    );
  }

  /** Empties the org (standard records are re-seeded), counters, faults and cursors; sessions stay valid. */
  reset(): void {
    this.services.org.resetData();
    this.services.usage.reset();
    this.services.faults.clear();
    this.services.cursors.clear();
  }

  state(): Record<string, unknown> {
    return {
      personAccounts: this.personAccounts(),
      queryPageSize: this.services.settings.queryPageSize,
      latencyMs: this.services.faults.latencyMs,
      apiCalls: this.apiCalls(),
      faultsFired: this.faultsFired(),
      recordCounts: Object.fromEntries(
        this.services.org.schema.allObjects().map((model) => [model.name, this.services.org.store.count(model.name)]),
      ),
    };
  }
}
