import { Match } from "aws-cdk-lib/assertions";
import { selectStage } from "../../infra/stages";
import { METRICS_NAMESPACE, MetricName } from "../../shared/observability/metric-names";
import { arnOf, ref, resourceByPrefix, synthStage, textOf } from "./support/synth-stage";

const { template, stage } = synthStage("prod");
const [topicId] = resourceByPrefix(template, "AWS::SNS::Topic", "AlertingTopic");
const [keyId] = resourceByPrefix(template, "AWS::KMS::Key", "AlertingTopicKey");
const [, fetchFn] = resourceByPrefix(template, "AWS::Lambda::Function", "PipelineFetchFunction");
const serviceName = (fetchFn.Properties.Environment as { Variables: Record<string, string> }).Variables
  .POWERTOOLS_SERVICE_NAME;

type AlarmProps = Record<string, unknown> & { AlarmDescription: unknown };
const alarm = (prefix: string): AlarmProps =>
  resourceByPrefix(template, "AWS::CloudWatch::Alarm", prefix)[1].Properties as AlarmProps;
/** A custom metric as the handlers emit it: the shared namespace and the functions' own service name. */
const handlerMetric = (name: string) => ({
  Namespace: METRICS_NAMESPACE,
  MetricName: name,
  Dimensions: [{ Name: "service", Value: serviceName }],
});

describe("alert topic", () => {
  it("is encrypted with a rotating customer key that CloudWatch alarms may use", () => {
    template.hasResourceProperties("AWS::SNS::Topic", { KmsMasterKeyId: arnOf(keyId) });
    template.hasResourceProperties("AWS::KMS::Key", {
      EnableKeyRotation: true,
      KeyPolicy: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Principal: { Service: "cloudwatch.amazonaws.com" },
            Action: ["kms:Decrypt", "kms:GenerateDataKey*"],
            Effect: "Allow",
          }),
        ]),
      },
    });
  });

  it("accepts publishes over TLS only", () => {
    template.hasResourceProperties("AWS::SNS::TopicPolicy", {
      Topics: [ref(topicId)],
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: "Deny",
            Action: "sns:Publish",
            Condition: { Bool: { "aws:SecureTransport": "false" } },
          }),
        ]),
      },
    });
  });

  it("e-mails the address of the AlertEmail parameter, defaulting to the stage's address", () => {
    template.hasParameter("AlertEmail", {
      Type: "String",
      Default: stage.alertEmail,
      AllowedPattern: Match.anyValue(),
    });
    template.hasResourceProperties("AWS::SNS::Subscription", {
      Protocol: "email",
      Endpoint: ref("AlertEmail"),
      TopicArn: ref(topicId),
    });
    const pattern = new RegExp(template.toJSON().Parameters.AlertEmail.AllowedPattern);
    expect(pattern.test(stage.alertEmail)).toBe(true);
    expect(pattern.test("not an address")).toBe(false);
  });

  it("has no Slack channel unless the stage configures one", () => {
    template.resourceCountIs("AWS::Chatbot::SlackChannelConfiguration", 0);
  });

  it("sends to Slack through AWS Chatbot with a deny-all guardrail when the stage configures it", () => {
    const withSlack = synthStage({
      ...selectStage("prod"),
      slack: { workspaceId: "T0123ABCD", channelId: "C0456EFGH" },
    });
    const [slackTopicId] = resourceByPrefix(withSlack.template, "AWS::SNS::Topic", "AlertingTopic");
    withSlack.template.hasResourceProperties("AWS::Chatbot::SlackChannelConfiguration", {
      SlackWorkspaceId: "T0123ABCD",
      SlackChannelId: "C0456EFGH",
      SnsTopicArns: [ref(slackTopicId)],
      GuardrailPolicies: [Match.objectLike({ "Fn::Join": ["", Match.arrayWith([":iam::aws:policy/AWSDenyAll"])] })],
    });
    // The channel role has no permissions at all: it only relays notifications.
    const [roleId, role] = resourceByPrefix(withSlack.template, "AWS::IAM::Role", "AlertingSlackConfigurationRole");
    expect(role.Properties.ManagedPolicyArns).toBeUndefined();
    expect(
      Object.values(withSlack.template.findResources("AWS::IAM::Policy")).filter((p) =>
        JSON.stringify(p).includes(roleId),
      ),
    ).toEqual([]);
  });
});

