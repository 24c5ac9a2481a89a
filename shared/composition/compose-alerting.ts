import { DynamoDbStateStore } from "../adapters/aws/dynamodb-state-store";
import { SnsNotifier } from "../adapters/aws/sns-notifier";
import type { Notifier } from "../ports/notifier";
import { OncePerWindowNotifier } from "./once-per-window-notifier";
import type { PipelineResourceNames } from "./pipeline-resource-names";

/**
 * Alerting that works before (and without) settings and credentials: a configuration error must
 * still reach a person. Only the topic and the state table are needed.
 */
export function composeAlerting(names: Pick<PipelineResourceNames, "alertTopicArn" | "stateTableName">): Notifier {
  // Claims expire with their window; the retention setting does not apply to them.
  const claims = new DynamoDbStateStore({ tableName: names.stateTableName, retentionDays: 1 });
  return new OncePerWindowNotifier(new SnsNotifier({ topicArn: names.alertTopicArn }), claims);
}
