import {
  DEFAULT_JORTT_API_URL,
  DEFAULT_JORTT_TOKEN_URL,
  parseJorttCredentials,
  parseSalesforceCredentials,
} from "../../../shared/config/credentials-schema";
import { isSyncError, type SyncError } from "../../../shared/errors/sync-error";

function configError(run: () => unknown): SyncError {
  try {
    run();
  } catch (error) {
    if (isSyncError(error)) return error;
    throw error;
  }
  throw new Error("expected a configuration error");
}

describe("Jortt credentials", () => {
  it("needs a client id and secret and defaults the URLs", () => {
    expect(parseJorttCredentials({ JORTT_CLIENT_ID: "app", JORTT_CLIENT_SECRET: "s3cret" }, "env")).toEqual({
      JORTT_CLIENT_ID: "app",
      JORTT_CLIENT_SECRET: "s3cret",
      JORTT_API_URL: DEFAULT_JORTT_API_URL,
      JORTT_TOKEN_URL: DEFAULT_JORTT_TOKEN_URL,
    });
  });

  it("accepts a loopback sandbox over http, scopes, and treats blank values as unset", () => {
    const parsed = parseJorttCredentials(
      {
        JORTT_CLIENT_ID: "app",
        JORTT_CLIENT_SECRET: "s3cret",
        JORTT_API_URL: "http://127.0.0.1:4010/",
        JORTT_TOKEN_URL: "",
        JORTT_SCOPES: "customers:read invoices:read",
      },
      "env",
    );
    expect(parsed.JORTT_API_URL).toBe("http://127.0.0.1:4010");
    expect(parsed.JORTT_TOKEN_URL).toBe(DEFAULT_JORTT_TOKEN_URL);
    expect(parsed.JORTT_SCOPES).toBe("customers:read invoices:read");
  });

  it("names every missing or invalid key, never a value", () => {
    const error = configError(() =>
      parseJorttCredentials(
        { JORTT_CLIENT_ID: " ", JORTT_API_URL: "http://api.example.com", JORTT_SCOPES: "everything" },
        "secret jortt",
      ),
    );
    expect(error.errorClass).toBe("configuration");
    expect(error.field).toBe("JORTT_CLIENT_ID");
    for (const key of ["JORTT_CLIENT_ID", "JORTT_CLIENT_SECRET", "JORTT_API_URL", "JORTT_SCOPES"]) {
      expect(error.message).toContain(key);
    }
    expect(error.message).not.toContain("everything");
    expect(error.message).toContain("secret jortt");
  });
});

describe("Salesforce credentials", () => {
  it("accepts the client-credentials flow and pins the API version", () => {
    const parsed = parseSalesforceCredentials(
      {
        SALESFORCE_LOGIN_URL: "https://acme.my.salesforce.com",
        SALESFORCE_CLIENT_ID: "3MVG9",
        SALESFORCE_CLIENT_SECRET: "s3cret",
      },
      "env",
    );
    expect(parsed.SALESFORCE_API_VERSION).toMatch(/^\d+\.0$/);
  });

  it("accepts a pre-issued instance URL + access token alone", () => {
    const parsed = parseSalesforceCredentials(
      { SALESFORCE_INSTANCE_URL: "http://127.0.0.1:4020", SALESFORCE_ACCESS_TOKEN: "00D!token" },
      "env",
    );
    expect(parsed.SALESFORCE_INSTANCE_URL).toBe("http://127.0.0.1:4020");
  });

  it("rejects an incomplete flow and a malformed version as configuration errors", () => {
    const incomplete = configError(() =>
      parseSalesforceCredentials(
        { SALESFORCE_LOGIN_URL: "https://login.salesforce.com", SALESFORCE_USERNAME: "u@x" },
        "env",
      ),
    );
    expect(incomplete.errorClass).toBe("configuration");
    expect(incomplete.message).toContain("SALESFORCE_PRIVATE_KEY");
    const version = configError(() =>
      parseSalesforceCredentials(
        {
          SALESFORCE_INSTANCE_URL: "https://x.my.salesforce.com",
          SALESFORCE_ACCESS_TOKEN: "t",
          SALESFORCE_API_VERSION: "62",
        },
        "env",
      ),
    );
    expect(version.field).toBe("SALESFORCE_API_VERSION");
  });
});
