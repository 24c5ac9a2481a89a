import { generateKeyPairSync } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Connection } from "jsforce";
import { createSalesforceClient } from "../../../shared/adapters/salesforce/salesforce-client";
import { type SalesforceSandbox, startSalesforceSandbox } from "../../../sim/salesforce";
import { clientCredentialsFor, FAST_RETRY } from "./sandbox-fixtures";

const privateKeyPem = generateKeyPairSync("rsa", { modulusLength: 2048 })
  .privateKey.export({ type: "pkcs8", format: "pem" })
  .toString();

let sandbox: SalesforceSandbox;

beforeAll(async () => {
  sandbox = await startSalesforceSandbox();
});
afterAll(async () => {
  await sandbox.close();
});
beforeEach(() => {
  sandbox.reset();
});

const COUNT_ACCOUNTS = "SELECT Id FROM Account";

describe("client-credentials flow", () => {
  it("authorizes once, lazily, and reuses the session for every call", async () => {
    const client = createSalesforceClient(clientCredentialsFor(sandbox), { retry: FAST_RETRY });
    expect(client.session.tokenRequests).toBe(0);
    await Promise.all([client.query(COUNT_ACCOUNTS), client.query(COUNT_ACCOUNTS), client.describe("Account")]);
    await client.query(COUNT_ACCOUNTS);
    expect(client.session.tokenRequests).toBe(1);
    expect(client.callCount).toBe(4);
    expect(sandbox.apiCalls().total).toBe(4);
  });

  it("wrong secret: configuration error invalid_client with a hint, nothing else sent", async () => {
    const client = createSalesforceClient({ ...clientCredentialsFor(sandbox), SALESFORCE_CLIENT_SECRET: "wrong" });
    await expect(client.query(COUNT_ACCOUNTS)).rejects.toMatchObject({
      code: "invalid_client",
      errorClass: "configuration",
      source: "salesforce",
      hint: expect.stringContaining("SALESFORCE_CLIENT_SECRET"),
    });
    expect(sandbox.apiCalls().total).toBe(0);
  });
});

describe("JWT bearer flow", () => {
  it("signs an assertion the token endpoint accepts (iss, sub, aud, exp) and calls the API", async () => {
    const client = createSalesforceClient({
      SALESFORCE_LOGIN_URL: sandbox.loginUrl,
      SALESFORCE_CLIENT_ID: sandbox.clientId,
      SALESFORCE_USERNAME: sandbox.username,
      SALESFORCE_PRIVATE_KEY: privateKeyPem,
    });
    await expect(client.query(COUNT_ACCOUNTS)).resolves.toEqual(expect.any(Array));
    expect(client.session.tokenRequests).toBe(1);
  });

  it("an unknown user is refused with invalid_grant (configuration)", async () => {
    const client = createSalesforceClient({
      SALESFORCE_LOGIN_URL: sandbox.loginUrl,
      SALESFORCE_CLIENT_ID: sandbox.clientId,
      SALESFORCE_USERNAME: "someone-else@example.invalid",
      SALESFORCE_PRIVATE_KEY: privateKeyPem,
    });
    await expect(client.connect()).rejects.toMatchObject({ code: "invalid_grant", errorClass: "configuration" });
  });
});

