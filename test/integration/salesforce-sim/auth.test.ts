import { generateKeyPairSync, sign } from "node:crypto";
import { Connection } from "jsforce";
import { type SalesforceSandbox, startSalesforceSandbox } from "../../../sim/salesforce";
import { API_VERSION, caught, connectWithClientCredentials } from "./sandbox-connection";

const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });

function signedJwt(claims: Record<string, unknown>): string {
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
  const unsigned = `${encode({ alg: "RS256", typ: "JWT" })}.${encode(claims)}`;
  return `${unsigned}.${sign("RSA-SHA256", Buffer.from(unsigned), privateKey).toString("base64url")}`;
}

describe("Salesforce sandbox: authentication", () => {
  let sandbox: SalesforceSandbox;

  beforeAll(async () => {
    sandbox = await startSalesforceSandbox();
  });

  afterAll(async () => {
    await sandbox.close();
  });

  it("issues a token for client credentials with id and instance_url that jsforce accepts", async () => {
    const conn = await connectWithClientCredentials(sandbox);
    expect(conn.instanceUrl).toBe(sandbox.url);
    expect(conn.userInfo).toMatchObject({ id: sandbox.userId, organizationId: sandbox.orgId });
    expect(conn.accessToken).toMatch(/^00D\w+!AQ/);
    const result = await conn.query("SELECT Id FROM Pricebook2 WHERE IsStandard = true");
    expect(result.totalSize).toBe(1);
  });

  it("rejects a wrong client secret with the OAuth error as the thrown error name", async () => {
    const conn = new Connection({
      version: API_VERSION,
      oauth2: { loginUrl: sandbox.loginUrl, clientId: sandbox.clientId, clientSecret: "wrong" },
    });
    const error = await caught(conn.authorize({ grant_type: "client_credentials" }));
    expect(error.name).toBe("invalid_client");
  });

  it("accepts a JWT bearer assertion with the right iss/sub/aud/exp claims", async () => {
    const conn = new Connection({ loginUrl: sandbox.loginUrl, version: API_VERSION });
    const assertion = signedJwt({
      iss: sandbox.clientId,
      sub: sandbox.username,
      aud: "https://login.salesforce.com",
      exp: Math.floor(Date.now() / 1000) + 120,
    });
    await conn.authorize({ grant_type: "urn:ietf:params:oauth:grant-type:jwt-bearer", assertion });
    expect(conn.instanceUrl).toBe(sandbox.url);
    await expect(conn.query("SELECT count() FROM Account")).resolves.toMatchObject({ totalSize: 0 });
  });

  it.each([
    [
      "unknown consumer key",
      { iss: "other", sub: "integration@jortt-sync.sandbox", aud: "https://login.salesforce.com" },
      "invalid_client_id",
    ],
    ["unknown user", { iss: "", sub: "someone@else", aud: "https://login.salesforce.com" }, "invalid_grant"],
    ["wrong audience", { iss: "", sub: "integration@jortt-sync.sandbox", aud: "https://example.com" }, "invalid_grant"],
  ])("rejects a JWT with %s", async (_label, claims, expectedError) => {
    const conn = new Connection({ loginUrl: sandbox.loginUrl, version: API_VERSION });
    const assertion = signedJwt({
      ...claims,
      iss: claims.iss === "" ? sandbox.clientId : claims.iss,
      exp: Math.floor(Date.now() / 1000) + 120,
    });
    const error = await caught(
      conn.authorize({ grant_type: "urn:ietf:params:oauth:grant-type:jwt-bearer", assertion }),
    );
    expect(error.name).toBe(expectedError);
  });

  it("rejects an expired JWT", async () => {
    const conn = new Connection({ loginUrl: sandbox.loginUrl, version: API_VERSION });
    const assertion = signedJwt({
      iss: sandbox.clientId,
      sub: sandbox.username,
      aud: sandbox.loginUrl,
      exp: Math.floor(Date.now() / 1000) - 10,
    });
    const error = await caught(
      conn.authorize({ grant_type: "urn:ietf:params:oauth:grant-type:jwt-bearer", assertion }),
    );
    expect(error.name).toBe("invalid_grant");
  });

  it("logs in with the OAuth password grant when client credentials are configured", async () => {
    const conn = new Connection({
      version: API_VERSION,
      oauth2: { loginUrl: sandbox.loginUrl, clientId: sandbox.clientId, clientSecret: sandbox.clientSecret },
    });
    await conn.login(sandbox.username, sandbox.password);
    expect(conn.instanceUrl).toBe(sandbox.url);
    const wrong = new Connection({
      version: API_VERSION,
      oauth2: { loginUrl: sandbox.loginUrl, clientId: sandbox.clientId, clientSecret: sandbox.clientSecret },
    });
    expect((await caught(wrong.login(sandbox.username, "nope"))).name).toBe("invalid_grant");
  });

  it("logs in over SOAP when no client credentials are configured", async () => {
    const conn = new Connection({ loginUrl: sandbox.loginUrl, version: API_VERSION });
    const info = await conn.login(sandbox.username, sandbox.password);
    expect(info).toMatchObject({ id: sandbox.userId, organizationId: sandbox.orgId });
    expect(conn.instanceUrl).toBe(sandbox.url);
    await expect(conn.query("SELECT count() FROM Account")).resolves.toMatchObject({ totalSize: 0 });
    const wrong = new Connection({ loginUrl: sandbox.loginUrl, version: API_VERSION });
    expect((await caught(wrong.login(sandbox.username, "nope"))).message).toContain("INVALID_LOGIN");
  });

  it("refreshes with a refresh token after a 401 and replays the call", async () => {
    const first = await connectWithClientCredentials(sandbox);
    const conn = new Connection({
      version: API_VERSION,
      instanceUrl: sandbox.url,
      accessToken: first.accessToken ?? "",
      refreshToken: sandbox.issueRefreshToken(),
      oauth2: { loginUrl: sandbox.loginUrl, clientId: sandbox.clientId, clientSecret: sandbox.clientSecret },
    });
    const refreshed: string[] = [];
    conn.on("refresh", (token: string) => refreshed.push(token));
    sandbox.expireSessions();
    const result = await conn.query("SELECT count() FROM Account");
    expect(result.totalSize).toBe(0);
    expect(refreshed).toHaveLength(1);
  });

  it("answers 401 INVALID_SESSION_ID for an unknown or expired bearer token", async () => {
    const conn = new Connection({ version: API_VERSION, instanceUrl: sandbox.url, accessToken: "00Dbogus!AQbogus" });
    const error = await caught(conn.query("SELECT Id FROM Account"));
    expect(error.errorCode).toBe("INVALID_SESSION_ID");
    expect(error.message).toBe("Session expired or invalid");
  });

  it("lets a client-credentials connection recover from expiry through refreshFn", async () => {
    let grants = 0;
    const conn = new Connection({
      version: API_VERSION,
      oauth2: { loginUrl: sandbox.loginUrl, clientId: sandbox.clientId, clientSecret: sandbox.clientSecret },
      refreshFn: (c, callback) => {
        grants += 1;
        c.oauth2.requestToken({ grant_type: "client_credentials" }).then(
          (response) => callback(null, response.access_token, response),
          (error: Error) => callback(error),
        );
      },
    });
    await conn.authorize({ grant_type: "client_credentials" });
    sandbox.setFaults({ sessionExpired: { next: 1 } });
    const result = await conn.query("SELECT count() FROM Pricebook2");
    expect(result.totalSize).toBe(1);
    expect(grants).toBe(1);
    expect(sandbox.faultsFired()).toMatchObject({ sessionExpired: 1 });
    sandbox.clearFaults();
  });

  it("without refreshFn a client-credentials connection fails on 401 the way jsforce does", async () => {
    const conn = await connectWithClientCredentials(sandbox);
    sandbox.expireSessions();
    const error = await caught(conn.query("SELECT Id FROM Account"));
    expect(error.message).toContain("No refresh token found");
  });
});
