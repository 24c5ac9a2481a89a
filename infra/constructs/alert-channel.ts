import { Duration, RemovalPolicy } from "aws-cdk-lib";
import * as chatbot from "aws-cdk-lib/aws-chatbot";
import * as iam from "aws-cdk-lib/aws-iam";
import * as kms from "aws-cdk-lib/aws-kms";
import * as sns from "aws-cdk-lib/aws-sns";
import * as subscriptions from "aws-cdk-lib/aws-sns-subscriptions";
import { Construct } from "constructs";

export interface AlertChannelProps {
  readonly stageName: string;
  /** E-mail address (usually a stack parameter's value) subscribed to the topic. */
  readonly alertEmail: string;
  readonly slack?: { readonly workspaceId: string; readonly channelId: string };
}

/**
 * The SNS alert topic every alarm and the functions' own alerts (invalid settings) go to, with an
 * e-mail subscription and, optionally, a Slack channel through AWS Chatbot (Amazon Q Developer in
 * chat applications). Encrypted with a customer-managed key because CloudWatch alarms cannot use
 * the AWS-managed `aws/sns` key (its policy cannot grant the CloudWatch service); publishing
 * requires TLS.
 */
export class AlertChannel extends Construct {
  readonly topic: sns.Topic;
  readonly key: kms.Key;

  constructor(scope: Construct, id: string, props: AlertChannelProps) {
    super(scope, id);

    this.key = new kms.Key(this, "TopicKey", {
      description: `jortt-salesforce-sync ${props.stageName} alert topic encryption`,
      enableKeyRotation: true,
      // SNS stores no messages, so nothing stays encrypted under this key once the topic is gone.
      removalPolicy: RemovalPolicy.DESTROY,
      pendingWindow: Duration.days(7),
    });
    this.key.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: "CloudWatchAlarmsPublishToEncryptedTopic",
        principals: [new iam.ServicePrincipal("cloudwatch.amazonaws.com")],
        actions: ["kms:Decrypt", "kms:GenerateDataKey*"],
        resources: ["*"],
      }),
    );

    this.topic = new sns.Topic(this, "Topic", {
      displayName: `jortt-salesforce-sync ${props.stageName} alerts`,
      masterKey: this.key,
      enforceSSL: true,
    });
    this.topic.addSubscription(new subscriptions.EmailSubscription(props.alertEmail));

    if (props.slack) {
      new chatbot.SlackChannelConfiguration(this, "Slack", {
        slackChannelConfigurationName: `jortt-sf-${props.stageName}-alerts`,
        slackWorkspaceId: props.slack.workspaceId,
        slackChannelId: props.slack.channelId,
        notificationTopics: [this.topic],
        // The channel only receives notifications: the role has no permissions and the guardrail denies all.
        guardrailPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName("AWSDenyAll")],
      });
    }
  }
}
