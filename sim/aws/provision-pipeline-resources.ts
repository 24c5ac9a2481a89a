import {
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  ResourceInUseException,
} from "@aws-sdk/client-dynamodb";
import { CreateTopicCommand, SNSClient, SubscribeCommand } from "@aws-sdk/client-sns";
import { CreateQueueCommand, GetQueueAttributesCommand, SQSClient } from "@aws-sdk/client-sqs";
import { StateTable } from "../../shared/adapters/aws/state-table-layout";

/** The AWS resources the pipeline uses, as CDK would create them; names are local. */
export interface PipelineResources {
  tableName: string;
  queueUrl: string;
  queueArn: string;
  deadLetterQueueUrl: string;
  deadLetterQueueArn: string;
  topicArn: string;
  /** An SQS queue subscribed to the alert topic: the local stand-in for e-mail/Slack. */
  alertInboxUrl: string;
}

export interface ProvisionOptions {
  /** Prefix of every resource name (letters, digits, `-`); unique per test file for isolation. */
  namePrefix: string;
  /** Receives before SQS moves a message to the DLQ (settings.sync.maxReceiveCount). */
  maxReceiveCount: number;
  /** The queue's default visibility timeout (the function timeout in AWS). */
  visibilityTimeoutSeconds?: number;
}

/**
 * Creates the state table, the sync queue with its DLQ redrive, the alert topic and an inbox
 * subscribed to it, on whatever `AWS_ENDPOINT_URL_*` points at (the emulators). Idempotent: a
 * persisted table is reused.
 */
export async function provisionPipelineResources(options: ProvisionOptions): Promise<PipelineResources> {
  const sqs = new SQSClient({});
  const sns = new SNSClient({});
  const dynamodb = new DynamoDBClient({});
  try {
    const tableName = `${options.namePrefix}-state`;
    await createStateTable(dynamodb, tableName);

    const deadLetterQueueUrl = await createQueue(sqs, `${options.namePrefix}-sync-dlq`, {
      MessageRetentionPeriod: String(14 * 24 * 3600),
    });
    const deadLetterQueueArn = await queueArn(sqs, deadLetterQueueUrl);
    const queueUrl = await createQueue(sqs, `${options.namePrefix}-sync`, {
      VisibilityTimeout: String(options.visibilityTimeoutSeconds ?? 30),
      RedrivePolicy: JSON.stringify({
        deadLetterTargetArn: deadLetterQueueArn,
        maxReceiveCount: options.maxReceiveCount,
      }),
    });

    const topic = await sns.send(new CreateTopicCommand({ Name: `${options.namePrefix}-alerts` }));
    const topicArn = topic.TopicArn ?? "";
    const alertInboxUrl = await createQueue(sqs, `${options.namePrefix}-alert-inbox`, {});
    await sns.send(
      new SubscribeCommand({ TopicArn: topicArn, Protocol: "sqs", Endpoint: await queueArn(sqs, alertInboxUrl) }),
    );

    return {
      tableName,
      queueUrl,
      queueArn: await queueArn(sqs, queueUrl),
      deadLetterQueueUrl,
      deadLetterQueueArn,
      topicArn,
      alertInboxUrl,
    };
  } finally {
    sqs.destroy();
    sns.destroy();
    dynamodb.destroy();
  }
}

/** The state table: pk/sk strings, on-demand. TTL on `expiresAt` is set by CDK (dynalite has no UpdateTimeToLive). */
export async function createStateTable(client: DynamoDBClient, tableName: string): Promise<void> {
  try {
    await client.send(
      new CreateTableCommand({
        TableName: tableName,
        BillingMode: "PAY_PER_REQUEST",
        AttributeDefinitions: [
          { AttributeName: StateTable.partitionKey, AttributeType: "S" },
          { AttributeName: StateTable.sortKey, AttributeType: "S" },
        ],
        KeySchema: [
          { AttributeName: StateTable.partitionKey, KeyType: "HASH" },
          { AttributeName: StateTable.sortKey, KeyType: "RANGE" },
        ],
      }),
    );
  } catch (error) {
    if (!(error instanceof ResourceInUseException)) throw error;
  }
  for (let attempt = 0; attempt < 50; attempt += 1) {
    const described = await client.send(new DescribeTableCommand({ TableName: tableName }));
    if (described.Table?.TableStatus === "ACTIVE") return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`Table ${tableName} did not become ACTIVE`);
}

async function createQueue(client: SQSClient, name: string, attributes: Record<string, string>): Promise<string> {
  const output = await client.send(new CreateQueueCommand({ QueueName: name, Attributes: attributes }));
  if (!output.QueueUrl) throw new Error(`CreateQueue ${name} returned no URL`);
  return output.QueueUrl;
}

async function queueArn(client: SQSClient, queueUrl: string): Promise<string> {
  const output = await client.send(new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ["QueueArn"] }));
  const arn = output.Attributes?.QueueArn;
  if (!arn) throw new Error(`No QueueArn for ${queueUrl}`);
  return arn;
}