describe("alarms", () => {
  it("all notify the alert topic and say what to do", () => {
    const alarms = Object.values(template.findResources("AWS::CloudWatch::Alarm"));
    expect(alarms).toHaveLength(7);
    for (const { Properties } of alarms) {
      expect(Properties.AlarmActions).toEqual([ref(topicId)]);
      expect(textOf(Properties.AlarmDescription)).toMatch(/What to do: .{40,}/);
    }
  });

  it("fire when the dead-letter queue holds a message", () => {
    const [dlqId] = resourceByPrefix(template, "AWS::SQS::Queue", "PipelineDeadLetterQueue");
    expect(alarm("AlarmsDeadLetterQueueNotEmpty")).toMatchObject({
      Namespace: "AWS/SQS",
      MetricName: "ApproximateNumberOfMessagesVisible",
      Dimensions: [{ Name: "QueueName", Value: { "Fn::GetAtt": [dlqId, "QueueName"] } }],
      Statistic: "Maximum",
      ComparisonOperator: "GreaterThanOrEqualToThreshold",
      Threshold: 1,
      EvaluationPeriods: 1,
    });
    expect(textOf(alarm("AlarmsDeadLetterQueueNotEmpty").AlarmDescription)).toContain("jortt-sf replay");
  });

  it.each([
    ["fetch", "AlarmsFetchErrors", "PipelineFetchFunction"],
    ["sync", "AlarmsSyncErrors", "PipelineSyncFunction"],
  ])("fire on any %s function error", (_name, alarmPrefix, functionPrefix) => {
    const [functionId] = resourceByPrefix(template, "AWS::Lambda::Function", functionPrefix);
    expect(alarm(alarmPrefix)).toMatchObject({
      Namespace: "AWS/Lambda",
      MetricName: "Errors",
      Dimensions: [{ Name: "FunctionName", Value: ref(functionId) }],
      Statistic: "Sum",
      ComparisonOperator: "GreaterThanOrEqualToThreshold",
      Threshold: 1,
      TreatMissingData: "notBreaching",
    });
  });

  it("fire when no run completed for the stage's silence window, counting missing data as silence", () => {
    expect(alarm("AlarmsNoSuccessfulRun")).toMatchObject({
      ...handlerMetric(MetricName.RunsCompleted),
      Statistic: "Sum",
      Period: 3600,
      EvaluationPeriods: stage.silenceAlarmHours,
      DatapointsToAlarm: stage.silenceAlarmHours,
      ComparisonOperator: "LessThanThreshold",
      Threshold: 1,
      TreatMissingData: "breaching",
    });
  });

  it("fire when Salesforce API usage goes above the configured budget share", () => {
    expect(alarm("AlarmsSalesforceApiUsageHigh")).toMatchObject({
      ...handlerMetric(MetricName.SalesforceApiUsagePercent),
      Statistic: "Maximum",
      ComparisonOperator: "GreaterThanThreshold",
      Threshold: stage.settings.salesforce.apiBudgetShare * 100,
    });
  });

  it("fire when a record is quarantined", () => {
    expect(alarm("AlarmsRecordsQuarantined")).toMatchObject({
      ...handlerMetric(MetricName.RecordsQuarantined),
      Statistic: "Sum",
      ComparisonOperator: "GreaterThanOrEqualToThreshold",
      Threshold: 1,
    });
  });

  it("fire when the oldest queued message has outlived all its retries", () => {
    const [queueId, queue] = resourceByPrefix(template, "AWS::SQS::Queue", "PipelineSyncQueue");
    const visibility = queue.Properties.VisibilityTimeout as number;
    const receives = (queue.Properties.RedrivePolicy as { maxReceiveCount: number }).maxReceiveCount;
    const backlog = alarm("AlarmsSyncBacklogStale");
    expect(backlog).toMatchObject({
      MetricName: "ApproximateAgeOfOldestMessage",
      Dimensions: [{ Name: "QueueName", Value: { "Fn::GetAtt": [queueId, "QueueName"] } }],
      ComparisonOperator: "GreaterThanThreshold",
    });
    expect(backlog.Threshold).toBeGreaterThanOrEqual(receives * visibility);
  });

  it("watch the same service dimension both functions emit under", () => {
    const [, syncFn] = resourceByPrefix(template, "AWS::Lambda::Function", "PipelineSyncFunction");
    expect(serviceName).toBe(`jortt-salesforce-sync-${stage.name}`);
    expect((syncFn.Properties.Environment as { Variables: Record<string, string> }).Variables).toMatchObject({
      POWERTOOLS_SERVICE_NAME: serviceName,
      POWERTOOLS_METRICS_NAMESPACE: METRICS_NAMESPACE,
    });
  });
});
