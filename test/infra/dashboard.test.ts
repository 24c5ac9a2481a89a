import { MetricName } from "../../shared/observability/metric-names";
import { resourceByPrefix, synthStage, textOf } from "./support/synth-stage";

const { template, stage } = synthStage("dev");
const [, dashboard] = resourceByPrefix(template, "AWS::CloudWatch::Dashboard", "Dashboard");
const body = JSON.parse(textOf(dashboard.Properties.DashboardBody)) as {
  widgets: { type: string; properties: { title: string; metrics?: unknown[][]; alarms?: string[] } }[];
};
const [queueId] = resourceByPrefix(template, "AWS::SQS::Queue", "PipelineSyncQueue");
const [dlqId] = resourceByPrefix(template, "AWS::SQS::Queue", "PipelineDeadLetterQueue");
const [fetchId] = resourceByPrefix(template, "AWS::Lambda::Function", "PipelineFetchFunction");
const [syncId] = resourceByPrefix(template, "AWS::Lambda::Function", "PipelineSyncFunction");

/** The metric lines of the widget with this title: [namespace, name, dimension name, dimension value, options]. */
function metricsOf(title: string): unknown[][] {
  const widget = body.widgets.find((w) => w.properties.title.startsWith(title));
  if (!widget?.properties.metrics) throw new Error(`no metric widget "${title}"`);
  return widget.properties.metrics;
}
const names = (title: string) => metricsOf(title).map((line) => line[1]);
const handlerLine = (name: string) => ["JorttSalesforceSync", name, "service", `jortt-salesforce-sync-${stage.name}`];

describe("dashboard", () => {
  it("is named after the stage", () => {
    expect(dashboard.Properties.DashboardName).toBe(`jortt-salesforce-sync-${stage.name}`);
  });

  it("shows completed runs", () => {
    expect(metricsOf("Runs")[0]?.slice(0, 4)).toEqual(handlerLine(MetricName.RunsCompleted));
  });

  it("shows records synced, skipped, failed and quarantined", () => {
    expect(names("Records")).toEqual(
      expect.arrayContaining([
        MetricName.RecordsSynced,
        MetricName.RecordsSkipped,
        MetricName.RecordsFailed,
        MetricName.RecordsQuarantined,
      ]),
    );
    for (const line of metricsOf("Records")) {
      expect(line.slice(2, 4)).toEqual(["service", `jortt-salesforce-sync-${stage.name}`]);
    }
  });

  it("shows Salesforce API usage against the alarm threshold", () => {
    expect(metricsOf("Salesforce API usage")[0]?.slice(0, 4)).toEqual(
      handlerLine(MetricName.SalesforceApiUsagePercent),
    );
    const widget = body.widgets.find((w) => w.properties.title.startsWith("Salesforce API usage"));
    expect(JSON.stringify(widget)).toContain(`"value":${stage.settings.salesforce.apiBudgetShare * 100}`);
  });

  it("shows sync queue depth and oldest-message age", () => {
    const lines = metricsOf("Sync queue");
    expect(lines.map((line) => line[1])).toEqual(
      expect.arrayContaining(["ApproximateNumberOfMessagesVisible", "ApproximateAgeOfOldestMessage"]),
    );
    for (const line of lines) expect(line[3]).toBe(`\${GetAtt:${queueId}.QueueName}`);
  });

  it("shows the dead-letter queue depth", () => {
    expect(metricsOf("Dead-letter queue")[0]?.slice(0, 4)).toEqual([
      "AWS/SQS",
      "ApproximateNumberOfMessagesVisible",
      "QueueName",
      `\${GetAtt:${dlqId}.QueueName}`,
    ]);
  });

  it("shows both functions' durations and the run duration", () => {
    const lines = metricsOf("Durations");
    const durationOf = (id: string) => lines.some((line) => line[1] === "Duration" && line[3] === `\${Ref:${id}}`);
    expect(durationOf(fetchId)).toBe(true);
    expect(durationOf(syncId)).toBe(true);
    expect(names("Durations")).toContain(MetricName.RunDurationMs);
  });

  it("shows the state of every alarm", () => {
    const alarmWidget = body.widgets.find((w) => w.type === "alarm");
    const alarmIds = Object.keys(template.findResources("AWS::CloudWatch::Alarm"));
    expect(alarmWidget?.properties.alarms).toEqual(alarmIds.map((id) => `\${GetAtt:${id}.Arn}`));
  });
});
