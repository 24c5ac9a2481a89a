import type { AwsEndpoints } from "./start-aws-emulators";

/**
 * The standard variables that point SDK v3 clients built as `new XClient({})` at the emulators,
 * plus fake credentials (the emulators accept any signature).
 */
export function awsEmulatorEnvironment(endpoints: AwsEndpoints): Record<string, string> {
  return {
    AWS_REGION: endpoints.region,
    AWS_DEFAULT_REGION: endpoints.region,
    AWS_ACCESS_KEY_ID: "test",
    AWS_SECRET_ACCESS_KEY: "test",
    AWS_ENDPOINT_URL_SQS: endpoints.sqs,
    AWS_ENDPOINT_URL_SNS: endpoints.sns,
    AWS_ENDPOINT_URL_DYNAMODB: endpoints.dynamodb,
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
  };
}

/** Sets those variables in this process; returns a function that puts the previous values back. */
export function applyAwsEmulatorEnvironment(endpoints: AwsEndpoints): () => void {
  const previous = new Map<string, string | undefined>();
  for (const [name, value] of Object.entries(awsEmulatorEnvironment(endpoints))) {
    previous.set(name, process.env[name]);
    process.env[name] = value;
  }
  // Session tokens or profiles from the developer's shell must not mix with the fake credentials.
  for (const name of ["AWS_SESSION_TOKEN", "AWS_PROFILE"]) {
    previous.set(name, process.env[name]);
    delete process.env[name];
  }
  return () => {
    for (const [name, value] of previous) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  };
}
