import {
  classifyRecordErrors,
  classifySalesforceError,
  policyFor,
} from "../../../shared/adapters/salesforce/classify-salesforce-error";
import { SALESFORCE_ERROR_CODES } from "../../../shared/adapters/salesforce/error-codes";
import { SyncError } from "../../../shared/errors/sync-error";

/** The shape of jsforce's (unexported) HttpApiError: name = errorCode, data = the error object. */
class FakeHttpApiError extends Error {
  errorCode: string;
  data: unknown;
  constructor(message: string, errorCode: string, data?: unknown) {
    super(message);
    this.name = errorCode;
    this.errorCode = errorCode;
    this.data = data;
  }
}

/** jsforce's token endpoint error: an anonymous Error whose name is the OAuth `error`. */
function tokenError(error: string, description: string): Error {
  const e = new Error(description);
  e.name = error;
  return e;
}

// Every code of reference §9.4 (plus the whole-request codes the client meets), with its class.
const REFERENCE_TABLE: [code: string, errorClass: SyncError["errorClass"]][] = [
  ["INVALID_SESSION_ID", "configuration"],
  ["REQUEST_LIMIT_EXCEEDED", "rate-limit"],
  ["UNABLE_TO_LOCK_ROW", "transient"],
  ["DUPLICATE_VALUE", "data"],
  ["DUPLICATE_EXTERNAL_ID", "data"],
  ["MULTIPLE_CHOICES", "data"],
  ["DUPLICATES_DETECTED", "data"],
  ["INVALID_FIELD", "configuration"],
  ["REQUIRED_FIELD_MISSING", "data"],
  ["ENTITY_IS_DELETED", "data"],
  ["INVALID_CROSS_REFERENCE_KEY", "data"],
  ["MALFORMED_ID", "data"],
  ["FIELD_CUSTOM_VALIDATION_EXCEPTION", "data"],
  ["FIELD_INTEGRITY_EXCEPTION", "data"],
  ["STRING_TOO_LONG", "data"],
  ["INVALID_EMAIL_ADDRESS", "data"],
  ["INVALID_TYPE_ON_FIELD_IN_RECORD", "data"],
  ["CANNOT_INSERT_UPDATE_ACTIVATE_ENTITY", "data"],
  ["INSUFFICIENT_ACCESS_OR_READONLY", "configuration"],
  ["JSON_PARSER_ERROR", "configuration"],
  ["MALFORMED_QUERY", "configuration"],
  ["EXCEEDED_ID_LIMIT", "configuration"],
  ["ALL_OR_NONE_OPERATION_ROLLED_BACK", "transient"],
  ["PROCESSING_HALTED", "transient"],
  ["SERVER_UNAVAILABLE", "transient"],
  ["INVALID_TYPE", "configuration"],
  ["NOT_FOUND", "configuration"],
  ["API_DISABLED_FOR_ORG", "configuration"],
  ["INSUFFICIENT_ACCESS", "configuration"],
  ["ERROR_HTTP_500", "transient"],
  ["ERROR_HTTP_502", "transient"],
  ["ERROR_HTTP_503", "transient"],
  ["ERROR_HTTP_504", "transient"],
  ["ERROR_HTTP_420", "transient"],
];

describe("classifySalesforceError: reference §9.4 codes as whole-call errors", () => {
  it.each(REFERENCE_TABLE)("%s → %s", (code, errorClass) => {
    const error = classifySalesforceError(
      new FakeHttpApiError("some message", code, { message: "m", errorCode: code }),
      {
        scope: "call",
        object: "Account",
      },
    );
    expect(error).toBeInstanceOf(SyncError);
    expect(error.code).toBe(code);
    expect(error.errorClass).toBe(errorClass);
    expect(error.source).toBe("salesforce");
    expect(error.hint).toEqual(expect.any(String));
    expect(error.hint?.length).toBeGreaterThan(10);
  });
});

