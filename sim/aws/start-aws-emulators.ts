import { mkdirSync } from "node:fs";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import dynalite from "dynalite";

/** Where the SDK reaches each emulated service (the values of `AWS_ENDPOINT_URL_*`). */
export interface AwsEndpoints {
  region: string;
  /** `http://sqs.<region>.localhost:<port>`: the host fauxqs puts in queue URLs (see localhost-dns.ts). */
  sqs: string;
  sns: string;
  dynamodb: string;
}

export interface AwsEmulators {
  endpoints: AwsEndpoints;
  stop(): Promise<void>;
}

export interface StartAwsEmulatorsOptions {
  region?: string;
  /** LevelDB directory for dynalite; in-memory when absent. */
  dynamoDbPath?: string;
}

export const DEFAULT_LOCAL_REGION = "eu-west-1";

/**
 * Starts fauxqs (SQS + SNS) and dynalite (DynamoDB) on 127.0.0.1, random ports. fauxqs is ESM-only,
 * hence the dynamic import: this runs under tsx/node (the CLI, the emulator child process), never
 * inside Jest (see emulators-process.ts).
 */
export async function startAwsEmulators(options: StartAwsEmulatorsOptions = {}): Promise<AwsEmulators> {
  const region = options.region ?? DEFAULT_LOCAL_REGION;
  const { buildApp } = await import("fauxqs");
  // startFauxqs binds 0.0.0.0; buildApp + listen keeps it on loopback.
  const fauxqs = buildApp({ logger: false, defaultRegion: region });
  const fauxqsUrl = await fauxqs.listen({ port: 0, host: "127.0.0.1" });
  const fauxqsPort = new URL(fauxqsUrl).port;

  let dynamo: Server;
  try {
    dynamo = await startDynalite(options.dynamoDbPath);
  } catch (error) {
    await fauxqs.close();
    throw error;
  }
  const dynamoPort = (dynamo.address() as AddressInfo).port;

  return {
    endpoints: {
      region,
      sqs: `http://sqs.${region}.localhost:${fauxqsPort}`,
      sns: `http://127.0.0.1:${fauxqsPort}`,
      dynamodb: `http://127.0.0.1:${dynamoPort}`,
    },
    async stop() {
      await Promise.allSettled([fauxqs.close(), closeServer(dynamo)]);
    },
  };
}

async function startDynalite(path: string | undefined): Promise<Server> {
  if (path) mkdirSync(path, { recursive: true });
  const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0, ...(path ? { path } : {}) });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  return server;
}

/** dynalite's close also closes its LevelDB (releasing the directory lock) once requests finish. */
function closeServer(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()));
    server.closeIdleConnections();
  });
}
