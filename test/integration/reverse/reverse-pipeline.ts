import { Logger } from "@aws-lambda-powertools/logger";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { SQSClient } from "@aws-sdk/client-sqs";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import type { SQSBatchResponse, SQSEvent } from "aws-lambda";
import { type DrainSummary, drainQueueThroughHandler } from "../../../cli/local/sqs-event-source";
import { DynamoDbStateStore } from "../../../shared/adapters/aws/dynamodb-state-store";
import { SqsDeadLetterQueue } from "../../../shared/adapters/aws/sqs-dead-letter-queue";
import { type DeadLetter, readDeadLetters } from "../../../shared/adapters/aws/sqs-dead-letter-reader";
import { SqsSyncQueue } from "../../../shared/adapters/aws/sqs-sync-queue";
import type { JorttClient } from "../../../shared/adapters/jortt/jortt-client";
import type { SalesforceClient } from "../../../shared/adapters/salesforce";
import type { Settings } from "../../../shared/config/settings-schema";
import type { StateStore } from "../../../shared/ports/state-store";
import { type PushOrdersResult, pushOrdersToJortt } from "../../../shared/use-cases/reverse/push-orders-to-jortt";
import {
  type SelectOrdersSummary,
  selectOrdersToInvoice,
} from "../../../shared/use-cases/reverse/select-orders-to-invoice";
import { type PipelineResources, provisionPipelineResources } from "../../../sim/aws/provision-pipeline-resources";
import { uniqueName } from "../../support/aws-emulators";

export const MAX_RECEIVE_COUNT = 3;

export interface ReversePipelineOptions {
  salesforce: SalesforceClient;
  jortt: JorttClient;
  settings: Settings;
  /** Wraps the DynamoDB state store (fault injection). */
  wrapState?: (state: StateStore) => StateStore;
  /** Called after each push; throwing simulates a crash after the work was done (SQS redelivers all). */
  afterPush?: (result: PushOrdersResult, invocation: number) => void;
  batchSize?: number;
}

/**
 * The reverse flow as deployed, on the emulators: select → SQS sync queue (fauxqs) → the Lambda
 * SQS event-source semantics (batches, partial failures, redelivery after a visibility delay,
 * redrive) → pushOrdersToJortt with DynamoDB state (dynalite) and the SQS DLQ, against the two
 * sandboxes over HTTP.
 */
export class ReversePipeline {
  readonly results: PushOrdersResult[] = [];
  readonly quiet = new Logger({ serviceName: "reverse-test", logLevel: "SILENT" });
  private invocations = 0;
  private readonly sqs = new SQSClient({});

  private constructor(
    readonly resources: PipelineResources,
    readonly state: StateStore,
    private readonly options: ReversePipelineOptions,
    private readonly dynamo: DynamoDBClient,
  ) {}

  static async create(options: ReversePipelineOptions): Promise<ReversePipeline> {
    const resources = await provisionPipelineResources({
      namePrefix: uniqueName("reverse"),
      maxReceiveCount: MAX_RECEIVE_COUNT,
      visibilityTimeoutSeconds: 30,
    });
    const dynamo = new DynamoDBClient({});
    const client = DynamoDBDocumentClient.from(dynamo, { marshallOptions: { removeUndefinedValues: true } });
    const base = new DynamoDbStateStore({ tableName: resources.tableName, retentionDays: 1, client });
    return new ReversePipeline(resources, options.wrapState ? options.wrapState(base) : base, options, dynamo);
  }

  private deps() {
    return {
      now: () => new Date(),
      logger: this.quiet,
      salesforce: this.options.salesforce,
      jortt: this.options.jortt,
      state: this.state,
      queue: new SqsSyncQueue({ queueUrl: this.resources.queueUrl, client: this.sqs }),
      deadLetters: new SqsDeadLetterQueue({ queueUrl: this.resources.deadLetterQueueUrl, client: this.sqs }),
      settings: this.options.settings,
      // Redelivery comes 1 s after a failure here; the reservation must be shorter.
      createLockSeconds: 1,
    };
  }

  select(runId: string): Promise<SelectOrdersSummary> {
    return selectOrdersToInvoice(this.deps(), { runId });
  }

  /** Feeds the queue to the push until it is empty (retries included). */
  drain(): Promise<DrainSummary> {
    const handler = async (event: SQSEvent): Promise<SQSBatchResponse> => {
      this.invocations += 1;
      const messages = event.Records.map((record) => ({
        messageId: record.messageId,
        body: record.body,
        receiveCount: Number(record.attributes.ApproximateReceiveCount),
      }));
      const result = await pushOrdersToJortt(this.deps(), messages, {
        runId: `push-${this.invocations}`,
        maxReceiveCount: MAX_RECEIVE_COUNT,
      });
      this.results.push(result);
      this.options.afterPush?.(result, this.invocations);
      return {
        batchItemFailures: result.results
          .filter((entry) => entry.outcome === "retry")
          .map((entry) => ({ itemIdentifier: entry.messageId })),
      };
    };
    return drainQueueThroughHandler({
      client: this.sqs,
      queueUrl: this.resources.queueUrl,
      queueArn: this.resources.queueArn,
      region: process.env.AWS_REGION ?? "eu-west-1",
      handler,
      functionName: "sync",
      batchSize: this.options.batchSize ?? 10,
      batchingWindowMs: 50,
      timeoutMs: 30_000,
      retryDelaySeconds: 1,
    });
  }

  /** Enqueues raw messages (duplicates, replays) as the fetch would. */
  async enqueue(bodies: readonly Parameters<SqsSyncQueue["enqueue"]>[0][number][]): Promise<void> {
    await new SqsSyncQueue({ queueUrl: this.resources.queueUrl, client: this.sqs }).enqueue(bodies);
  }

  deadLetters(): Promise<DeadLetter[]> {
    return readDeadLetters({
      queueUrl: this.resources.deadLetterQueueUrl,
      max: 100,
      visibilityTimeoutSeconds: 60,
      client: this.sqs,
    });
  }

  /** Sum of a numeric field over every push result. */
  total(
    field: "invoicesCreated" | "invoicesLinked" | "customersCreated" | "jorttRequests" | "salesforceApiCalls",
  ): number {
    return this.results.reduce((sum, result) => sum + result[field], 0);
  }

  outcomes(): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const result of this.results) {
      for (const entry of result.results) {
        const name = `${entry.outcome}${entry.code ? `:${entry.code}` : ""}`;
        counts[name] = (counts[name] ?? 0) + 1;
      }
    }
    return counts;
  }

  close(): void {
    this.sqs.destroy();
    this.dynamo.destroy();
  }
}
