import { Duration } from "aws-cdk-lib";
import * as cloudwatch from "aws-cdk-lib/aws-cloudwatch";
import * as actions from "aws-cdk-lib/aws-cloudwatch-actions";
import type * as sns from "aws-cdk-lib/aws-sns";
import { Construct } from "constructs";
import { apiUsageAlarmPercent, type StageConfig } from "../stages";
import { MetricName, syncMetric } from "./sync-metrics";
import { type SyncPipeline, syncQueueVisibilitySeconds } from "./sync-pipeline";

export interface SyncAlarmsProps {
  readonly stage: StageConfig;
  readonly serviceName: string;
  readonly pipeline: SyncPipeline;
  readonly alertTopic: sns.ITopic;
}

const RUNBOOK = "Runbook: docs/operations.md";

/**
 * Every alarm of the pipeline, each sending to the alert topic, each description telling the
 * reader what to do. The handlers' metrics are matched by name (shared/observability) and the
 * stage's service dimension.
 */
export class SyncAlarms extends Construct {
  readonly alarms: cloudwatch.Alarm[] = [];
  readonly deadLetterQueueNotEmpty: cloudwatch.Alarm;
  readonly fetchErrors: cloudwatch.Alarm;
  readonly syncErrors: cloudwatch.Alarm;
  readonly silence: cloudwatch.Alarm;
  readonly salesforceApiUsage: cloudwatch.Alarm;
  readonly recordsQuarantined: cloudwatch.Alarm;
  readonly backlogStale: cloudwatch.Alarm;

