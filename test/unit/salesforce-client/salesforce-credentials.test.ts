import { generateKeyPairSync } from "node:crypto";
import {
  DEFAULT_SALESFORCE_API_VERSION,
  resolveSalesforceAuth,
  salesforceCredentialsFromEnv,
} from "../../../shared/adapters/salesforce/salesforce-credentials";
import { SyncError } from "../../../shared/errors/sync-error";

const pem = generateKeyPairSync("rsa", { modulusLength: 2048 })
  .privateKey.export({ type: "pkcs1", format: "pem" })
  .toString();

function failure(input: unknown): SyncError {
  try {
    resolveSalesforceAuth(input);
  } catch (error) {
    if (error instanceof SyncError) return error;
    throw error;
  }
  throw new Error("expected a SyncError");
}

describe("resolveSalesforceAuth", () => {
  it("client credentials when a client secret is set; default API version pinned", () => {
    expect(
      resolveSalesforceAuth({
        SALESFORCE_LOGIN_URL: "https://acme.my.salesforce.com/",
        SALESFORCE_CLIENT_ID: "ck",
        SALESFORCE_CLIENT_SECRET: "cs",
      }),
    ).toEqual({
      apiVersion: DEFAULT_SALESFORCE_API_VERSION,
      grant: {
        flow: "client-credentials",
        loginUrl: "https://acme.my.salesforce.com",
        clientId: "ck",
        clientSecret: "cs",
      },
    });
  });

  it("JWT bearer with a PEM whose newlines came as literal \\n (env files)", () => {
    const auth = resolveSalesforceAuth({
      SALESFORCE_LOGIN_URL: "https://login.salesforce.com",
      SALESFORCE_CLIENT_ID: "ck",
      SALESFORCE_USERNAME: "int@acme.example",
      SALESFORCE_PRIVATE_KEY: pem.replaceAll("\n", "\\n"),
      SALESFORCE_API_VERSION: "64.0",
    });
    expect(auth.apiVersion).toBe("64.0");
    expect(auth.grant).toMatchObject({ flow: "jwt-bearer", username: "int@acme.example", privateKeyPem: pem });
  });

  it("a pre-issued token alone, or with a grant to refresh it", () => {
    expect(
      resolveSalesforceAuth({
        SALESFORCE_INSTANCE_URL: "https://acme.my.salesforce.com",
        SALESFORCE_ACCESS_TOKEN: "00D!x",
      }),
    ).toEqual({
      apiVersion: DEFAULT_SALESFORCE_API_VERSION,
      preIssued: { instanceUrl: "https://acme.my.salesforce.com", accessToken: "00D!x" },
    });
    const both = resolveSalesforceAuth({
      SALESFORCE_INSTANCE_URL: "https://acme.my.salesforce.com",
      SALESFORCE_ACCESS_TOKEN: "00D!x",
      SALESFORCE_LOGIN_URL: "https://acme.my.salesforce.com",
      SALESFORCE_CLIENT_ID: "ck",
      SALESFORCE_CLIENT_SECRET: "cs",
    });
    expect(both.grant?.flow).toBe("client-credentials");
    expect(both.preIssued?.accessToken).toBe("00D!x");
  });

  it("nothing set: one message naming every way to configure it", () => {
    const error = failure({});
    expect(error).toMatchObject({ code: "CREDENTIALS_INVALID", errorClass: "configuration", source: "config" });
    for (const key of [
      "SALESFORCE_LOGIN_URL",
      "SALESFORCE_CLIENT_SECRET",
      "SALESFORCE_PRIVATE_KEY",
      "SALESFORCE_ACCESS_TOKEN",
    ]) {
      expect(error.message).toContain(key);
    }
  });

  it("lists exactly what is missing for the chosen flow, never the values", () => {
    const error = failure({ SALESFORCE_CLIENT_SECRET: "top-secret" });
    expect(error.message).toContain("client-credentials");
    expect(error.message).toContain("SALESFORCE_LOGIN_URL, SALESFORCE_CLIENT_ID");
    expect(error.message).not.toContain("top-secret");
    const jwt = failure({ SALESFORCE_LOGIN_URL: "https://login.salesforce.com", SALESFORCE_USERNAME: "u" });
    expect(jwt.message).toContain("missing SALESFORCE_CLIENT_ID, SALESFORCE_PRIVATE_KEY");
  });

  it("treats blank values as unset", () => {
    expect(failure({ SALESFORCE_CLIENT_SECRET: "  ", SALESFORCE_LOGIN_URL: "" }).message).toContain("incomplete");
  });

  it("refuses a private key that is not an RSA PEM, without echoing it", () => {
    const error = failure({
      SALESFORCE_LOGIN_URL: "https://login.salesforce.com",
      SALESFORCE_CLIENT_ID: "ck",
      SALESFORCE_USERNAME: "u",
      SALESFORCE_PRIVATE_KEY: "not-a-key-SECRETVALUE",
    });
    expect(error.message).toContain("SALESFORCE_PRIVATE_KEY");
    expect(error.message).not.toContain("SECRETVALUE");
  });

  it("refuses plain http except to loopback, and a malformed API version", () => {
    expect(
      failure({
        SALESFORCE_LOGIN_URL: "http://acme.my.salesforce.com",
        SALESFORCE_CLIENT_ID: "c",
        SALESFORCE_CLIENT_SECRET: "s",
      }).message,
    ).toContain("SALESFORCE_LOGIN_URL");
    expect(
      resolveSalesforceAuth({
        SALESFORCE_LOGIN_URL: "http://127.0.0.1:9",
        SALESFORCE_CLIENT_ID: "c",
        SALESFORCE_CLIENT_SECRET: "s",
      }).grant?.loginUrl,
    ).toBe("http://127.0.0.1:9");
    expect(
      failure({
        SALESFORCE_API_VERSION: "v62",
        SALESFORCE_INSTANCE_URL: "https://x.my.salesforce.com",
        SALESFORCE_ACCESS_TOKEN: "t",
      }).message,
    ).toContain("SALESFORCE_API_VERSION");
  });

  it("a half pre-issued token names the missing half", () => {
    expect(failure({ SALESFORCE_ACCESS_TOKEN: "t" }).message).toContain("missing SALESFORCE_INSTANCE_URL");
  });
});

describe("salesforceCredentialsFromEnv", () => {
  it("picks only the contract's keys", () => {
    const picked = salesforceCredentialsFromEnv({ SALESFORCE_CLIENT_ID: "a", PATH: "/bin", JORTT_CLIENT_ID: "j" });
    expect(picked.SALESFORCE_CLIENT_ID).toBe("a");
    expect(picked).not.toHaveProperty("PATH");
    expect(picked).not.toHaveProperty("JORTT_CLIENT_ID");
  });
});
