import { join } from "node:path";
import { GetQueueAttributesCommand, SQSClient } from "@aws-sdk/client-sqs";
import { SqsDeadLetterQueue } from "../../../shared/adapters/aws/sqs-dead-letter-queue";
import { awsEmulatorEnvironment } from "../../../sim/aws/emulator-environment";
import { type PipelineResources, provisionPipelineResources } from "../../../sim/aws/provision-pipeline-resources";
import { runCli } from "../../reliability/support/run-cli";
import { uniqueName, useAwsEmulators } from "../../support/aws-emulators";
import { rawCustomer } from "../../support/fakes/jortt-records";
import { customerMessage } from "../../support/fakes/sync-messages";

/** `jortt-sf replay --aws` (the deployed-stack mode) against SQS/DynamoDB, here the emulators. */
const { endpoints } = useAwsEmulators();
let resources: PipelineResources;
let sqs: SQSClient;

beforeAll(async () => {
  sqs = new SQSClient({});
  resources = await provisionPipelineResources({ namePrefix: uniqueName("replay-cli"), maxReceiveCount: 3 });
});

afterAll(() => sqs.destroy());

/** The emulator's queue URLs use `sqs.<region>.localhost`: the CLI process gets a resolver for it. */
const PRELOAD = join(__dirname, "..", "..", "reliability", "support", "resolve-localhost-preload.cjs");

async function visible(queueUrl: string): Promise<number> {
  const output = await sqs.send(
    new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ["ApproximateNumberOfMessages"] }),
  );
  return Number(output.Attributes?.ApproximateNumberOfMessages ?? 0);
}

describe("jortt-sf replay --aws", () => {
  it("moves the deployed DLQ's letters to the sync queue by code; a second run moves nothing", async () => {
    const customers = [rawCustomer(), rawCustomer()];
    await new SqsDeadLetterQueue({ queueUrl: resources.deadLetterQueueUrl, client: sqs }).deadLetter(
      customers.map((customer, index) => ({
        body: JSON.stringify(customerMessage(customer)),
        reason: {
          key: `customer:${customer.id}`,
          code: index === 0 ? "UNABLE_TO_LOCK_ROW" : "STRING_TOO_LONG",
          message: "m",
        },
      })),
    );
    const env = { ...awsEmulatorEnvironment(endpoints()), NODE_OPTIONS: `--require ${PRELOAD}` };
    const args = [
      "replay",
      "--aws",
      "--dead-letter-queue-url",
      resources.deadLetterQueueUrl,
      "--sync-queue-url",
      resources.queueUrl,
      "--state-table",
      resources.tableName,
    ];

    const first = await runCli([...args, "--code", "UNABLE_TO_LOCK_ROW"], env);
    expect(first.stderr).not.toMatch(/^Error/m);
    expect(first.exitCode).toBe(0);
    expect(first.stdout).toContain("2 dead letter(s): 1 replayed, 1 kept (not selected).");
    expect(await visible(resources.queueUrl)).toBe(1);
    expect(await visible(resources.deadLetterQueueUrl)).toBe(1);

    const rest = await runCli(args, env);
    expect(rest.stdout).toContain("1 dead letter(s): 1 replayed.");
    const again = await runCli(args, env);
    expect(again.exitCode).toBe(0);
    expect(again.stdout).toContain("The dead-letter queue is empty");
    expect(await visible(resources.queueUrl)).toBe(2);
  });
});
