import { randomUUID } from "node:crypto";
import type { Context } from "aws-lambda";

/** A Lambda `Context` for a local invocation: the remaining time counts down to the timeout. */
export function localLambdaContext(options: { functionName: string; region: string; timeoutMs: number }): Context {
  const deadline = Date.now() + options.timeoutMs;
  const unsupported = () => {
    throw new Error("Callback-style completion is not supported by the local runtime");
  };
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName: options.functionName,
    functionVersion: "$LATEST",
    invokedFunctionArn: `arn:aws:lambda:${options.region}:000000000000:function:${options.functionName}`,
    memoryLimitInMB: "1024",
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${options.functionName}`,
    logStreamName: "local",
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: unsupported,
    fail: unsupported,
    succeed: unsupported,
  };
}
