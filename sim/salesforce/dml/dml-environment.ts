import type { FaultInjector } from "../faults/fault-injector";
import type { ApiCallKind } from "../faults/fault-settings";
import type { OrgSchema } from "../model/org-schema";
import type { RecordStore, SObjectRecord } from "../store/record-store";

/** What a write needs to see: the schema, the data, the fault injector and who is writing. */
export interface DmlEnvironment {
  schema: OrgSchema;
  store: RecordStore;
  faults: FaultInjector;
  userId: string;
  now(): Date;
}

/** The API call a write belongs to (fault rules can target kinds). */
export interface DmlCall {
  kind: ApiCallKind;
}

/** Object-specific behaviour (triggers of the standard objects): derive fields, enforce rules. */
export interface ObjectRules {
  beforeInsert?(record: SObjectRecord, env: DmlEnvironment): void;
  beforeUpdate?(record: SObjectRecord, previous: SObjectRecord, env: DmlEnvironment): void;
  afterWrite?(record: SObjectRecord, previous: SObjectRecord | undefined, env: DmlEnvironment): void;
  beforeDelete?(record: SObjectRecord, env: DmlEnvironment): void;
  afterDelete?(record: SObjectRecord, env: DmlEnvironment): void;
}
