import type { ErrorClass } from "../../errors/sync-error";

/**
 * How the client treats one Salesforce (or transport) error code. Table-driven so every code of
 * reference/salesforce-api.md §9.4 has exactly one reviewed policy and one hint.
 */
export interface ErrorCodePolicy {
  errorClass: ErrorClass;
  /**
   * How a write may be retried inside this client (upserts are idempotent by external id):
   * - backoff: retry with exponential backoff up to the attempt limit
   * - once:    retry one time (e.g. a DUPLICATE_VALUE race on a new key resolves as an update)
   * - never:   report it
   */
  retry: "backoff" | "once" | "never";
  /** What a person should do next. `{field}` and `{object}` are filled in when known. */
  hint: string;
  /** The Salesforce message may be shown (after redaction): admins write it (validation rules, flows). */
  showMessage?: boolean;
}

const DEPLOY_METADATA =
  "Deploy the salesforce/ metadata (sf project deploy start -x salesforce/manifest/package.xml) and assign the " +
  "Jortt_Sync_Integration permission set to the integration user";

const transient = (hint: string): ErrorCodePolicy => ({ errorClass: "transient", retry: "backoff", hint });
const data = (hint: string, showMessage = false): ErrorCodePolicy => ({
  errorClass: "data",
  retry: "never",
  hint,
  showMessage,
});
const configuration = (hint: string, showMessage = false): ErrorCodePolicy => ({
  errorClass: "configuration",
  retry: "never",
  hint,
  showMessage,
});
const rateLimit = (hint: string): ErrorCodePolicy => ({ errorClass: "rate-limit", retry: "never", hint });

