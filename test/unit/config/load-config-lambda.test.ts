import type * as LoadConfigModule from "../../../shared/config/load-config";
import { loadConfig, resetConfigCache } from "../../../shared/config/load-config";
import { isSyncError, type SyncError } from "../../../shared/errors/sync-error";
import { type SecretsSsmFake, startSecretsSsmFake } from "../../../sim/aws/secrets-ssm-fake";

const JORTT_SECRET = "jortt-salesforce-sync/jortt";
const SALESFORCE_SECRET = "jortt-salesforce-sync/salesforce";
const PARAMETER = "/jortt-salesforce-sync/settings";
const JORTT_CLIENT_SECRET = "jortt-s3cret-value-do-not-log";

const lambdaEnv = {
  SETTINGS_PARAMETER_NAME: PARAMETER,
  JORTT_SECRET_ID: JORTT_SECRET,
  SALESFORCE_SECRET_ID: SALESFORCE_SECRET,
};

describe("loadConfig (Lambda runtime: SSM + Secrets Manager over HTTP)", () => {
  let fake: SecretsSsmFake;
  const saved = new Map<string, string | undefined>();
  let stdout: jest.SpyInstance;
  const logged: string[] = [];

  beforeAll(async () => {
    fake = await startSecretsSsmFake();
    for (const [name, value] of Object.entries(fake.environment())) {
      saved.set(name, process.env[name]);
      process.env[name] = value;
    }
    stdout = jest.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => {
      logged.push(String(chunk));
      return true;
    });
  });

  afterAll(async () => {
    stdout.mockRestore();
    for (const [name, value] of saved) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    await fake.close();
  });

  beforeEach(() => {
    resetConfigCache();
    fake.setParameter(
      PARAMETER,
      JSON.stringify({ invoiceStatuses: ["sent", "draft"], salesforce: { apiVersion: "63.0" } }),
    );
    fake.setSecret(JORTT_SECRET, { JORTT_CLIENT_ID: "jortt-app", JORTT_CLIENT_SECRET });
    fake.setSecret(SALESFORCE_SECRET, {
      SALESFORCE_LOGIN_URL: "https://acme.my.salesforce.com",
      SALESFORCE_CLIENT_ID: "3MVG9-client",
      SALESFORCE_CLIENT_SECRET: "sf-s3cret-value",
    });
  });

  async function failure(promise: Promise<unknown>): Promise<SyncError> {
    const error = await promise.then(
      () => undefined,
      (e: unknown) => e,
    );
    if (!isSyncError(error)) throw new Error(`expected a SyncError, got ${String(error)}`);
    return error;
  }

  it("loads settings from the SSM parameter and credentials from both JSON secrets", async () => {
    const config = await loadConfig({ env: lambdaEnv });
    expect(config.runtime).toBe("aws");
    expect(config.settingsOrigin).toBe(`ssm:${PARAMETER}`);
    expect(config.settings.invoiceStatuses).toEqual(["sent", "draft"]);
    expect(config.jortt).toEqual({
      JORTT_CLIENT_ID: "jortt-app",
      JORTT_CLIENT_SECRET,
      JORTT_API_URL: "https://api.jortt.nl",
      JORTT_TOKEN_URL: "https://app.jortt.nl/oauth-provider/oauth/token",
    });
    expect(config.salesforce).toMatchObject({
      SALESFORCE_LOGIN_URL: "https://acme.my.salesforce.com",
      SALESFORCE_CLIENT_ID: "3MVG9-client",
      SALESFORCE_API_VERSION: "63.0",
    });
  });

  it("reads AWS once and reuses the configuration (once per cold start)", async () => {
    const before = fake.callCount();
    const first = await loadConfig({ env: lambdaEnv });
    expect(fake.callCount() - before).toBe(3);
    const again = await loadConfig({ env: lambdaEnv });
    expect(again).toBe(first);
    expect(fake.callCount() - before).toBe(3);
  });

  it("never logs a secret value", async () => {
    logged.length = 0;
    await loadConfig({ env: lambdaEnv });
    const output = logged.join("");
    expect(output).toContain("configuration loaded");
    expect(output).not.toContain(JORTT_CLIENT_SECRET);
    expect(output).not.toContain("sf-s3cret-value");
  });

  it("rejects invalid settings in the parameter with the field path, before anything runs", async () => {
    fake.setParameter(PARAMETER, JSON.stringify({ reverse: { sendMethod: "fax" } }));
    const error = await failure(loadConfig({ env: lambdaEnv }));
    expect(error.errorClass).toBe("configuration");
    expect(error.field).toBe("reverse.sendMethod");
    expect(error.message).toContain(`SSM parameter ${PARAMETER}`);
  });

  it("reports a missing secret as a configuration error naming it", async () => {
    fake.deleteSecret(SALESFORCE_SECRET);
    const error = await failure(loadConfig({ env: lambdaEnv }));
    expect(error.errorClass).toBe("configuration");
    expect(error.message).toContain(SALESFORCE_SECRET);
    expect(error.message).toContain("ResourceNotFoundException");
  });

  it("reports a secret that is not JSON without quoting its text", async () => {
    fake.setSecret(JORTT_SECRET, `JORTT_CLIENT_SECRET=${JORTT_CLIENT_SECRET}`);
    const error = await failure(loadConfig({ env: lambdaEnv }));
    expect(error.errorClass).toBe("configuration");
    expect(error.message).toContain("not a JSON object");
    expect(JSON.stringify(error.toJSON())).not.toContain(JORTT_CLIENT_SECRET);
    expect(error.cause).toBeUndefined();
  });

  it("names the missing key of an incomplete secret, not the values", async () => {
    fake.setSecret(JORTT_SECRET, { JORTT_CLIENT_SECRET });
    const error = await failure(loadConfig({ env: lambdaEnv }));
    expect(error.errorClass).toBe("configuration");
    expect(error.field).toBe("JORTT_CLIENT_ID");
    expect(error.message).not.toContain(JORTT_CLIENT_SECRET);
  });

  it("does not cache a failed load: the next invocation tries again", async () => {
    fake.deleteParameter(PARAMETER);
    await failure(loadConfig({ env: lambdaEnv }));
    fake.setParameter(PARAMETER, "{}");
    const config = await loadConfig({ env: lambdaEnv });
    expect(config.settings.invoiceStatuses).toEqual(["sent"]);
  });

  it("requires the secret ids the stack sets", async () => {
    const error = await failure(
      loadConfig({ env: { SETTINGS_PARAMETER_NAME: PARAMETER, JORTT_SECRET_ID: JORTT_SECRET } }),
    );
    expect(error.errorClass).toBe("configuration");
    expect(error.field).toBe("SALESFORCE_SECRET_ID");
  });

  it("classifies an unreachable AWS endpoint as transient", async () => {
    const endpoint = process.env.AWS_ENDPOINT_URL_SSM;
    process.env.AWS_ENDPOINT_URL_SSM = "http://127.0.0.1:9";
    try {
      // Fresh modules: Powertools keeps one SDK client per process, built from the environment it saw first.
      let fresh: typeof LoadConfigModule | undefined;
      jest.isolateModules(() => {
        fresh = require("../../../shared/config/load-config") as typeof LoadConfigModule;
      });
      const freshLoad = (fresh as typeof LoadConfigModule).loadConfig({
        env: { SETTINGS_PARAMETER_NAME: PARAMETER, JORTT_SECRET_ID: JORTT_SECRET },
        require: ["jortt"],
      });
      const error = (await freshLoad.catch((e: unknown) => e)) as SyncError;
      // A SyncError of the fresh module registry (instanceof the test's class would be false).
      expect(error.name).toBe("SyncError");
      expect(error.message).toContain("ECONNREFUSED");
      expect(error.errorClass).toBe("transient");
      expect(error.source).toBe("aws");
      expect(error.field).toBe("SETTINGS_PARAMETER_NAME");
    } finally {
      process.env.AWS_ENDPOINT_URL_SSM = endpoint;
    }
  });
});
