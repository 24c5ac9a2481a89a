import { CfnOutput, CfnParameter, Stack, type StackProps, Tags } from "aws-cdk-lib";
import type { Construct } from "constructs";
import { AlertChannel } from "./constructs/alert-channel";
import { StateTable } from "./constructs/state-table";
import { SyncAlarms } from "./constructs/sync-alarms";
import { SyncConfiguration } from "./constructs/sync-configuration";
import { SyncDashboard } from "./constructs/sync-dashboard";
import { serviceNameFor } from "./constructs/sync-metrics";
import { SyncPipeline } from "./constructs/sync-pipeline";
import { type HandlerEntries, handlerEntries } from "./project-paths";
import type { StageConfig } from "./stages";

export interface SyncStackProps extends StackProps {
  readonly stage: StageConfig;
  /** Handler entry files; defaults to functions/{fetch,sync}/handler.ts. */
  readonly entries?: HandlerEntries;
}

/** Stack name of a stage, e.g. `JorttSalesforceSync-prod`. */
export function stackNameFor(stageName: string): string {
  return `JorttSalesforceSync-${stageName}`;
}

/** The whole deployment of one stage: configuration, state, pipeline, alerting, alarms, dashboard. */
export class SyncStack extends Stack {
  readonly pipeline: SyncPipeline;
  readonly alarms: SyncAlarms;

  constructor(scope: Construct, id: string, props: SyncStackProps) {
    super(scope, id, {
      description: `jortt-salesforce-sync (${props.stage.name}): Jortt to Salesforce sync pipeline`,
      terminationProtection: props.stage.terminationProtection,
      ...props,
    });
    const { stage } = props;
    Tags.of(this).add("project", "jortt-salesforce-sync");
    Tags.of(this).add("stage", stage.name);

    const alertEmail = new CfnParameter(this, "AlertEmail", {
      type: "String",
      description: "E-mail address that receives the alerts (confirm the subscription e-mail after deploy)",
      default: stage.alertEmail,
      allowedPattern: "^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$",
      constraintDescription: "must be an e-mail address",
    });

    const configuration = new SyncConfiguration(this, "Configuration", {
      stageName: stage.name,
      settingsSeed: stage.settingsSeed,
    });
    const state = new StateTable(this, "State");
    const alerting = new AlertChannel(this, "Alerting", {
      stageName: stage.name,
      alertEmail: alertEmail.valueAsString,
      slack: stage.slack,
    });
    this.pipeline = new SyncPipeline(this, "Pipeline", {
      stage,
      entries: props.entries ?? handlerEntries,
      stateTable: state,
      configuration,
      alertTopic: alerting.topic,
    });
    const serviceName = serviceNameFor(stage.name);
    this.alarms = new SyncAlarms(this, "Alarms", {
      stage,
      serviceName,
      pipeline: this.pipeline,
      alertTopic: alerting.topic,
    });
    const dashboard = new SyncDashboard(this, "Dashboard", {
      stage,
      serviceName,
      pipeline: this.pipeline,
      alarms: this.alarms,
    });

    // What the operator (docs/deploy.md, docs/operations.md) and `jortt-sf` need after deploy.
    const outputs: Record<string, [string, string]> = {
      SyncQueueUrl: [this.pipeline.queue.queueUrl, "Sync queue URL"],
      SyncQueueArn: [this.pipeline.queue.queueArn, "Sync queue ARN (destination of a DLQ redrive)"],
      DeadLetterQueueUrl: [this.pipeline.deadLetterQueue.queueUrl, "Dead-letter queue URL (jortt-sf replay)"],
      DeadLetterQueueArn: [this.pipeline.deadLetterQueue.queueArn, "Dead-letter queue ARN (DLQ redrive)"],
      StateTableName: [state.table.tableName, "DynamoDB state table"],
      AlertTopicArn: [alerting.topic.topicArn, "SNS alert topic"],
      JorttSecretName: [configuration.names.jorttSecret, "Put the Jortt credentials JSON here"],
      SalesforceSecretName: [configuration.names.salesforceSecret, "Put the Salesforce credentials JSON here"],
      SettingsParameterName: [configuration.settingsParameter.parameterName, "Settings JSON (SSM parameter)"],
      FetchFunctionName: [this.pipeline.fetch.function.functionName, "Fetch function (invoke for a run now)"],
      FetchLogGroup: [this.pipeline.fetch.logGroup.logGroupName, "Fetch function logs"],
      SyncLogGroup: [this.pipeline.sync.logGroup.logGroupName, "Sync function logs"],
      DashboardName: [dashboard.dashboard.dashboardName, "CloudWatch dashboard"],
    };
    for (const [id, [value, description]] of Object.entries(outputs)) new CfnOutput(this, id, { value, description });
  }
}