  constructor(scope: Construct, id: string, props: SyncAlarmsProps) {
    super(scope, id);
    const { stage, pipeline, serviceName } = props;
    const prefix = `jortt-sf-${stage.name}`;

    this.deadLetterQueueNotEmpty = this.track(
      pipeline.deadLetterQueue
        .metricApproximateNumberOfMessagesVisible({ statistic: "Maximum", period: Duration.minutes(5) })
        .createAlarm(this, "DeadLetterQueueNotEmpty", {
          alarmName: `${prefix}-dlq-not-empty`,
          alarmDescription:
            "Records are waiting in the dead-letter queue: each had a data error or failed " +
            `${stage.settings.sync.maxReceiveCount} sync attempts. Each message carries its reason. ` +
            "What to do: read the reasons (SQS console, poll the DLQ; message attributes ErrorCode, ErrorMessage, " +
            "Hint), fix the cause in Jortt, Salesforce or the settings, then run `jortt-sf replay` to send them back " +
            `to the sync queue. ${RUNBOOK}#dlq`,
          threshold: 1,
          comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
          evaluationPeriods: 1,
          treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
        }),
    );

    this.fetchErrors = this.track(
      this.functionErrorsAlarm("FetchErrors", `${prefix}-fetch-errors`, pipeline.fetch.function.metricErrors(), {
        what: "The fetch function failed (an exception or timeout), so this run enqueued nothing or only part.",
        logGroup: pipeline.fetch.logGroup.logGroupName,
      }),
    );
    this.syncErrors = this.track(
      this.functionErrorsAlarm("SyncErrors", `${prefix}-sync-errors`, pipeline.sync.function.metricErrors(), {
        what:
          "The sync function failed a whole batch (an exception, timeout or all records failed); SQS retries " +
          "the batch and, after repeated failures, moves its records to the dead-letter queue.",
        logGroup: pipeline.sync.logGroup.logGroupName,
      }),
    );

    this.silence = this.track(
      syncMetric(serviceName, MetricName.RunsCompleted, { statistic: "Sum", period: Duration.hours(1) }).createAlarm(
        this,
        "NoSuccessfulRun",
        {
          alarmName: `${prefix}-no-successful-run`,
          alarmDescription:
            `No fetch run has completed in ${stage.silenceAlarmHours} hours (schedule: every ` +
            `${stage.settings.schedule.rateMinutes} minutes); missing data counts as silence. What to do: check that the ` +
            `EventBridge schedule is enabled, then the fetch function's errors and logs. Expected once right after ` +
            `the first deploy until the first run completes. ${RUNBOOK}#silence`,
          threshold: 1,
          comparisonOperator: cloudwatch.ComparisonOperator.LESS_THAN_THRESHOLD,
          evaluationPeriods: stage.silenceAlarmHours,
          datapointsToAlarm: stage.silenceAlarmHours,
          treatMissingData: cloudwatch.TreatMissingData.BREACHING,
        },
      ),
    );

    this.salesforceApiUsage = this.track(
      syncMetric(serviceName, MetricName.SalesforceApiUsagePercent, {
        statistic: "Maximum",
        period: Duration.minutes(15),
      }).createAlarm(this, "SalesforceApiUsageHigh", {
        alarmName: `${prefix}-salesforce-api-usage-high`,
        alarmDescription:
          `The Salesforce org has used more than ${apiUsageAlarmPercent(stage)} % of its daily API ` +
          "requests (all integrations together, from the Sforce-Limit-Info header). What to do: check Setup > " +
          "Company Information > API Requests for the main consumer; to reduce this sync's share, lower the " +
          `schedule rate (infra/stages.ts) or the API budget share in the settings. ${RUNBOOK}#api-usage`,
        threshold: apiUsageAlarmPercent(stage),
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: 1,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      }),
    );

    this.recordsQuarantined = this.track(
      syncMetric(serviceName, MetricName.RecordsQuarantined, {
        statistic: "Sum",
        period: Duration.minutes(15),
      }).createAlarm(this, "RecordsQuarantined", {
        alarmName: `${prefix}-records-quarantined`,
        alarmDescription:
          "A Jortt customer matched two or more Salesforce Contacts/Person Accounts by e-mail, so the record was " +
          "quarantined rather than guessed. What to do: find it in the run report / activity log, merge the " +
          "duplicates in Salesforce (or set Jortt_Customer_Id__c on the right one); the next run syncs it. " +
          `${RUNBOOK}#quarantine`,
        threshold: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        evaluationPeriods: 1,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      }),
    );

    // Older than every retry a message can get (receives × visibility timeout): sync is not consuming.
    const retryBudget = (stage.settings.sync.maxReceiveCount + 1) * syncQueueVisibilitySeconds(stage);
    this.backlogStale = this.track(
      pipeline.queue
        .metricApproximateAgeOfOldestMessage({ statistic: "Maximum", period: Duration.minutes(5) })
        .createAlarm(this, "SyncBacklogStale", {
          alarmName: `${prefix}-sync-backlog-stale`,
          alarmDescription:
            `The oldest message in the sync queue is older than ${Math.round(retryBudget / 60)} minutes, longer ` +
            "than all its retries together: the sync function is not consuming. What to do: check the sync " +
            "function's event source mapping is enabled, its throttles and errors, and Salesforce availability. " +
            `${RUNBOOK}#backlog`,
          threshold: retryBudget,
          comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
          evaluationPeriods: 1,
          treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
        }),
    );

    const notify = new actions.SnsAction(props.alertTopic);
    for (const alarm of this.alarms) alarm.addAlarmAction(notify);
  }

  private track(alarm: cloudwatch.Alarm): cloudwatch.Alarm {
    this.alarms.push(alarm);
    return alarm;
  }

  private functionErrorsAlarm(
    id: string,
    alarmName: string,
    errors: cloudwatch.Metric,
    text: { what: string; logGroup: string },
  ): cloudwatch.Alarm {
    return errors.with({ statistic: "Sum", period: Duration.minutes(5) }).createAlarm(this, id, {
      alarmName,
      alarmDescription:
        `${text.what} What to do: open log group ${text.logGroup} in CloudWatch Logs Insights and filter ` +
        '`level = "ERROR"`; the entry names the error code and class. configuration: fix the secret or ' +
        "settings (the function also sent an alert); rate-limit: the next run resumes; transient: watch the next " +
        `run; data: see the dead-letter queue. ${RUNBOOK}#function-errors`,
      threshold: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
  }
}
