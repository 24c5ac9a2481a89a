import { randomBytes } from "node:crypto";
import { resolveLocalhostSubdomains } from "../../sim/aws/localhost-dns";
import type { AwsEndpoints } from "../../sim/aws/start-aws-emulators";

/**
 * For test files that talk to the emulators started by Jest's globalSetup: checks the endpoints
 * are exported and makes `sqs.<region>.localhost` resolve in this worker (registers before/after hooks).
 */
export function useAwsEmulators(): { endpoints: () => AwsEndpoints } {
  let restoreDns: (() => void) | undefined;
  beforeAll(() => {
    awsEmulatorEndpoints();
    restoreDns = resolveLocalhostSubdomains();
  });
  afterAll(() => restoreDns?.());
  return { endpoints: awsEmulatorEndpoints };
}

export function awsEmulatorEndpoints(): AwsEndpoints {
  const { AWS_REGION, AWS_ENDPOINT_URL_SQS, AWS_ENDPOINT_URL_SNS, AWS_ENDPOINT_URL_DYNAMODB } = process.env;
  if (!AWS_REGION || !AWS_ENDPOINT_URL_SQS || !AWS_ENDPOINT_URL_SNS || !AWS_ENDPOINT_URL_DYNAMODB) {
    throw new Error(
      "AWS emulator endpoints are not set: jest.config.ts must run test/support/aws-emulators-global-setup.ts",
    );
  }
  return {
    region: AWS_REGION,
    sqs: AWS_ENDPOINT_URL_SQS,
    sns: AWS_ENDPOINT_URL_SNS,
    dynamodb: AWS_ENDPOINT_URL_DYNAMODB,
  };
}

/** A resource name no other test file uses (queues, tables and topics are shared across workers). */
export function uniqueName(prefix: string): string {
  return `${prefix}-${randomBytes(4).toString("hex")}`;
}
