import { type Duration, RemovalPolicy, Validations } from "aws-cdk-lib";
import * as iam from "aws-cdk-lib/aws-iam";
import * as lambda from "aws-cdk-lib/aws-lambda";
import { NodejsFunction, OutputFormat } from "aws-cdk-lib/aws-lambda-nodejs";
import * as logs from "aws-cdk-lib/aws-logs";
import { Construct } from "constructs";
import { lockFilePath, projectRoot } from "../project-paths";

export interface HouseFunctionProps {
  /** TypeScript entry exporting `handler`. */
  readonly entry: string;
  readonly description: string;
  readonly timeout: Duration;
  readonly memorySize: number;
  readonly environment: Readonly<Record<string, string>>;
  readonly logRetention: logs.RetentionDays;
  readonly tracing: boolean;
  /** Reserved concurrency; unset = account pool. */
  readonly reservedConcurrency?: number;
  /** Retries of asynchronous invocations (Lambda default 2). */
  readonly asyncRetryAttempts?: number;
}

/** esbuild target; the Lambda runtime may be newer, never older. */
export const BUNDLE_TARGET = "node22";
export const FUNCTION_RUNTIME = lambda.Runtime.NODEJS_24_X;

/**
 * The project's Lambda function with secure defaults: Node 24 on arm64, bundled by the local
 * esbuild (never Docker; AWS SDK v3 comes from the runtime), minified with source maps, its own
 * log group with retention, and an execution role that can only write to that log group (no
 * AWS-managed policy), so every further permission is an explicit grant by the caller.
 */
export class HouseFunction extends Construct {
  readonly function: NodejsFunction;
  readonly logGroup: logs.LogGroup;
  readonly role: iam.Role;

  constructor(scope: Construct, id: string, props: HouseFunctionProps) {
    super(scope, id);

    this.logGroup = new logs.LogGroup(this, "Logs", {
      retention: props.logRetention,
      // Logs of a deleted stage go with it; the state table is the one resource kept.
      removalPolicy: RemovalPolicy.DESTROY,
    });

    this.role = new iam.Role(this, "Role", {
      assumedBy: new iam.ServicePrincipal("lambda.amazonaws.com"),
      description: `Execution role of ${props.description}`,
    });
    this.logGroup.grantWrite(this.role);

    this.function = new NodejsFunction(this, "Function", {
      entry: props.entry,
      handler: "handler",
      description: props.description,
      runtime: FUNCTION_RUNTIME,
      architecture: lambda.Architecture.ARM_64,
      timeout: props.timeout,
      memorySize: props.memorySize,
      role: this.role,
      logGroup: this.logGroup,
      tracing: props.tracing ? lambda.Tracing.ACTIVE : undefined,
      reservedConcurrentExecutions: props.reservedConcurrency,
      retryAttempts: props.asyncRetryAttempts,
      projectRoot,
      depsLockFilePath: lockFilePath,
      environment: { NODE_OPTIONS: "--enable-source-maps", ...props.environment },
      bundling: {
        forceDockerBundling: false,
        externalModules: ["@aws-sdk/*"],
        format: OutputFormat.CJS,
        target: BUNDLE_TARGET,
        minify: true,
        sourceMap: true,
        sourcesContent: false,
      },
    });

    if (props.tracing) {
      Validations.of(this.role).acknowledge({
        id: "AwsSolutions-IAM5[Resource::*]",
        reason:
          "Added by Lambda active tracing: xray:PutTraceSegments and xray:PutTelemetryRecords support no " +
          "resource-level permissions. Every other statement of this role names its resource (checked in test/infra).",
      });
    }
  }
}