describe("every code in the table", () => {
  it.each(Object.entries(SALESFORCE_ERROR_CODES))("%s has a class, a retry rule and a hint", (code, policy) => {
    expect(["transient", "rate-limit", "data", "configuration"]).toContain(policy.errorClass);
    expect(["backoff", "once", "never"]).toContain(policy.retry);
    expect(policy.hint.length).toBeGreaterThan(10);
    // the rule and the class agree: only transient codes back off
    if (policy.retry === "backoff") expect(policy.errorClass).toBe("transient");
    const classified = classifyRecordErrors([{ statusCode: code, message: "x", fields: ["Name"] }], {
      scope: "record",
    });
    expect(classified.code).toBe(code);
    expect(classified.errorClass).toBe(policy.errorClass);
  });
});

describe("per-record errors (Collections `statusCode`)", () => {
  it("fills the field into the message and hint, and carries the record key", () => {
    const error = classifyRecordErrors(
      [
        {
          statusCode: "STRING_TOO_LONG",
          message: "Name: data value too large: Jan Jansen (max length=40)",
          fields: ["Name"],
        },
      ],
      { scope: "record", object: "Account", recordKey: "C-1" },
    );
    expect(error).toMatchObject({ code: "STRING_TOO_LONG", errorClass: "data", field: "Name", recordKey: "C-1" });
    expect(error.hint).toContain("Name");
    // the value (a person's name) is not echoed
    expect(error.message).not.toContain("Jansen");
  });

  it("reports the real cause, not the collateral rollback", () => {
    const error = classifyRecordErrors(
      [
        { statusCode: "ALL_OR_NONE_OPERATION_ROLLED_BACK", message: "rolled back" },
        {
          statusCode: "REQUIRED_FIELD_MISSING",
          message: "Required fields are missing: [LastName]",
          fields: ["LastName"],
        },
      ],
      { scope: "record" },
    );
    expect(error.code).toBe("REQUIRED_FIELD_MISSING");
  });

  it("accepts jsforce's `errorCode` spelling too", () => {
    expect(classifyRecordErrors([{ errorCode: "UNABLE_TO_LOCK_ROW" }], { scope: "record" }).errorClass).toBe(
      "transient",
    );
  });

  it("shows admin-written validation messages, redacted", () => {
    const error = classifyRecordErrors(
      [{ statusCode: "FIELD_CUSTOM_VALIDATION_EXCEPTION", message: "Contact jan@example.nl must have a country" }],
      { scope: "record" },
    );
    expect(error.message).toContain("must have a country");
    expect(error.message).not.toContain("jan@example.nl");
  });

  it("an unknown per-record code is a data error; an unknown whole-call code is a configuration error", () => {
    expect(classifyRecordErrors([{ statusCode: "SOMETHING_NEW" }], { scope: "record" }).errorClass).toBe("data");
    expect(classifySalesforceError(new FakeHttpApiError("x", "SOMETHING_NEW"), { scope: "call" }).errorClass).toBe(
      "configuration",
    );
  });
});

