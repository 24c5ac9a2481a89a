import type { Logger } from "@aws-lambda-powertools/logger";
import { DynamoDbStateStore } from "../adapters/aws/dynamodb-state-store";
import { SqsDeadLetterQueue } from "../adapters/aws/sqs-dead-letter-queue";
import { SqsSyncQueue } from "../adapters/aws/sqs-sync-queue";
import { JORTT_READ_SCOPES, JORTT_READ_WRITE_SCOPES, JorttClient } from "../adapters/jortt/jortt-client";
import { createSalesforceClient, type SalesforceClient } from "../adapters/salesforce";
import { CompositeCollectionsGateway } from "../adapters/salesforce/composite-collections-gateway";
import type { LoadedConfig } from "../config/load-config";
import type { Settings } from "../config/settings-schema";
import { SyncError } from "../errors/sync-error";
import { logger as sharedLogger } from "../observability/logger";
import type { StateStore } from "../ports/state-store";
import type { SyncQueue } from "../ports/sync-queue";
import type { FetchChangesDeps } from "../use-cases/fetch-changes";
import type { SyncRecordsDeps } from "../use-cases/sync-records";
import type { PipelineResourceNames } from "./pipeline-resource-names";

/** Run-time pieces every use case gets; tests and the local runtime may replace them. */
export interface CompositionOptions {
  now?: () => Date;
  logger?: Logger;
  /**
   * The reverse flow's create reservation (seconds); must stay below the sync queue's visibility
   * timeout / retry delay (default 60; the local runtime uses its retry delay).
   */
  createLockSeconds?: number;
}

/** What the fetch function works with: the use case's deps plus the clients, for counts. */
export interface FetchComposition {
  deps: FetchChangesDeps;
  jortt: JorttClient;
  salesforce: SalesforceClient;
}

export interface SyncComposition {
  deps: SyncRecordsDeps;
  /** The Salesforce client wrapped so the batch's Collections writes share Composite calls. */
  salesforce: CompositeCollectionsGateway;
  /** Set when `flows.salesforceToJortt` is on: what pushOrdersToJortt needs besides `deps`. */
  reverse?: ReverseComposition;
}

export interface ReverseComposition {
  /** A Jortt client with write scopes (creates customers and invoices). */
  jortt: JorttClient;
  createLockSeconds?: number;
}

/**
 * The one place that turns configuration + resource names into adapters for the use cases. Used by
 * the Lambda handlers (via environment-wiring.ts) and by the local runtime alike.
 */
export function composeFetch(
  config: LoadedConfig,
  names: PipelineResourceNames,
  options: CompositionOptions = {},
): FetchComposition {
  const jortt = jorttClient(config);
  const salesforce = salesforceClient(config);
  const deps: FetchChangesDeps = {
    ...runtime(options),
    jortt,
    salesforce,
    state: stateStore(names, config.settings),
    queue: syncQueue(names),
    deadLetters: new SqsDeadLetterQueue({ queueUrl: names.deadLetterQueueUrl }),
    settings: config.settings,
  };
  return { deps, jortt, salesforce };
}

export function composeSync(
  config: LoadedConfig,
  names: PipelineResourceNames,
  options: CompositionOptions = {},
): SyncComposition {
  const salesforce = new CompositeCollectionsGateway(salesforceClient(config));
  const deps: SyncRecordsDeps = {
    ...runtime(options),
    salesforce,
    state: stateStore(names, config.settings),
    deadLetters: new SqsDeadLetterQueue({ queueUrl: names.deadLetterQueueUrl }),
    settings: config.settings,
  };
  if (!config.settings.flows.salesforceToJortt) return { deps, salesforce };
  const reverse: ReverseComposition = {
    jortt: jorttClient(config),
    ...(options.createLockSeconds !== undefined ? { createLockSeconds: options.createLockSeconds } : {}),
  };
  return { deps, salesforce, reverse };
}

export function stateStore(names: PipelineResourceNames, settings: Settings): StateStore {
  return new DynamoDbStateStore({ tableName: names.stateTableName, retentionDays: settings.activityLog.retentionDays });
}

function runtime(options: CompositionOptions): { now: () => Date; logger: Logger } {
  return { now: options.now ?? (() => new Date()), logger: options.logger ?? sharedLogger };
}

function syncQueue(names: PipelineResourceNames): SyncQueue {
  if (names.syncQueueUrl) return new SqsSyncQueue({ queueUrl: names.syncQueueUrl });
  return {
    enqueue: async () => {
      throw new SyncError("SYNC_QUEUE_URL is not set", {
        code: "config.function-env.missing",
        errorClass: "configuration",
        source: "config",
        field: "SYNC_QUEUE_URL",
        hint: "The fetch function needs SYNC_QUEUE_URL (set by the CDK stack).",
      });
    },
  };
}

function jorttClient(config: LoadedConfig): JorttClient {
  const credentials = config.jortt;
  if (!credentials) throw notConfigured("Jortt", "JORTT_CLIENT_ID and JORTT_CLIENT_SECRET");
  const scopes =
    credentials.JORTT_SCOPES?.split(/\s+/) ??
    (config.settings.flows.salesforceToJortt ? JORTT_READ_WRITE_SCOPES : JORTT_READ_SCOPES);
  return new JorttClient({
    clientId: credentials.JORTT_CLIENT_ID,
    clientSecret: credentials.JORTT_CLIENT_SECRET,
    baseUrl: credentials.JORTT_API_URL,
    tokenUrl: credentials.JORTT_TOKEN_URL,
    scopes,
  });
}

function salesforceClient(config: LoadedConfig): SalesforceClient {
  if (!config.salesforce) throw notConfigured("Salesforce", "the SALESFORCE_* credentials");
  return createSalesforceClient(config.salesforce, {
    apiBudgetShare: config.settings.salesforce.apiBudgetShare,
    clientName: "jortt-salesforce-sync",
  });
}

function notConfigured(system: string, keys: string): SyncError {
  return new SyncError(`${system} credentials are not configured`, {
    code: "config.credentials.missing",
    errorClass: "configuration",
    source: "config",
    hint: `Set ${keys} (Lambda: in the ${system} secret; locally: in the environment or .env).`,
  });
}
