/** The Salesforce adapter's public surface (the pipeline imports from here). */
export type { ApiUsage } from "./api-usage";
export { classifyRecordErrors, classifySalesforceError, policyFor } from "./classify-salesforce-error";
export type { CompositeOptions, CompositeSubrequest, CompositeSubresult } from "./composite-request";
export type { CreateOptions } from "./create-records";
export type { FieldDescribe, SObjectDescribe } from "./describe-sobject";
export { findField } from "./describe-sobject";
export { SALESFORCE_ERROR_CODES } from "./error-codes";
export { DEFAULT_HTTP_TIMEOUT_MS } from "./http-timeout";
export { jwtAudienceFor, signJwtAssertion } from "./jwt-bearer-assertion";
export { hasPersonAccounts, PERSON_ACCOUNT_RECORD_TYPE_SOQL } from "./person-accounts";
export type { MergedDuplicate, SalesforceRecord } from "./prepare-write-batch";
export type { QueryOptions } from "./query-records";
export type { RetryPolicy } from "./retry-policy";
export { DEFAULT_RETRY_POLICY } from "./retry-policy";
export {
  createSalesforceClient,
  SalesforceClient,
  type SalesforceClientOptions,
  type SalesforceClientPort,
} from "./salesforce-client";
export {
  DEFAULT_SALESFORCE_API_VERSION,
  resolveSalesforceAuth,
  type SalesforceAuth,
  SalesforceCredentials,
  salesforceCredentialsFromEnv,
} from "./salesforce-credentials";
export { DEFAULT_IN_LIST_BUDGET, type InListBudget, soqlInLists } from "./soql-in-list";
export { soqlLikeString, soqlString } from "./soql-literal";
export type { UpdateOptions } from "./update-records";
export type { UpsertOptions } from "./upsert-records";
export type { RecordOutcome, WriteResult } from "./write-result";