describe("session refresh on INVALID_SESSION_ID", () => {
  it("refreshes once after expiry, replays the call and succeeds", async () => {
    const client = createSalesforceClient(clientCredentialsFor(sandbox), { retry: FAST_RETRY });
    await client.query(COUNT_ACCOUNTS);
    sandbox.expireSessions();
    await expect(client.query(COUNT_ACCOUNTS)).resolves.toEqual(expect.any(Array));
    expect(client.session.refreshes).toBe(1);
    expect(client.session.tokenRequests).toBe(2);
    // the first call, the 401-ed attempt's replay counted once
    expect(client.callCount).toBe(3);
  });

  it("the cap is per call: later calls may refresh again (an hour-long run outlives a token)", async () => {
    const client = createSalesforceClient(clientCredentialsFor(sandbox), { retry: FAST_RETRY });
    for (let round = 0; round < 3; round++) {
      sandbox.expireSessions();
      await client.query(COUNT_ACCOUNTS);
    }
    expect(client.session.refreshes).toBe(2); // the first call authorized with a fresh token
    expect(client.session.tokenRequests).toBe(3);
  });

  it("JWT: the refresh signs a fresh assertion", async () => {
    const client = createSalesforceClient({
      SALESFORCE_LOGIN_URL: sandbox.loginUrl,
      SALESFORCE_CLIENT_ID: sandbox.clientId,
      SALESFORCE_USERNAME: sandbox.username,
      SALESFORCE_PRIVATE_KEY: privateKeyPem,
    });
    await client.query(COUNT_ACCOUNTS);
    sandbox.expireSessions();
    await client.query(COUNT_ACCOUNTS);
    expect(client.session.refreshes).toBe(1);
  });

  it("a server answering 401 forever is bounded: one refresh per call, then INVALID_SESSION_ID (configuration)", async () => {
    const client = createSalesforceClient(clientCredentialsFor(sandbox), { retry: FAST_RETRY });
    await client.connect();
    sandbox.setFaults({ sessionExpired: { rate: 1 } });
    const started = Date.now();
    await expect(client.query(COUNT_ACCOUNTS)).rejects.toMatchObject({
      code: "INVALID_SESSION_ID",
      errorClass: "configuration",
    });
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(client.session.tokenRequests).toBe(2); // authorize + exactly one refresh
    expect(sandbox.faultsFired().sessionExpired).toBe(2); // the call and its one replay
  });

  it("two concurrent calls after expiry share one refresh", async () => {
    const client = createSalesforceClient(clientCredentialsFor(sandbox), { retry: FAST_RETRY });
    await client.connect();
    sandbox.expireSessions();
    await Promise.all([client.query(COUNT_ACCOUNTS), client.query(COUNT_ACCOUNTS)]);
    expect(client.session.tokenRequests).toBeLessThanOrEqual(3);
    expect(client.session.refreshes).toBeGreaterThanOrEqual(1);
  });
});

describe("pre-issued access token", () => {
  async function issuedToken(): Promise<string> {
    const conn = new Connection({
      version: "62.0",
      oauth2: { loginUrl: sandbox.loginUrl, clientId: sandbox.clientId, clientSecret: sandbox.clientSecret },
    });
    await conn.authorize({ grant_type: "client_credentials" });
    return conn.accessToken as string;
  }

  it("is used as is, with no token request", async () => {
    const client = createSalesforceClient({
      SALESFORCE_INSTANCE_URL: sandbox.instanceUrl,
      SALESFORCE_ACCESS_TOKEN: await issuedToken(),
    });
    await expect(client.query(COUNT_ACCOUNTS)).resolves.toEqual(expect.any(Array));
    expect(client.session.tokenRequests).toBe(0);
  });

  it("expired and no grant to refresh with: INVALID_SESSION_ID (configuration), one call", async () => {
    const client = createSalesforceClient({
      SALESFORCE_INSTANCE_URL: sandbox.instanceUrl,
      SALESFORCE_ACCESS_TOKEN: await issuedToken(),
    });
    sandbox.expireSessions();
    await expect(client.query(COUNT_ACCOUNTS)).rejects.toMatchObject({
      code: "INVALID_SESSION_ID",
      errorClass: "configuration",
    });
    expect(client.callCount).toBe(1);
  });

  it("expired with a grant configured: refreshed through the grant", async () => {
    const client = createSalesforceClient({
      ...clientCredentialsFor(sandbox),
      SALESFORCE_INSTANCE_URL: sandbox.instanceUrl,
      SALESFORCE_ACCESS_TOKEN: "00Dinvalid!token",
    });
    await expect(client.query(COUNT_ACCOUNTS)).resolves.toEqual(expect.any(Array));
    expect(client.session.tokenRequests).toBe(1);
    expect(client.session.refreshes).toBe(1);
  });
});

