import { Match } from "aws-cdk-lib/assertions";
import { STATE_TABLE_ACTIONS } from "../../infra/constructs/state-table";
import { StateTable } from "../../shared/adapters/aws/state-table-layout";
import { SettingsSchema } from "../../shared/config/settings-schema";
import { actionsOf, arnOf, ref, resourceByPrefix, roleStatements, synthStage } from "./support/synth-stage";

const { template, stage } = synthStage("prod");
const [tableId, table] = resourceByPrefix(template, "AWS::DynamoDB::GlobalTable", "StateTable");
const [jorttId] = resourceByPrefix(template, "AWS::SecretsManager::Secret", "ConfigurationJortt");
const [salesforceId] = resourceByPrefix(template, "AWS::SecretsManager::Secret", "ConfigurationSalesforce");
const [settingsId, settings] = resourceByPrefix(template, "AWS::SSM::Parameter", "ConfigurationSettings");
const functionRoles = ["PipelineFetchRole", "PipelineSyncRole"].map(
  (prefix) => resourceByPrefix(template, "AWS::IAM::Role", prefix)[0],
);

describe("state table", () => {
  it("is one on-demand table keyed pk/sk (S) with TTL on expiresAt, as the state store's layout says", () => {
    template.resourceCountIs("AWS::DynamoDB::GlobalTable", 1);
    template.resourceCountIs("AWS::DynamoDB::Table", 0);
    expect(table.Properties).toMatchObject({
      BillingMode: "PAY_PER_REQUEST",
      KeySchema: [
        { AttributeName: StateTable.partitionKey, KeyType: "HASH" },
        { AttributeName: StateTable.sortKey, KeyType: "RANGE" },
      ],
      AttributeDefinitions: [
        { AttributeName: "pk", AttributeType: "S" },
        { AttributeName: "sk", AttributeType: "S" },
      ],
      TimeToLiveSpecification: { AttributeName: "expiresAt", Enabled: true },
    });
    expect(StateTable.ttlAttribute).toBe("expiresAt");
  });

  it("has point-in-time recovery, deletion protection and KMS encryption with the AWS-managed key", () => {
    expect(table.Properties.Replicas).toMatchObject([
      { PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true }, DeletionProtectionEnabled: true },
    ]);
    template.hasResourceProperties("AWS::DynamoDB::GlobalTable", {
      Replicas: [Match.objectLike({ PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true } })],
      SSESpecification: { SSEEnabled: true, SSEType: "KMS" },
    });
    // AWS-managed key: no customer key referenced anywhere on the table.
    expect(JSON.stringify(table.Properties)).not.toContain("KMSMasterKeyId");
  });

  it("is retained when the stack is deleted or the table replaced", () => {
    expect(table.DeletionPolicy).toBe("Retain");
    expect(table.UpdateReplacePolicy).toBe("Retain");
  });

  it("grants each function exactly the state store's item actions on this table, nothing wider", () => {
    for (const roleId of functionRoles) {
      const tableStatements = roleStatements(template, roleId).filter((s) =>
        actionsOf(s).some((action) => action.startsWith("dynamodb:")),
      );
      expect(tableStatements).toEqual([
        { Action: [...STATE_TABLE_ACTIONS], Effect: "Allow", Resource: arnOf(tableId) },
      ]);
    }
  });
});

