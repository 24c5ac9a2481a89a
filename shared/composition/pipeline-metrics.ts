import type { GenericLogger } from "@aws-lambda-powertools/commons/types";
import { Metrics } from "@aws-lambda-powertools/metrics";
import { METRICS_NAMESPACE } from "../observability/metric-names";

/** The handlers' Powertools Metrics (EMF on stdout; CloudWatch turns it into metrics in Lambda). */
export function createPipelineMetrics(options: { logger?: GenericLogger } = {}): Metrics {
  return new Metrics({
    namespace: METRICS_NAMESPACE,
    serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? "jortt-salesforce-sync",
    ...(options.logger ? { logger: options.logger } : {}),
  });
}
