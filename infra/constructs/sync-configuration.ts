import { Validations } from "aws-cdk-lib";
import type * as iam from "aws-cdk-lib/aws-iam";
import * as secretsmanager from "aws-cdk-lib/aws-secretsmanager";
import * as ssm from "aws-cdk-lib/aws-ssm";
import { Construct } from "constructs";
import type { SettingsInput } from "../../shared/config/settings-schema";
import { FunctionEnv } from "../../shared/observability/metric-names";

export interface SyncConfigurationProps {
  readonly stageName: string;
  /** Initial JSON of the settings parameter (the stage's validated settings as written in infra/stages.ts). */
  readonly settingsSeed: SettingsInput;
}

/**
 * Where the functions find their configuration: one Secrets Manager secret per external system
 * (JSON with the keys of the configuration contract, values put by the operator after deploy, so
 * no credential is ever in the template) and one SSM parameter holding the settings JSON.
 */
export class SyncConfiguration extends Construct {
  readonly jorttSecret: secretsmanager.Secret;
  readonly salesforceSecret: secretsmanager.Secret;
  readonly settingsParameter: ssm.StringParameter;
  /** Literal names (the operator types them; `secret.secretName` would be an ARN-parsing token). */
  readonly names: { readonly jorttSecret: string; readonly salesforceSecret: string; readonly settings: string };

  constructor(scope: Construct, id: string, props: SyncConfigurationProps) {
    super(scope, id);
    const prefix = `jortt-sf/${props.stageName}`;
    this.names = {
      jorttSecret: `${prefix}/jortt`,
      salesforceSecret: `${prefix}/salesforce`,
      settings: `/${prefix}/settings`,
    };

    // No secretStringValue: CloudFormation fills a random placeholder at creation and never
    // touches the value again, so `put-secret-value` by the operator survives every deploy.
    this.jorttSecret = new secretsmanager.Secret(this, "JorttCredentials", {
      secretName: this.names.jorttSecret,
      description: "Jortt OAuth client: JSON with JORTT_CLIENT_ID, JORTT_CLIENT_SECRET, JORTT_API_URL, JORTT_TOKEN_URL",
    });
    this.salesforceSecret = new secretsmanager.Secret(this, "SalesforceCredentials", {
      secretName: this.names.salesforceSecret,
      description:
        "Salesforce connected app: JSON with SALESFORCE_LOGIN_URL, SALESFORCE_CLIENT_ID and SALESFORCE_CLIENT_SECRET " +
        "or SALESFORCE_USERNAME + SALESFORCE_PRIVATE_KEY, SALESFORCE_API_VERSION",
    });
    for (const secret of [this.jorttSecret, this.salesforceSecret]) {
      Validations.of(secret).acknowledge({
        id: "AwsSolutions-SMG4",
        reason:
          "Third-party OAuth client credentials issued by Jortt / Salesforce: they can only be rotated in those " +
          "systems' admin consoles, so a Secrets Manager rotation function has nothing to call. Rotation is a " +
          "documented manual step (docs/deploy.md).",
      });
    }

    this.settingsParameter = new ssm.StringParameter(this, "Settings", {
      parameterName: this.names.settings,
      description: "jortt-salesforce-sync settings (JSON, validated by the functions before any record moves)",
      stringValue: JSON.stringify(props.settingsSeed),
      // Mapping overrides can outgrow the 4 KB standard tier; intelligent tiering upgrades only then.
      tier: ssm.ParameterTier.INTELLIGENT_TIERING,
    });
  }

  /** Env entries (FunctionEnv names) telling a function where its configuration lives. */
  environment(): Record<string, string> {
    return {
      [FunctionEnv.SettingsParameterName]: this.settingsParameter.parameterName,
      [FunctionEnv.JorttSecretId]: this.jorttSecret.secretArn,
      [FunctionEnv.SalesforceSecretId]: this.salesforceSecret.secretArn,
    };
  }

  /** Read-only access to the settings parameter and both secrets, nothing else. */
  grantRead(grantee: iam.IGrantable): void {
    this.settingsParameter.grantRead(grantee);
    this.jorttSecret.grantRead(grantee);
    this.salesforceSecret.grantRead(grantee);
  }
}
