/** Local Salesforce sandbox: a REST API server that unmodified jsforce 3 talks to. */
export type { CustomFieldSummary } from "./control/sandbox-controller";
export type { ApiCallKind, FaultRule, FaultSettings } from "./faults/fault-settings";
export type { SaveResult } from "./http/save-results";
export type { ApiCallStats } from "./limits/api-usage";
export { DEFAULT_OBJECTS_DIR, readCustomFieldMetadata } from "./model/read-custom-field-metadata";
export type { SandboxOptions } from "./sandbox-options";
export { type SalesforceSandbox, startSalesforceSandbox } from "./start-salesforce-sandbox";
export type { SObjectRecord } from "./store/record-store";
