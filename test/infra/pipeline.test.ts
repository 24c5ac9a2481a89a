import { Match } from "aws-cdk-lib/assertions";
import { serviceNameFor } from "../../infra/constructs/sync-metrics";
import { FunctionEnv, METRICS_NAMESPACE } from "../../shared/observability/metric-names";
import { arnOf, ref, resourceByPrefix, roleStatements, synthStage } from "./support/synth-stage";

const dev = synthStage("dev");
const prod = synthStage("prod");

describe.each([
  ["dev", dev],
  ["prod", prod],
])("pipeline (%s)", (_name, { template, stage }) => {
  const [fetchId, fetchFn] = resourceByPrefix(template, "AWS::Lambda::Function", "PipelineFetchFunction");
  const [syncId, syncFn] = resourceByPrefix(template, "AWS::Lambda::Function", "PipelineSyncFunction");
  const [queueId, queue] = resourceByPrefix(template, "AWS::SQS::Queue", "PipelineSyncQueue");
  const [dlqId] = resourceByPrefix(template, "AWS::SQS::Queue", "PipelineDeadLetterQueue");

  it("schedules the fetch function at the stage's rate through its own role", () => {
    const minutes = stage.settings.schedule.rateMinutes;
    const [roleId] = resourceByPrefix(template, "AWS::IAM::Role", "PipelineFetchScheduleRole");
    template.hasResourceProperties("AWS::Scheduler::Schedule", {
      ScheduleExpression:
        minutes % 60 === 0 ? `rate(${minutes / 60} hour${minutes === 60 ? "" : "s"})` : `rate(${minutes} minutes)`,
      State: "ENABLED",
      Target: {
        Arn: arnOf(fetchId),
        RoleArn: arnOf(roleId),
        RetryPolicy: { MaximumEventAgeInSeconds: minutes * 60, MaximumRetryAttempts: 3 },
      },
    });
    template.hasResourceProperties("AWS::IAM::Role", {
      AssumeRolePolicyDocument: {
        Statement: [
          Match.objectLike({
            Principal: { Service: "scheduler.amazonaws.com" },
            Condition: { StringEquals: { "aws:SourceAccount": { Ref: "AWS::AccountId" } } },
          }),
        ],
      },
    });
    // The scheduler may invoke the fetch function (and its versions) and nothing else.
    const statements = roleStatements(template, roleId);
    expect(statements).toEqual([
      {
        Action: "lambda:InvokeFunction",
        Effect: "Allow",
        Resource: [arnOf(fetchId), { "Fn::Join": ["", [arnOf(fetchId), ":*"]] }],
      },
    ]);
  });

  it("encrypts both queues and keeps messages invisible for at least 6x the sync timeout", () => {
    const syncTimeout = syncFn.Properties.Timeout as number;
    expect(syncTimeout).toBe(stage.sync.timeoutSeconds);
    expect(queue.Properties.VisibilityTimeout as number).toBeGreaterThanOrEqual(6 * syncTimeout);
    expect(queue.Properties.SqsManagedSseEnabled).toBe(true);
    template.hasResourceProperties("AWS::SQS::Queue", {
      SqsManagedSseEnabled: true,
      MessageRetentionPeriod: 14 * 24 * 3600,
      RedrivePolicy: Match.absent(),
    });
  });

  it("moves a message to the DLQ after the stage's maxReceiveCount", () => {
    expect(queue.Properties.RedrivePolicy).toEqual({
      deadLetterTargetArn: arnOf(dlqId),
      maxReceiveCount: stage.settings.sync.maxReceiveCount,
    });
  });

  it.each([
    ["sync queue", "PipelineSyncQueue"],
    ["dead-letter queue", "PipelineDeadLetterQueue"],
  ])("denies non-TLS access to the %s", (_label, prefix) => {
    const [id] = resourceByPrefix(template, "AWS::SQS::Queue", prefix);
    template.hasResourceProperties("AWS::SQS::QueuePolicy", {
      Queues: [ref(id)],
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: "Deny",
            Action: "sqs:*",
            Condition: { Bool: { "aws:SecureTransport": "false" } },
            Principal: { AWS: "*" },
          }),
        ]),
      },
    });
  });

  it("feeds the sync function in batches with partial failures and a concurrency cap", () => {
    template.resourceCountIs("AWS::Lambda::EventSourceMapping", 1);
    template.hasResourceProperties("AWS::Lambda::EventSourceMapping", {
      EventSourceArn: arnOf(queueId),
      FunctionName: ref(syncId),
      BatchSize: stage.settings.sync.batchSize,
      MaximumBatchingWindowInSeconds: stage.sync.maxBatchingWindowSeconds,
      FunctionResponseTypes: ["ReportBatchItemFailures"],
      ScalingConfig: { MaximumConcurrency: stage.settings.sync.maxConcurrency },
    });
  });

  it.each([
    ["fetch", "Fetch"],
    ["sync", "Sync"],
  ])("runs the %s function on Node 22+ arm64 with its own log group and retention", (name, prefix) => {
    const [, fn] = resourceByPrefix(template, "AWS::Lambda::Function", `Pipeline${prefix}Function`);
    const [logsId] = resourceByPrefix(template, "AWS::Logs::LogGroup", `Pipeline${prefix}Logs`);
    const size = name === "fetch" ? stage.fetch : stage.sync;
    expect(fn.Properties).toMatchObject({
      Architectures: ["arm64"],
      Handler: "index.handler",
      Timeout: size.timeoutSeconds,
      MemorySize: size.memoryMb,
      LoggingConfig: { LogGroup: ref(logsId) },
    });
    expect(fn.Properties.Runtime).toMatch(/^nodejs(2[2-9]|[3-9]\d)\.x$/);
    template.hasResourceProperties("AWS::Logs::LogGroup", { RetentionInDays: stage.logRetention });
    if (stage.tracing) expect(fn.Properties.TracingConfig).toEqual({ Mode: "Active" });
    else expect(fn.Properties.TracingConfig).toBeUndefined();
  });

  it("gives the functions no AWS-managed policy, only log writes to their own log group plus explicit grants", () => {
    for (const prefix of ["PipelineFetchRole", "PipelineSyncRole"]) {
      const [roleId, role] = resourceByPrefix(template, "AWS::IAM::Role", prefix);
      expect(role.Properties.ManagedPolicyArns).toBeUndefined();
      const [logsId] = resourceByPrefix(template, "AWS::Logs::LogGroup", prefix.replace("Role", "Logs"));
      expect(roleStatements(template, roleId)).toContainEqual({
        Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
        Effect: "Allow",
        Resource: arnOf(logsId),
      });
    }
  });

  it("lets only one fetch run at a time where the stage reserves it, and never retries a failed run asynchronously", () => {
    expect(fetchFn.Properties.ReservedConcurrentExecutions).toBe(stage.fetch.reservedConcurrency);
    expect(syncFn.Properties.ReservedConcurrentExecutions).toBeUndefined();
    template.hasResourceProperties("AWS::Lambda::EventInvokeConfig", {
      FunctionName: ref(fetchId),
      MaximumRetryAttempts: 0,
    });
  });

  it("tells both functions where everything is through the FunctionEnv variables", () => {
    const [tableId] = resourceByPrefix(template, "AWS::DynamoDB::GlobalTable", "StateTable");
    const [topicId] = resourceByPrefix(template, "AWS::SNS::Topic", "AlertingTopic");
    const [settingsId] = resourceByPrefix(template, "AWS::SSM::Parameter", "ConfigurationSettings");
    const [jorttId] = resourceByPrefix(template, "AWS::SecretsManager::Secret", "ConfigurationJortt");
    const [salesforceId] = resourceByPrefix(template, "AWS::SecretsManager::Secret", "ConfigurationSalesforce");
    const expected = {
      [FunctionEnv.StateTableName]: ref(tableId),
      [FunctionEnv.SyncQueueUrl]: ref(queueId),
      [FunctionEnv.DeadLetterQueueUrl]: ref(dlqId),
      [FunctionEnv.AlertTopicArn]: ref(topicId),
      [FunctionEnv.SettingsParameterName]: ref(settingsId),
      [FunctionEnv.JorttSecretId]: ref(jorttId),
      [FunctionEnv.SalesforceSecretId]: ref(salesforceId),
      POWERTOOLS_SERVICE_NAME: serviceNameFor(stage.name),
      POWERTOOLS_METRICS_NAMESPACE: METRICS_NAMESPACE,
      NODE_OPTIONS: "--enable-source-maps",
      LOG_LEVEL: stage.logLevel,
    };
    for (const fn of [fetchFn, syncFn]) {
      expect((fn.Properties.Environment as { Variables: object }).Variables).toMatchObject(expected);
    }
  });
});
