import "../../support/quiet-metrics";

import { Writable } from "node:stream";
import { GetQueueAttributesCommand, SQSClient } from "@aws-sdk/client-sqs";
import { localLambdaContext } from "../../../cli/local/lambda-context";
import { sandboxJorttCredentials, sandboxSalesforceCredentials } from "../../../cli/local/local-systems";
import { redirectPowertoolsOutput } from "../../../cli/local/powertools-output";
import { drainQueueThroughHandler } from "../../../cli/local/sqs-event-source";
import { handler as fetchHandler } from "../../../functions/fetch/handler";
import { handler as syncHandler } from "../../../functions/sync/handler";
import { resetConfigCache } from "../../../shared/config/load-config";
import { logger } from "../../../shared/observability/logger";
import { FunctionEnv } from "../../../shared/observability/metric-names";
import { drainAlertInbox } from "../../../sim/aws/alert-inbox";
import { type PipelineResources, provisionPipelineResources } from "../../../sim/aws/provision-pipeline-resources";
import { type SecretsSsmFake, startSecretsSsmFake } from "../../../sim/aws/secrets-ssm-fake";
import { uniqueName, useAwsEmulators } from "../../support/aws-emulators";
import { type PipelineSandboxes, startPipelineSandboxes } from "../../support/pipeline-sandboxes";
import { salesforceMirrorProblems } from "../../support/salesforce-mirror";

// The deployed path: the handlers' default exports read FunctionEnv, Secrets Manager and SSM
// exactly as in Lambda (here a Secrets/SSM fake, SQS/SNS/DynamoDB emulators, the sandboxes).
const { endpoints } = useAwsEmulators();
const SETTINGS_PARAMETER = "/jortt-sf/test/settings";
const sqs = new SQSClient({});

let sandboxes: PipelineSandboxes;
let resources: PipelineResources;
let secrets: SecretsSsmFake;
const savedEnv = { ...process.env };
let restoreLogger: () => void = () => {};

beforeAll(async () => {
  sandboxes = await startPipelineSandboxes({ seed: 5, customers: 8, invoices: 16 });
  resources = await provisionPipelineResources({ namePrefix: uniqueName("lambda"), maxReceiveCount: 3 });
  secrets = await startSecretsSsmFake({
    region: endpoints().region,
    secrets: {
      "jortt-sf/jortt": sandboxJorttCredentials(sandboxes.jortt),
      "jortt-sf/salesforce": sandboxSalesforceCredentials(sandboxes.salesforce),
    },
    parameters: { [SETTINGS_PARAMETER]: JSON.stringify({ sync: { batchSize: 10 } }) },
  });
  Object.assign(process.env, {
    AWS_ENDPOINT_URL_SECRETS_MANAGER: secrets.url,
    AWS_ENDPOINT_URL_SSM: secrets.url,
    [FunctionEnv.StateTableName]: resources.tableName,
    [FunctionEnv.SyncQueueUrl]: resources.queueUrl,
    [FunctionEnv.DeadLetterQueueUrl]: resources.deadLetterQueueUrl,
    [FunctionEnv.AlertTopicArn]: resources.topicArn,
    [FunctionEnv.SettingsParameterName]: SETTINGS_PARAMETER,
    [FunctionEnv.JorttSecretId]: "jortt-sf/jortt",
    [FunctionEnv.SalesforceSecretId]: "jortt-sf/salesforce",
  });
  resetConfigCache();
  restoreLogger = redirectPowertoolsOutput([logger], devNull());
});

afterAll(async () => {
  restoreLogger();
  process.env = savedEnv;
  resetConfigCache();
  sqs.destroy();
  await Promise.allSettled([sandboxes.close(), secrets.close()]);
});

function context(functionName: string) {
  return localLambdaContext({ functionName, region: endpoints().region, timeoutMs: 60_000 });
}

function devNull(): NodeJS.WritableStream {
  return new Writable({ write: (_chunk, _encoding, done) => done() });
}

describe("the Lambda handlers as deployed (FunctionEnv + Secrets Manager + SSM)", () => {
  it("fetch then sync mirror Jortt in Salesforce; configuration is read once per container", async () => {
    const summary = await fetchHandler({ "detail-type": "Scheduled Event", source: "aws.scheduler" }, context("fetch"));
    expect(summary.status).toBe("succeeded");
    expect(summary.counts.enqueued).toBeGreaterThan(0);

    const drain = await drainQueueThroughHandler({
      client: sqs,
      queueUrl: resources.queueUrl,
      queueArn: resources.queueArn,
      region: endpoints().region,
      handler: syncHandler,
      functionName: "sync",
      batchSize: 10,
      batchingWindowMs: 100,
      timeoutMs: 60_000,
      retryDelaySeconds: 0,
    });

    expect(drain.failedDeliveries).toBe(0);
    expect(drain.invocations).toBeGreaterThanOrEqual(Math.ceil(summary.counts.enqueued / 10));
    expect(salesforceMirrorProblems(sandboxes.salesforce, sandboxes.data)).toEqual([]);
    expect(secrets.callCount("secretsmanager.GetSecretValue")).toBe(2);
    expect(secrets.callCount("AmazonSSM.GetParameter")).toBe(1);

    const again = await fetchHandler({}, context("fetch"));
    expect(again.counts.enqueued).toBe(0);
    expect(secrets.callCount("secretsmanager.GetSecretValue")).toBe(2);
  });

  it("an invalid settings parameter stops fetch before any record moves, with one alert per incident", async () => {
    secrets.setParameter(SETTINGS_PARAMETER, JSON.stringify({ sync: { batchSize: 0 } }));
    resetConfigCache();
    await drainAlertInbox(resources.alertInboxUrl, sqs);

    const first = await fetchHandler({}, context("fetch"));
    const second = await fetchHandler({}, context("fetch"));

    expect(first).toMatchObject({
      status: "failed",
      error: { errorClass: "configuration", code: "config.settings.invalid" },
    });
    expect(second.status).toBe("failed");
    const alerts = await drainAlertInbox(resources.alertInboxUrl, sqs);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]?.body).toContain("sync.batchSize");
    const depth = await sqs.send(
      new GetQueueAttributesCommand({ QueueUrl: resources.queueUrl, AttributeNames: ["ApproximateNumberOfMessages"] }),
    );
    expect(depth.Attributes?.ApproximateNumberOfMessages).toBe("0");
  });
});
