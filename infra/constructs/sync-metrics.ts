import type { Duration } from "aws-cdk-lib";
import * as cloudwatch from "aws-cdk-lib/aws-cloudwatch";
import { METRICS_NAMESPACE, MetricName } from "../../shared/observability/metric-names";

/** Powertools Metrics adds one default dimension, `service`, taken from POWERTOOLS_SERVICE_NAME. */
export const SERVICE_DIMENSION = "service";

/**
 * The service name (and so the metrics dimension) of one stage. Per stage, so that dev runs in the
 * same account can never satisfy or trip prod's alarms.
 */
export function serviceNameFor(stageName: string): string {
  return `jortt-salesforce-sync-${stageName}`;
}

export interface SyncMetricOptions {
  readonly statistic: string;
  readonly period: Duration;
  readonly label?: string;
}

/** A handler-emitted metric (names from shared/observability/metric-names.ts) as CloudWatch reads it. */
export function syncMetric(serviceName: string, name: MetricName, options: SyncMetricOptions): cloudwatch.Metric {
  return new cloudwatch.Metric({
    namespace: METRICS_NAMESPACE,
    metricName: name,
    dimensionsMap: { [SERVICE_DIMENSION]: serviceName },
    statistic: options.statistic,
    period: options.period,
    ...(options.label ? { label: options.label } : {}),
  });
}

export { MetricName };
