import { SyncError } from "../../errors/sync-error";

/** The parts of an AWS SDK v3 service exception this module reads. */
interface AwsErrorShape {
  name?: string;
  message?: string;
  $fault?: "client" | "server";
  $metadata?: { httpStatusCode?: number };
}

const NOT_FOUND = new Set([
  "ResourceNotFoundException",
  "QueueDoesNotExist",
  "AWS.SimpleQueueService.NonExistentQueue",
  "NotFound",
  "NotFoundException",
]);

const NOT_PERMITTED = new Set([
  "AccessDenied",
  "AccessDeniedException",
  "AuthorizationError",
  "UnrecognizedClientException",
  "InvalidClientTokenId",
  "ExpiredToken",
  "ExpiredTokenException",
  "IncompleteSignature",
  "MissingAuthenticationToken",
  "KMSAccessDeniedException",
  "KMSDisabledException",
  "KMSNotFoundException",
]);

const THROTTLED = new Set([
  "ThrottlingException",
  "Throttling",
  "ProvisionedThroughputExceededException",
  "RequestLimitExceeded",
  "TooManyRequestsException",
  "ThrottledException",
  "RequestThrottled",
]);

export interface AwsErrorContext {
  /** e.g. `DynamoDB BatchWriteItem`. */
  operation: string;
  /** What a person should check when the resource is missing or not permitted (the env var naming it). */
  resourceHint: string;
  recordKey?: string;
}

/**
 * Classifies an AWS SDK error for the failure policy. The SDK has already retried throttling and
 * 5xx with backoff, so what reaches here is: missing/forbidden resources (configuration: stop and
 * alert), throttling or service faults that outlived the retries (transient: SQS redelivers), or a
 * request the service rejected as invalid (data, when it concerns one record).
 */
export function toSyncError(error: unknown, context: AwsErrorContext): SyncError {
  if (error instanceof SyncError) return error;
  const shape = (typeof error === "object" && error !== null ? error : {}) as AwsErrorShape;
  const name = shape.name ?? "UnknownError";
  const status = shape.$metadata?.httpStatusCode;
  const base = { source: "aws" as const, code: `aws.${name}`, cause: error, status, recordKey: context.recordKey };
  const message = `${context.operation} failed: ${name}${shape.message ? ` (${shape.message})` : ""}`;

  if (NOT_FOUND.has(name)) {
    return new SyncError(message, { ...base, errorClass: "configuration", hint: `Check ${context.resourceHint}.` });
  }
  if (NOT_PERMITTED.has(name)) {
    return new SyncError(message, {
      ...base,
      errorClass: "configuration",
      hint: `The function's role or credentials may not access it; check ${context.resourceHint} and the IAM policy.`,
    });
  }
  if (THROTTLED.has(name) || shape.$fault === "server" || status === undefined || status >= 500) {
    return new SyncError(message, { ...base, errorClass: "transient", hint: "Retried on the next delivery." });
  }
  return new SyncError(message, {
    ...base,
    errorClass: context.recordKey ? "data" : "configuration",
    hint: context.recordKey ? "The service rejected this record's request." : `Check ${context.resourceHint}.`,
  });
}
