import { Duration, Stack, Validations } from "aws-cdk-lib";
import * as iam from "aws-cdk-lib/aws-iam";
import type * as lambda from "aws-cdk-lib/aws-lambda";
import { SqsEventSource } from "aws-cdk-lib/aws-lambda-event-sources";
import * as scheduler from "aws-cdk-lib/aws-scheduler";
import * as targets from "aws-cdk-lib/aws-scheduler-targets";
import type * as sns from "aws-cdk-lib/aws-sns";
import * as sqs from "aws-cdk-lib/aws-sqs";
import { Construct } from "constructs";
import { FunctionEnv, METRICS_NAMESPACE } from "../../shared/observability/metric-names";
import type { HandlerEntries } from "../project-paths";
import type { StageConfig } from "../stages";
import { HouseFunction } from "./house-function";
import type { StateTable } from "./state-table";
import type { SyncConfiguration } from "./sync-configuration";
import { serviceNameFor } from "./sync-metrics";

export interface SyncPipelineProps {
  readonly stage: StageConfig;
  readonly entries: HandlerEntries;
  readonly stateTable: StateTable;
  readonly configuration: SyncConfiguration;
  readonly alertTopic: sns.ITopic;
}

/** AWS guidance for SQS event sources: visibility timeout at least six times the function timeout. */
export const VISIBILITY_TIMEOUT_FACTOR = 6;

/**
 * Sync queue visibility timeout: a whole batch attempt (function timeout plus batching window)
 * times six, so a slow batch is never handed to a second invocation while the first still runs.
 */
export function syncQueueVisibilitySeconds(stage: StageConfig): number {
  return VISIBILITY_TIMEOUT_FACTOR * stage.sync.timeoutSeconds + stage.sync.maxBatchingWindowSeconds;
}

/**
 * The pipeline of ARCHITECTURE.md: EventBridge Scheduler → fetch function → SQS sync queue (DLQ
 * after maxReceiveCount) → sync function in batches with partial batch failures and a
 * concurrency cap.
 */
export class SyncPipeline extends Construct {
  readonly queue: sqs.Queue;
  readonly deadLetterQueue: sqs.Queue;
  readonly fetch: HouseFunction;
  readonly sync: HouseFunction;
  readonly schedule: scheduler.Schedule;

  constructor(scope: Construct, id: string, props: SyncPipelineProps) {
    super(scope, id);
    const { stage } = props;
    const syncTimeout = Duration.seconds(stage.sync.timeoutSeconds);

    this.deadLetterQueue = new sqs.Queue(this, "DeadLetterQueue", {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      // The longest SQS allows: a poison record waits here until an operator replays it.
      retentionPeriod: Duration.days(14),
    });
    this.queue = new sqs.Queue(this, "SyncQueue", {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      visibilityTimeout: Duration.seconds(syncQueueVisibilitySeconds(stage)),
      retentionPeriod: Duration.days(4),
      deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount: stage.settings.sync.maxReceiveCount },
    });

    const environment = {
      ...props.configuration.environment(),
      [FunctionEnv.StateTableName]: props.stateTable.table.tableName,
      [FunctionEnv.SyncQueueUrl]: this.queue.queueUrl,
      [FunctionEnv.DeadLetterQueueUrl]: this.deadLetterQueue.queueUrl,
      [FunctionEnv.AlertTopicArn]: props.alertTopic.topicArn,
      POWERTOOLS_SERVICE_NAME: serviceNameFor(stage.name),
      POWERTOOLS_METRICS_NAMESPACE: METRICS_NAMESPACE,
      LOG_LEVEL: stage.logLevel,
    };

    this.fetch = new HouseFunction(this, "Fetch", {
      entry: props.entries.fetch,
      description: `jortt-salesforce-sync ${stage.name} fetch: scans Jortt, enqueues changed records`,
      timeout: Duration.seconds(stage.fetch.timeoutSeconds),
      memorySize: stage.fetch.memoryMb,
      environment,
      logRetention: stage.logRetention,
      tracing: stage.tracing,
      reservedConcurrency: stage.fetch.reservedConcurrency,
      // The next scheduled run is the retry; an extra async retry would only double the Jortt load.
      asyncRetryAttempts: 0,
    });
    this.sync = new HouseFunction(this, "Sync", {
      entry: props.entries.sync,
      description: `jortt-salesforce-sync ${stage.name} sync: upserts queued records into Salesforce`,
      timeout: syncTimeout,
      memorySize: stage.sync.memoryMb,
      environment,
      logRetention: stage.logRetention,
      tracing: stage.tracing,
    });

    for (const fn of [this.fetch.function, this.sync.function]) {
      props.stateTable.grantStateAccess(fn);
      props.configuration.grantRead(fn);
      // Invalid settings: the handler itself publishes one alert.
      props.alertTopic.grantPublish(fn);
      Validations.of(fn.role ?? fn).acknowledge({
        id: "AwsSolutions-IAM5[Action::kms:GenerateDataKey*]",
        reason:
          "Publishing to the KMS-encrypted alert topic needs the data-key actions AWS documents for SNS publishers " +
          "(kms:GenerateDataKey*, kms:Decrypt); the statement is limited to the topic's own key.",
      });
    }
    this.queue.grantSendMessages(this.fetch.function);
    // Both dead-letter bad input themselves, with its reason: fetch a record that cannot be mapped,
    // sync a record Salesforce rejects for its data (no pointless retries).
    this.deadLetterQueue.grantSendMessages(this.fetch.function);
    this.deadLetterQueue.grantSendMessages(this.sync.function);

    this.sync.function.addEventSource(
      new SqsEventSource(this.queue, {
        batchSize: stage.settings.sync.batchSize,
        maxBatchingWindow: Duration.seconds(stage.sync.maxBatchingWindowSeconds),
        reportBatchItemFailures: true,
        maxConcurrency: stage.settings.sync.maxConcurrency,
      }),
    );

    const scheduleRole = new iam.Role(this, "FetchScheduleRole", {
      description: "EventBridge Scheduler: invoke the fetch function",
      assumedBy: new iam.ServicePrincipal("scheduler.amazonaws.com", {
        conditions: { StringEquals: { "aws:SourceAccount": Stack.of(this).account } },
      }),
    });
    this.schedule = new scheduler.Schedule(this, "FetchSchedule", {
      description: `jortt-salesforce-sync ${stage.name}: start a fetch run`,
      schedule: scheduler.ScheduleExpression.rate(Duration.minutes(stage.settings.schedule.rateMinutes)),
      target: new targets.LambdaInvoke(this.fetch.function, {
        role: scheduleRole,
        input: scheduler.ScheduleTargetInput.fromObject({ trigger: "schedule" }),
        retryAttempts: 3,
        // A run that could not start within one interval is superseded by the next one.
        maxEventAge: Duration.minutes(Math.min(Math.max(stage.settings.schedule.rateMinutes, 1), 24 * 60)),
      }),
    });
    this.acknowledgeInvokeWildcard(scheduleRole, this.fetch.function);
  }

  /** LambdaInvoke's grantInvoke always adds `<function ARN>:*` (its versions and aliases). */
  private acknowledgeInvokeWildcard(role: iam.IRole, fn: lambda.IFunction): void {
    const logicalId = Stack.of(this).getLogicalId(fn.node.defaultChild as lambda.CfnFunction);
    Validations.of(role).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${logicalId}.Arn>:*]`,
      reason:
        "The Scheduler role may invoke only the fetch function; the ':*' suffix that CDK's grantInvoke adds covers " +
        "versions and aliases of that one function, not other functions.",
    });
  }
}