/** Salesforce REST `errorCode` (whole request) and Collections `statusCode` (per record) values. */
export const SALESFORCE_ERROR_CODES: Readonly<Record<string, ErrorCodePolicy>> = {
  // --- transient: retry with backoff -------------------------------------------------------------
  UNABLE_TO_LOCK_ROW: transient(
    "Row lock contention (the same parent Account/Order was written in parallel, or a trigger held it); retried " +
      "with backoff. If it persists, lower the sync concurrency.",
  ),
  SERVER_UNAVAILABLE: transient("Salesforce is temporarily unavailable; retried with backoff."),
  REQUEST_RUNNING_TOO_LONG: transient("The request ran too long in Salesforce; retry with a smaller batch."),
  QUERY_TIMEOUT: transient("The SOQL query timed out in Salesforce; retried."),
  // Re-sending the same locator cannot help: the query is re-run from the start instead (once).
  INVALID_QUERY_LOCATOR: {
    errorClass: "transient",
    retry: "never",
    hint: "The query cursor expired before all pages were read; the query is re-run.",
  },
  ALL_OR_NONE_OPERATION_ROLLED_BACK: transient(
    "Rolled back because another record in the same all-or-none call failed; look at that record's error.",
  ),
  PROCESSING_HALTED: transient("Not processed because an earlier subrequest failed; look at that subrequest's error."),
  // --- rate limit: stop the run, resume on the next schedule -------------------------------------
  REQUEST_LIMIT_EXCEEDED: rateLimit(
    "The org's rolling 24 h API allocation is used up, or too many long-running requests run at once. The run stops " +
      "and resumes on the next schedule; lower the API budget share or the schedule rate if it recurs.",
  ),
  TOO_MANY_REQUESTS: rateLimit("Salesforce throttled the client; the run resumes on the next schedule."),
  API_BUDGET_REACHED: rateLimit(
    "This sync's share of the daily Salesforce API allocation is used; the run resumes on the next schedule.",
  ),
  // --- per-record data problems: dead-letter the record with the reason ---------------------------
  STRING_TOO_LONG: data("A value is longer than the Salesforce field {field} allows; shorten it in Jortt."),
  REQUIRED_FIELD_MISSING: data("A required Salesforce field is empty: {field}. Fill it in Jortt or map a default."),
  INVALID_EMAIL_ADDRESS: data("The e-mail address is not valid for Salesforce ({field}); correct it in Jortt."),
  DUPLICATE_VALUE: {
    errorClass: "data",
    retry: "once",
    hint:
      "A unique field already holds this value on another record ({field}). A concurrent run creating the same " +
      "record is retried once as an update; otherwise resolve the duplicate in Salesforce.",
  },
  DUPLICATE_EXTERNAL_ID: data(
    "Several Salesforce records share this external id ({field}); merge or clear the duplicates in Salesforce.",
  ),
  MULTIPLE_CHOICES: data(
    "Several Salesforce records share this external id; merge or clear the duplicates in Salesforce.",
  ),
  DUPLICATES_DETECTED: data(
    "A Salesforce Duplicate Rule blocked the save; merge the duplicate or allow saves for the integration user.",
    true,
  ),
  FIELD_CUSTOM_VALIDATION_EXCEPTION: data(
    "A validation rule in Salesforce rejected the record; see the message, fix the data or the rule.",
    true,
  ),
  FIELD_INTEGRITY_EXCEPTION: data("Salesforce rejected a field combination ({field}); see the message.", true),
  FIELD_FILTER_VALIDATION_EXCEPTION: data("A lookup filter in Salesforce rejected the value of {field}.", true),
  INVALID_CROSS_REFERENCE_KEY: data(
    "A lookup ({field}) points at a record that does not exist or has the wrong type; the parent record may not be synced yet.",
  ),
  MALFORMED_ID: data("An id value ({field}) is not a valid Salesforce id."),
  ENTITY_IS_DELETED: data(
    "The target record is in the Salesforce recycle bin; restore it or clear the stored id so it is re-created.",
  ),
  ENTITY_IS_LOCKED: data("The record is locked (e.g. by an approval process) and cannot be edited."),
  INVALID_TYPE_ON_FIELD_IN_RECORD: data("A value has the wrong type for field {field}."),
  INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST: data(
    "A value is not allowed by the restricted picklist {field}; add it to the picklist or map it.",
  ),
  NUMBER_OUTSIDE_VALID_RANGE: data("A number is outside the range field {field} allows."),
  CANNOT_INSERT_UPDATE_ACTIVATE_ENTITY: data(
    "A trigger or flow in Salesforce failed on this record; see the message and the org's automation.",
    true,
  ),
  CANNOT_EXECUTE_FLOW_TRIGGER: data("A record-triggered flow failed on this record; see the message.", true),
  INVALID_FIELD_WHEN_USING_TEMPLATE: data("A field cannot be set on this record ({field})."),
  UPSERT_KEY_MISSING: data("The record has no external id value, so it cannot be upserted; it was not sent."),
  UPSERT_RECORD_HAS_ID: data(
    "An upsert by external id must not carry a Salesforce Id (use updateRecords for records matched by Id).",
  ),
  RECORD_ID_MISSING: data("The record has no Salesforce Id, so it cannot be updated or deleted; it was not sent."),
  // --- configuration: stop the run, alert a person with the fix ----------------------------------
  INVALID_FIELD: configuration(
    `Field {field} does not exist or is not visible to the integration user. ${DEPLOY_METADATA}.`,
  ),
  INVALID_FIELD_FOR_INSERT_UPDATE: configuration(
    `Field {field} is not writable by the integration user. ${DEPLOY_METADATA}.`,
  ),
  INVALID_TYPE: configuration(
    "Object {object} does not exist or is not accessible to the integration user (Orders must be enabled for Order/OrderItem).",
  ),
  NOT_FOUND: configuration(
    `Object {object} or field {field} was not found or is not accessible to the integration user. ${DEPLOY_METADATA}.`,
  ),
  INVALID_SESSION_ID: configuration(
    "Salesforce rejected the access token even after a refresh: check the connected app's policies (IP relaxation, " +
      "permitted users), the run-as/JWT user, or replace SALESFORCE_ACCESS_TOKEN.",
  ),
  INSUFFICIENT_ACCESS: configuration(
    "The integration user lacks a permission for this operation; assign the Jortt_Sync_Integration permission set.",
  ),
  INSUFFICIENT_ACCESS_OR_READONLY: configuration(
    "The integration user cannot edit this record or object (sharing, object permission or read-only field); " +
      "assign the Jortt_Sync_Integration permission set and check sharing.",
  ),
  INSUFFICIENT_ACCESS_ON_CROSS_REFERENCE_ENTITY: configuration(
    "The integration user cannot access a related record ({field}); check sharing for the integration user.",
  ),
  API_DISABLED_FOR_ORG: configuration(
    "The REST API is not enabled for this org or edition; use an edition with API access (Enterprise or higher).",
  ),
  API_CURRENTLY_DISABLED: configuration(
    "API access is disabled for the integration user; enable 'API Enabled' in its profile or permission set.",
  ),
  FUNCTIONALITY_NOT_ENABLED: configuration("A feature this sync needs is not enabled in the org.", true),
  STORAGE_LIMIT_EXCEEDED: configuration("The org's data storage is full; free storage before syncing more records."),
  JSON_PARSER_ERROR: configuration("Salesforce could not parse the request body: a bug in the sync, please report it."),
  MALFORMED_QUERY: configuration("Salesforce rejected a SOQL query: a bug in the sync, please report it.", true),
  INVALID_QUERY_FILTER_OPERATOR: configuration(
    "Salesforce rejected a SOQL filter: a bug in the sync, please report it.",
  ),
  EXCEEDED_ID_LIMIT: configuration("Too many records in one call: a bug in the sync (calls are chunked to 200)."),
  METHOD_NOT_ALLOWED: configuration(
    "Salesforce does not allow this HTTP method here: a bug in the sync or API version.",
  ),
  UNSUPPORTED_API_VERSION: configuration("SALESFORCE_API_VERSION is not supported by this org; use e.g. 62.0."),
  REQUEST_BODY_TOO_LARGE: configuration("The request was too large; lower the batch size."),
  // --- OAuth token endpoint errors (jsforce sets `name` to the OAuth `error`) ---------------------
  invalid_client: configuration(
    "Salesforce rejected the client credentials: check SALESFORCE_CLIENT_ID / SALESFORCE_CLIENT_SECRET and that the " +
      "connected app is enabled for this flow.",
  ),
  invalid_client_id: configuration("Salesforce does not know SALESFORCE_CLIENT_ID (the connected app's consumer key)."),
  invalid_grant: configuration(
    "Salesforce refused the grant: for client credentials, use the My Domain login URL and set a run-as user; for JWT, " +
      "check the user is pre-authorized for the connected app, the certificate matches SALESFORCE_PRIVATE_KEY, and " +
      "SALESFORCE_LOGIN_URL is the production or sandbox host.",
    true,
  ),
  unsupported_grant_type: configuration(
    "The connected app does not allow this OAuth flow; enable the client-credentials flow or upload the JWT certificate.",
  ),
  invalid_request: configuration(
    "Salesforce rejected the token request; check SALESFORCE_LOGIN_URL and the credentials.",
  ),
  unauthorized_client: configuration("The connected app is not authorized for this flow or user."),
  invalid_scope: configuration("The connected app's OAuth scopes do not include API access (scope 'api')."),
  inactive_user: configuration("The integration user is inactive."),
  inactive_org: configuration("The Salesforce org is inactive or locked."),
  TOKEN_RESPONSE_INVALID: configuration(
    "The token endpoint answered without access_token, instance_url or id; check SALESFORCE_LOGIN_URL.",
  ),
  CREDENTIALS_INVALID: configuration("Set the Salesforce credentials listed in the message."),
  // --- client-side transport errors ---------------------------------------------------------------
  NETWORK_ERROR: transient("Could not reach Salesforce (network error); retried with backoff."),
  TIMEOUT: transient("Salesforce did not answer within the HTTP timeout; retried with backoff."),
  INVOCATION_TIME_LOW: {
    errorClass: "transient",
    retry: "never",
    hint: "Too little of the function's time was left to call Salesforce; the records are retried on redelivery.",
  },
  UNEXPECTED_RESPONSE: transient(
    "Salesforce answered with an unexpected body (e.g. an HTML maintenance page); retried.",
  ),
  UNEXPECTED_ERROR: configuration("An unexpected error in the Salesforce client; see the message and report it.", true),
  SUBREQUEST_LIMIT: configuration("A composite request may hold at most 25 subrequests (5 collections/queries)."),
};

/** Network failures (node-fetch `FetchError.code`, undici `cause.code`) that are safe to retry. */
export const NETWORK_ERROR_CODES: ReadonlySet<string> = new Set([
  "ECONNRESET",
  "ECONNREFUSED",
  "ECONNABORTED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "ENETDOWN",
  "ENETUNREACH",
  "EHOSTDOWN",
  "EHOSTUNREACH",
  "EPIPE",
  "ETIMEDOUT",
  "UND_ERR_SOCKET",
  "UND_ERR_CONNECT_TIMEOUT",
  "UND_ERR_HEADERS_TIMEOUT",
  "UND_ERR_BODY_TIMEOUT",
]);

/** `ERROR_HTTP_<status>` (non-JSON bodies) for these statuses is transient. */
export const TRANSIENT_HTTP_STATUSES: ReadonlySet<number> = new Set([408, 420, 429, 500, 502, 503, 504]);