describe("jsforce and transport error shapes", () => {
  it("INVALID_FIELD names the missing field from the SOQL message and says to deploy the metadata", () => {
    const error = classifySalesforceError(
      new FakeHttpApiError(
        "\nSELECT Id, Jortt_Customer_Id__c FROM Account\n ^\nERROR at Row:1:Column:12\nNo such column 'Jortt_Customer_Id__c' on entity 'Account'.",
        "INVALID_FIELD",
      ),
      { scope: "call" },
    );
    expect(error).toMatchObject({ code: "INVALID_FIELD", errorClass: "configuration", field: "Jortt_Customer_Id__c" });
    expect(error.hint).toContain("Deploy the salesforce/ metadata");
    expect(error.hint).toContain("Jortt_Customer_Id__c");
    expect(error.message).toContain("Account");
  });

  it("MULTIPLE_API_ERRORS classifies the first real error of `data`", () => {
    const error = classifySalesforceError(
      new FakeHttpApiError("Multiple errors", "MULTIPLE_API_ERRORS", [
        { errorCode: "PROCESSING_HALTED", message: "halted" },
        { errorCode: "REQUEST_LIMIT_EXCEEDED", message: "TotalRequests Limit exceeded." },
      ]),
      { scope: "call" },
    );
    expect(error).toMatchObject({ code: "REQUEST_LIMIT_EXCEEDED", errorClass: "rate-limit" });
  });

  it("an HTML 503 page is transient and not echoed", () => {
    const error = classifySalesforceError(
      new FakeHttpApiError("<html><body>Down for maintenance</body></html>", "ERROR_HTTP_503", "<html>"),
      { scope: "call" },
    );
    expect(error).toMatchObject({ code: "ERROR_HTTP_503", errorClass: "transient", status: 503 });
    expect(error.message).not.toContain("<html>");
  });

  it("a refresh failure without the original error is INVALID_SESSION_ID (configuration)", () => {
    const error = classifySalesforceError(
      new Error("Unable to refresh session due to: No refresh token found in the connection"),
      { scope: "call" },
    );
    expect(error).toMatchObject({ code: "INVALID_SESSION_ID", errorClass: "configuration" });
  });

  it.each([
    ["invalid_client", "configuration"],
    ["invalid_grant", "configuration"],
    ["invalid_client_id", "configuration"],
    ["unsupported_grant_type", "configuration"],
    ["ERROR_HTTP_503", "transient"],
  ])("token endpoint error %s → %s", (name, errorClass) => {
    const error = classifySalesforceError(tokenError(name, "authentication failure"), { scope: "call" });
    expect(error).toMatchObject({ code: name, errorClass });
  });

  it.each(["ECONNRESET", "ECONNREFUSED", "ETIMEDOUT", "ENOTFOUND", "EPIPE"])(
    "node-fetch FetchError %s → transient",
    (code) => {
      const error = Object.assign(new Error(`request to http://x failed, reason: ${code}`), {
        name: "FetchError",
        code,
        errno: code,
        type: "system",
      });
      expect(classifySalesforceError(error, { scope: "call" })).toMatchObject({ code, errorClass: "transient" });
    },
  );

  it("undici-style TypeError with a cause code → transient", () => {
    const error = new TypeError("fetch failed", {
      cause: Object.assign(new Error("socket"), { code: "UND_ERR_SOCKET" }),
    });
    expect(classifySalesforceError(error, { scope: "call" })).toMatchObject({
      code: "UND_ERR_SOCKET",
      errorClass: "transient",
    });
  });

  it("AbortError (HTTP timeout) → TIMEOUT, transient", () => {
    const error = Object.assign(new Error("The user aborted a request."), { name: "AbortError", type: "aborted" });
    expect(classifySalesforceError(error, { scope: "call" })).toMatchObject({
      code: "TIMEOUT",
      errorClass: "transient",
    });
  });

  it("a SyncError passes through unchanged", () => {
    const original = new SyncError("x", { code: "X", errorClass: "data", source: "salesforce" });
    expect(classifySalesforceError(original, { scope: "call" })).toBe(original);
  });

  it("an unexpected programming error is a configuration error (fail fast, never swallowed)", () => {
    expect(classifySalesforceError(new RangeError("boom"), { scope: "call" })).toMatchObject({
      code: "UNEXPECTED_ERROR",
      errorClass: "configuration",
    });
  });
});

describe("policyFor", () => {
  it("DUPLICATE_VALUE retries once (a concurrent create of the same key resolves as an update)", () => {
    expect(policyFor("DUPLICATE_VALUE", "record")).toMatchObject({ retry: "once", errorClass: "data" });
  });
  it("REQUEST_LIMIT_EXCEEDED is never retried in-call", () => {
    expect(policyFor("REQUEST_LIMIT_EXCEEDED", "call").retry).toBe("never");
  });
  it("ERROR_HTTP_404 is configuration, ERROR_HTTP_401 is INVALID_SESSION_ID's policy", () => {
    expect(policyFor("ERROR_HTTP_404", "call").errorClass).toBe("configuration");
    expect(policyFor("ERROR_HTTP_401", "call")).toBe(SALESFORCE_ERROR_CODES.INVALID_SESSION_ID);
  });
});
