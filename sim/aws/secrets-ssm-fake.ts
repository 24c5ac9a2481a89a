import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A tiny Secrets Manager + SSM Parameter Store fake speaking the AWS JSON 1.1 protocol on
 * 127.0.0.1 (no npm emulator exists; reference/aws-local.md §3). Unmodified SDK v3 clients and
 * Powertools parameters reach it through `AWS_ENDPOINT_URL_SECRETS_MANAGER` / `AWS_ENDPOINT_URL_SSM`.
 * Handles GetSecretValue, GetParameter, GetParameters and GetParametersByPath.
 */
export interface SecretsSsmFakeOptions {
  /** Secret name → SecretString (objects are stored as JSON). */
  secrets?: Record<string, string | Record<string, unknown>>;
  /** Parameter name → value. */
  parameters?: Record<string, string>;
  region?: string;
  port?: number;
}

export interface SecretsSsmFake {
  /** Base URL for both `AWS_ENDPOINT_URL_SECRETS_MANAGER` and `AWS_ENDPOINT_URL_SSM`. */
  readonly url: string;
  /** The environment that points SDK clients here (endpoints, region, fake credentials). */
  environment(): Record<string, string>;
  setSecret(name: string, value: string | Record<string, unknown>): void;
  deleteSecret(name: string): void;
  setParameter(name: string, value: string): void;
  deleteParameter(name: string): void;
  /** Calls received, by `x-amz-target` (e.g. `secretsmanager.GetSecretValue`). */
  callCount(target?: string): number;
  close(): Promise<void>;
}

const ACCOUNT = "000000000000";
const JSON_11 = "application/x-amz-json-1.1";

interface StoredParameter {
  value: string;
  version: number;
  modified: number;
}

type Handler = (body: Record<string, unknown>) => { status: number; body: unknown };

export async function startSecretsSsmFake(options: SecretsSsmFakeOptions = {}): Promise<SecretsSsmFake> {
  const region = options.region ?? "eu-west-1";
  const secrets = new Map<string, string>();
  const parameters = new Map<string, StoredParameter>();
  const calls: string[] = [];

  const setSecret = (name: string, value: string | Record<string, unknown>) =>
    secrets.set(name, typeof value === "string" ? value : JSON.stringify(value));
  const setParameter = (name: string, value: string) =>
    parameters.set(name, { value, version: (parameters.get(name)?.version ?? 0) + 1, modified: Date.now() / 1000 });
  for (const [name, value] of Object.entries(options.secrets ?? {})) setSecret(name, value);
  for (const [name, value] of Object.entries(options.parameters ?? {})) setParameter(name, value);

  const secretArn = (name: string) => `arn:aws:secretsmanager:${region}:${ACCOUNT}:secret:${name}-AbCdEf`;
  const parameterView = (name: string, stored: StoredParameter) => ({
    Name: name,
    Type: "String",
    Value: stored.value,
    Version: stored.version,
    LastModifiedDate: stored.modified,
    ARN: `arn:aws:ssm:${region}:${ACCOUNT}:parameter${name.startsWith("/") ? "" : "/"}${name}`,
    DataType: "text",
  });
  const notFound = (type: string, message: string) => ({ status: 400, body: { __type: type, message } });

  const handlers: Record<string, Handler> = {
    "secretsmanager.GetSecretValue": (body) => {
      const id = String(body.SecretId ?? "");
      const name = [...secrets.keys()].find((candidate) => candidate === id || secretArn(candidate) === id);
      if (name === undefined) {
        return notFound("ResourceNotFoundException", "Secrets Manager can't find the specified secret.");
      }
      return {
        status: 200,
        body: {
          ARN: secretArn(name),
          Name: name,
          SecretString: secrets.get(name),
          VersionId: "00000000-0000-4000-8000-000000000001",
          VersionStages: ["AWSCURRENT"],
          CreatedDate: 1_700_000_000,
        },
      };
    },
    "AmazonSSM.GetParameter": (body) => {
      const name = String(body.Name ?? "");
      const stored = parameters.get(name);
      if (!stored) return notFound("ParameterNotFound", `Parameter ${name} not found.`);
      return { status: 200, body: { Parameter: parameterView(name, stored) } };
    },
    "AmazonSSM.GetParameters": (body) => {
      const names = Array.isArray(body.Names) ? body.Names.map(String) : [];
      const found = names.filter((name) => parameters.has(name));
      return {
        status: 200,
        body: {
          Parameters: found.map((name) => parameterView(name, parameters.get(name) as StoredParameter)),
          InvalidParameters: names.filter((name) => !parameters.has(name)),
        },
      };
    },
    "AmazonSSM.GetParametersByPath": (body) => {
      const path = String(body.Path ?? "/");
      const prefix = path.endsWith("/") ? path : `${path}/`;
      const recursive = body.Recursive === true;
      const matches = [...parameters].filter(
        ([name]) => name.startsWith(prefix) && (recursive || !name.slice(prefix.length).includes("/")),
      );
      return { status: 200, body: { Parameters: matches.map(([name, stored]) => parameterView(name, stored)) } };
    },
  };

  const server = createServer((request, response) => {
    void handle(request, response);
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const target = String(request.headers["x-amz-target"] ?? "");
    calls.push(target);
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    let body: Record<string, unknown> = {};
    try {
      const text = Buffer.concat(chunks).toString("utf8");
      body = text ? (JSON.parse(text) as Record<string, unknown>) : {};
    } catch {
      return reply(response, 400, { __type: "SerializationException", message: "Malformed JSON body." });
    }
    const handler = handlers[target];
    if (!handler)
      return reply(response, 400, { __type: "UnknownOperationException", message: `Unsupported ${target}` });
    const result = handler(body);
    reply(response, result.status, result.body);
  }

  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url,
    environment: () => ({
      AWS_ENDPOINT_URL_SECRETS_MANAGER: url,
      AWS_ENDPOINT_URL_SSM: url,
      AWS_REGION: region,
      AWS_ACCESS_KEY_ID: "test",
      AWS_SECRET_ACCESS_KEY: "test",
    }),
    setSecret,
    deleteSecret: (name) => void secrets.delete(name),
    setParameter,
    deleteParameter: (name) => void parameters.delete(name),
    callCount: (target) => (target === undefined ? calls.length : calls.filter((t) => t === target).length),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

function reply(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  const headers: Record<string, string | number> = {
    "content-type": JSON_11,
    "content-length": Buffer.byteLength(text),
    "x-amzn-requestid": "00000000-0000-4000-8000-000000000000",
  };
  if (status >= 400 && body && typeof body === "object" && "__type" in body) {
    headers["x-amzn-errortype"] = String((body as { __type: unknown }).__type);
  }
  response.writeHead(status, headers);
  response.end(text);
}