describe("configuration", () => {
  it("creates both credential secrets without any value in the template", () => {
    template.resourceCountIs("AWS::SecretsManager::Secret", 2);
    for (const [name, id] of [
      ["jortt", jorttId],
      ["salesforce", salesforceId],
    ] as const) {
      const [, secret] = resourceByPrefix(template, "AWS::SecretsManager::Secret", id);
      expect(secret.Properties).toMatchObject({ Name: `jortt-sf/${stage.name}/${name}`, GenerateSecretString: {} });
      expect(secret.Properties.SecretString).toBeUndefined();
    }
    const text = JSON.stringify(template.toJSON());
    expect(text.includes('"SecretString"')).toBe(false);
    expect(/"(JORTT_CLIENT_SECRET|SALESFORCE_CLIENT_SECRET|SALESFORCE_PRIVATE_KEY)"\s*:/.test(text)).toBe(false);
  });

  it("names the credential keys of the configuration contract in the secrets' descriptions", () => {
    const [, jortt] = resourceByPrefix(template, "AWS::SecretsManager::Secret", jorttId);
    const [, salesforce] = resourceByPrefix(template, "AWS::SecretsManager::Secret", salesforceId);
    for (const key of ["JORTT_CLIENT_ID", "JORTT_CLIENT_SECRET", "JORTT_API_URL", "JORTT_TOKEN_URL"]) {
      expect(jortt.Properties.Description).toContain(key);
    }
    for (const key of [
      "SALESFORCE_LOGIN_URL",
      "SALESFORCE_CLIENT_ID",
      "SALESFORCE_PRIVATE_KEY",
      "SALESFORCE_API_VERSION",
    ]) {
      expect(salesforce.Properties.Description).toContain(key);
    }
  });

  it("seeds the settings parameter with the stage's settings, valid under the functions' schema", () => {
    expect(settings.Properties).toMatchObject({
      Name: `/jortt-sf/${stage.name}/settings`,
      Type: "String",
      Tier: "Intelligent-Tiering",
    });
    const value = JSON.parse(settings.Properties.Value as string);
    expect(value).toEqual(stage.settingsSeed);
    expect(SettingsSchema.parse(value)).toEqual(stage.settings);
  });

  it("grants each function read-only access to the settings parameter and both secrets", () => {
    for (const roleId of functionRoles) {
      const statements = roleStatements(template, roleId);
      const configStatements = statements.filter((s) =>
        actionsOf(s).some((action) => /^(ssm|secretsmanager):/.test(action)),
      );
      expect(configStatements).toEqual([
        {
          Action: ["ssm:DescribeParameters", "ssm:GetParameters", "ssm:GetParameter", "ssm:GetParameterHistory"],
          Effect: "Allow",
          Resource: {
            "Fn::Join": [
              "",
              [
                "arn:",
                { Ref: "AWS::Partition" },
                ":ssm:",
                { Ref: "AWS::Region" },
                ":",
                { Ref: "AWS::AccountId" },
                ":parameter",
                ref(settingsId),
              ],
            ],
          },
        },
        {
          Action: ["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"],
          Effect: "Allow",
          Resource: ref(jorttId),
        },
        {
          Action: ["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"],
          Effect: "Allow",
          Resource: ref(salesforceId),
        },
      ]);
    }
  });

  it("lets each function publish to the alert topic (invalid-settings alert) and use only the topic's key", () => {
    const [topicId] = resourceByPrefix(template, "AWS::SNS::Topic", "AlertingTopic");
    const [keyId] = resourceByPrefix(template, "AWS::KMS::Key", "AlertingTopicKey");
    for (const roleId of functionRoles) {
      const statements = roleStatements(template, roleId);
      expect(statements).toContainEqual({ Action: "sns:Publish", Effect: "Allow", Resource: ref(topicId) });
      expect(statements.filter((s) => actionsOf(s).some((a) => a.startsWith("kms:")))).toEqual([
        { Action: ["kms:Decrypt", "kms:GenerateDataKey*"], Effect: "Allow", Resource: arnOf(keyId) },
      ]);
    }
  });

  it("lets fetch send to the sync queue, both send to the DLQ, and neither read the DLQ", () => {
    const [queueId] = resourceByPrefix(template, "AWS::SQS::Queue", "PipelineSyncQueue");
    const [dlqId] = resourceByPrefix(template, "AWS::SQS::Queue", "PipelineDeadLetterQueue");
    const send = ["sqs:SendMessage", "sqs:GetQueueAttributes", "sqs:GetQueueUrl"];
    const [fetchRole, syncRole] = functionRoles as [string, string];
    const sqsOf = (roleId: string) =>
      roleStatements(template, roleId).filter((s) => actionsOf(s).some((a) => a.startsWith("sqs:")));
    expect(sqsOf(fetchRole)).toEqual([
      { Action: send, Effect: "Allow", Resource: arnOf(queueId) },
      { Action: send, Effect: "Allow", Resource: arnOf(dlqId) },
    ]);
    // The sync role also consumes the sync queue (event source mapping), never the DLQ.
    expect(sqsOf(syncRole)).toEqual([
      { Action: send, Effect: "Allow", Resource: arnOf(dlqId) },
      {
        Action: [
          "sqs:ReceiveMessage",
          "sqs:ChangeMessageVisibility",
          "sqs:GetQueueUrl",
          "sqs:DeleteMessage",
          "sqs:GetQueueAttributes",
        ],
        Effect: "Allow",
        Resource: arnOf(queueId),
      },
    ]);
  });
});