describe("token endpoint and transport failures", () => {
  let server: Server;
  let baseUrl: string;
  beforeAll(async () => {
    // A token endpoint that leaves out `id` (jsforce's authorize() then dies with a TypeError).
    server = createServer((_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ access_token: "t", instance_url: "http://127.0.0.1:9", token_type: "Bearer" }));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  it("a token response without id is TOKEN_RESPONSE_INVALID (configuration)", async () => {
    const client = createSalesforceClient({
      SALESFORCE_LOGIN_URL: baseUrl,
      SALESFORCE_CLIENT_ID: "c",
      SALESFORCE_CLIENT_SECRET: "s",
    });
    await expect(client.connect()).rejects.toMatchObject({
      code: "TOKEN_RESPONSE_INVALID",
      errorClass: "configuration",
    });
  });

  it("an unreachable Salesforce is a transient network error, retried with bounded backoff, and fails fast", async () => {
    const dead = createServer();
    await new Promise<void>((resolve) => dead.listen(0, "127.0.0.1", resolve));
    const port = (dead.address() as AddressInfo).port;
    await new Promise((resolve) => dead.close(resolve));
    const client = createSalesforceClient(
      { SALESFORCE_INSTANCE_URL: `http://127.0.0.1:${port}`, SALESFORCE_ACCESS_TOKEN: "t" },
      { retry: FAST_RETRY },
    );
    const started = Date.now();
    await expect(client.query(COUNT_ACCOUNTS)).rejects.toMatchObject({ code: "ECONNREFUSED", errorClass: "transient" });
    expect(client.callCount).toBe(FAST_RETRY.maxAttempts);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  describe("a hung server", () => {
    let hung: Server;
    let url: string;
    beforeAll(async () => {
      hung = createServer(() => {
        /* never answers */
      });
      await new Promise<void>((resolve) => hung.listen(0, "127.0.0.1", resolve));
      url = `http://127.0.0.1:${(hung.address() as AddressInfo).port}`;
    });
    afterAll(async () => {
      hung.closeAllConnections();
      await new Promise((resolve) => hung.close(resolve));
    });

    it("hits the per-request timeout (TIMEOUT, transient)", async () => {
      const client = createSalesforceClient(
        { SALESFORCE_INSTANCE_URL: url, SALESFORCE_ACCESS_TOKEN: "t" },
        { retry: { ...FAST_RETRY, maxAttempts: 1 }, httpTimeoutMs: 200 },
      );
      await expect(client.query(COUNT_ACCOUNTS)).rejects.toMatchObject({ code: "TIMEOUT", errorClass: "transient" });
    });

    it("the invocation's remaining time caps the call's timeout (3 200 ms left − 2 000 ms margin = 1 200 ms)", async () => {
      const capped = createSalesforceClient(
        { SALESFORCE_INSTANCE_URL: url, SALESFORCE_ACCESS_TOKEN: "t" },
        { retry: { ...FAST_RETRY, maxAttempts: 1 }, httpTimeoutMs: 60_000, remainingTimeMs: () => 3_200 },
      );
      const started = Date.now();
      await expect(capped.query(COUNT_ACCOUNTS)).rejects.toMatchObject({ code: "TIMEOUT" });
      const elapsed = Date.now() - started;
      expect(elapsed).toBeGreaterThanOrEqual(1_100);
      expect(elapsed).toBeLessThan(3_000);
    });

    it("with too little time left no call starts at all", async () => {
      const late = createSalesforceClient(
        { SALESFORCE_INSTANCE_URL: url, SALESFORCE_ACCESS_TOKEN: "t" },
        { retry: FAST_RETRY, remainingTimeMs: () => 1_500 },
      );
      await expect(late.query(COUNT_ACCOUNTS)).rejects.toMatchObject({
        code: "INVOCATION_TIME_LOW",
        errorClass: "transient",
      });
      expect(late.callCount).toBe(0);
    });
  });
});
