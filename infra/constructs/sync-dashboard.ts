import { Duration } from "aws-cdk-lib";
import * as cloudwatch from "aws-cdk-lib/aws-cloudwatch";
import { Construct } from "constructs";
import { apiUsageAlarmPercent, type StageConfig } from "../stages";
import type { SyncAlarms } from "./sync-alarms";
import { MetricName, syncMetric } from "./sync-metrics";
import type { SyncPipeline } from "./sync-pipeline";

export interface SyncDashboardProps {
  readonly stage: StageConfig;
  readonly serviceName: string;
  readonly pipeline: SyncPipeline;
  readonly alarms: SyncAlarms;
}

const WIDTH = 12;
const HEIGHT = 6;

/**
 * One CloudWatch dashboard per stage: runs, records by outcome, API usage, queue depth and age,
 * DLQ depth, durations, errors, and the alarm states.
 */
export class SyncDashboard extends Construct {
  readonly dashboard: cloudwatch.Dashboard;

  constructor(scope: Construct, id: string, props: SyncDashboardProps) {
    super(scope, id);
    const { pipeline, serviceName, stage } = props;
    const hourly = (name: MetricName, label?: string) =>
      syncMetric(serviceName, name, { statistic: "Sum", period: Duration.hours(1), label });
    const fetchFn = pipeline.fetch.function;
    const syncFn = pipeline.sync.function;

    this.dashboard = new cloudwatch.Dashboard(this, "Dashboard", {
      dashboardName: `jortt-salesforce-sync-${stage.name}`,
      defaultInterval: Duration.days(2),
    });

    this.dashboard.addWidgets(
      new cloudwatch.AlarmStatusWidget({
        title: "Alarms",
        alarms: props.alarms.alarms,
        width: 24,
        height: 3,
      }),
    );
    this.dashboard.addWidgets(
      new cloudwatch.GraphWidget({
        title: "Runs (completed per hour)",
        left: [hourly(MetricName.RunsCompleted, "runs completed")],
        right: [hourly(MetricName.ConfigurationInvalid, "configuration invalid")],
        width: WIDTH,
        height: HEIGHT,
      }),
      new cloudwatch.GraphWidget({
        title: "Records per hour",
        left: [
          hourly(MetricName.RecordsEnqueued, "enqueued"),
          hourly(MetricName.RecordsSynced, "synced"),
          hourly(MetricName.RecordsSkipped, "skipped (unchanged)"),
          hourly(MetricName.RecordsFailed, "failed"),
          hourly(MetricName.RecordsQuarantined, "quarantined"),
        ],
        width: WIDTH,
        height: HEIGHT,
      }),
    );
    this.dashboard.addWidgets(
      new cloudwatch.GraphWidget({
        title: "Salesforce API usage (org, % of daily limit)",
        left: [
          syncMetric(serviceName, MetricName.SalesforceApiUsagePercent, {
            statistic: "Maximum",
            period: Duration.minutes(15),
            label: "org API usage %",
          }),
        ],
        leftYAxis: { min: 0, max: 100 },
        leftAnnotations: [{ value: apiUsageAlarmPercent(stage), label: "alarm", color: "#d62728" }],
        width: WIDTH,
        height: HEIGHT,
      }),
      new cloudwatch.GraphWidget({
        title: "API calls per hour",
        left: [
          hourly(MetricName.SalesforceApiCalls, "Salesforce calls"),
          hourly(MetricName.JorttRequests, "Jortt requests"),
        ],
        width: WIDTH,
        height: HEIGHT,
      }),
    );
    this.dashboard.addWidgets(
      new cloudwatch.GraphWidget({
        title: "Sync queue: depth and oldest message age",
        left: [
          pipeline.queue.metricApproximateNumberOfMessagesVisible({ statistic: "Maximum", label: "visible" }),
          pipeline.queue.metricApproximateNumberOfMessagesNotVisible({ statistic: "Maximum", label: "in flight" }),
        ],
        right: [pipeline.queue.metricApproximateAgeOfOldestMessage({ statistic: "Maximum", label: "oldest age (s)" })],
        width: WIDTH,
        height: HEIGHT,
      }),
      new cloudwatch.GraphWidget({
        title: "Dead-letter queue depth",
        left: [
          pipeline.deadLetterQueue.metricApproximateNumberOfMessagesVisible({
            statistic: "Maximum",
            label: "DLQ messages",
          }),
        ],
        leftAnnotations: [{ value: 1, label: "alarm", color: "#d62728" }],
        width: WIDTH,
        height: HEIGHT,
      }),
    );
    this.dashboard.addWidgets(
      new cloudwatch.GraphWidget({
        title: "Durations",
        left: [
          fetchFn.metricDuration({ statistic: "Maximum", label: "fetch max (ms)" }),
          syncFn.metricDuration({ statistic: "p50", label: "sync p50 (ms)" }),
          syncFn.metricDuration({ statistic: "Maximum", label: "sync max (ms)" }),
        ],
        right: [
          syncMetric(serviceName, MetricName.RunDurationMs, {
            statistic: "Maximum",
            period: Duration.hours(1),
            label: "run duration (ms)",
          }),
        ],
        width: WIDTH,
        height: HEIGHT,
      }),
      new cloudwatch.GraphWidget({
        title: "Function errors and throttles",
        left: [
          fetchFn.metricErrors({ statistic: "Sum", label: "fetch errors" }),
          syncFn.metricErrors({ statistic: "Sum", label: "sync errors" }),
          fetchFn.metricThrottles({ statistic: "Sum", label: "fetch throttles" }),
          syncFn.metricThrottles({ statistic: "Sum", label: "sync throttles" }),
        ],
        width: WIDTH,
        height: HEIGHT,
      }),
    );
  }
}
