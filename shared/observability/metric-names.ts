/**
 * CloudWatch metric names (Powertools Metrics, namespace below, default `service` dimension).
 * Shared by the handlers that emit them and the CDK alarms/dashboard that read them, so the two
 * cannot drift.
 */
export const METRICS_NAMESPACE = "JorttSalesforceSync";

export const MetricName = {
  RecordsSynced: "RecordsSynced",
  RecordsSkipped: "RecordsSkipped",
  RecordsFailed: "RecordsFailed",
  RecordsQuarantined: "RecordsQuarantined",
  RecordsEnqueued: "RecordsEnqueued",
  SalesforceApiCalls: "SalesforceApiCalls",
  /** Org-wide daily API usage in percent, read from `Sforce-Limit-Info`. */
  SalesforceApiUsagePercent: "SalesforceApiUsagePercent",
  JorttRequests: "JorttRequests",
  /** Reverse flow: Order messages the fetch enqueued (new selections plus number checks). */
  OrdersEnqueued: "OrdersEnqueued",
  /** Reverse flow: Jortt invoices the sync created from Salesforce Orders. */
  JorttInvoicesCreated: "JorttInvoicesCreated",
  /** 1 per fetch run that completed (the "silence" alarm watches for its absence). */
  RunsCompleted: "RunsCompleted",
  RunDurationMs: "RunDurationMs",
  ConfigurationInvalid: "ConfigurationInvalid",
} as const;
export type MetricName = (typeof MetricName)[keyof typeof MetricName];

/** Environment variables the deployed functions read (set by infra/, mirrored by the local runtime). */
export const FunctionEnv = {
  StateTableName: "STATE_TABLE_NAME",
  SyncQueueUrl: "SYNC_QUEUE_URL",
  DeadLetterQueueUrl: "DEAD_LETTER_QUEUE_URL",
  AlertTopicArn: "ALERT_TOPIC_ARN",
  SettingsParameterName: "SETTINGS_PARAMETER_NAME",
  JorttSecretId: "JORTT_SECRET_ID",
  SalesforceSecretId: "SALESFORCE_SECRET_ID",
} as const;
