import { readFileSync } from "node:fs";
import { join } from "node:path";
import {
  isJorttNotFound,
  jorttHttpError,
  jorttNetworkError,
  parseJorttErrorBody,
} from "../../../shared/adapters/jortt/jortt-errors";

const fixtureDir = join(__dirname, "../../fixtures/jortt");
const read = (name: string) => readFileSync(join(fixtureDir, name), "utf8");
const envelope = (code: number, key: string) => JSON.stringify({ error: { code, key, message: "m", details: [] } });

describe("Jortt error classification", () => {
  it.each([
    [401, "access_token.invalid", "configuration"],
    [401, "organization.requires_mkb_plan", "configuration"],
    [401, "scopes.insufficient", "configuration"],
    [404, "resource.not_found", "data"],
    [404, "endpoint.not_found", "configuration"],
    [405, "resource.method_not_allowed", "configuration"],
    [409, "resource.conflict", "transient"],
    [422, "params.invalid", "data"],
    [422, "operation.year_closed", "data"],
    [429, "request.throttled", "transient"],
    [500, "server.internal_error", "transient"],
    [503, "server.maintenance", "transient"],
    [503, "integration.outage", "transient"],
  ])("HTTP %p %p → %p", (status, key, errorClass) => {
    const error = jorttHttpError("GET /invoices", status, envelope(status, key));
    expect(error.errorClass).toBe(errorClass);
    expect(error.code).toBe(key);
    expect(error.jorttKey).toBe(key);
    expect(error.status).toBe(status);
    expect(error.source).toBe("jortt");
  });

  it("gives actionable hints for plan and scope problems", () => {
    expect(jorttHttpError("GET /customers", 401, envelope(401, "organization.requires_mkb_plan")).hint).toMatch(
      /MKB or Plus/,
    );
    expect(jorttHttpError("GET /customers", 401, envelope(401, "scopes.insufficient")).hint).toMatch(/customers:read/);
  });

  it("tolerates an HTML 502 from the gateway", () => {
    const html = read("error-502-nginx.txt");
    expect(parseJorttErrorBody(html)).toBeUndefined();
    const error = jorttHttpError("GET /invoices", 502, html);
    expect(error.errorClass).toBe("transient");
    expect(error.code).toBe("http.502");
    expect(error.message).toContain("non-JSON (HTML) error page");
  });

  it("tolerates truncated JSON", () => {
    expect(parseJorttErrorBody('{"error":{"code":4')).toBeUndefined();
    expect(jorttHttpError("GET /x", 500, '{"error":{"code":4').code).toBe("http.500");
  });

  it("carries the details of a 422 (param names, not values) into message and JSON", () => {
    const error = jorttHttpError("POST /customers", 422, read("error-422-customer-missing.json"), {
      recordKey: "order:801xx",
    });
    expect(error.message).toContain("is_private is missing");
    expect(error.message).toContain("customer_name is missing");
    expect(error.recordKey).toBe("order:801xx");
    const json = error.toJSON();
    expect(json.details).toEqual([
      { key: "is_missing", param: "is_private", message: "is missing" },
      { key: "is_missing", param: "customer_name", message: "is missing" },
    ]);
    expect(json.jorttKey).toBe("params.invalid");
  });

  it("recognises not-found", () => {
    expect(isJorttNotFound(jorttHttpError("GET /invoices/x", 404, envelope(404, "resource.not_found")))).toBe(true);
    expect(isJorttNotFound(jorttHttpError("GET /nope", 404, envelope(404, "endpoint.not_found")))).toBe(false);
    expect(isJorttNotFound(new Error("x"))).toBe(false);
  });

  it("classifies network failures and timeouts as transient", () => {
    const refused = new TypeError("fetch failed", {
      cause: Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" }),
    });
    const error = jorttNetworkError("GET /invoices", refused);
    expect(error.errorClass).toBe("transient");
    expect(error.message).toContain("ECONNREFUSED");
    const timeout = jorttNetworkError(
      "GET /invoices",
      new DOMException("The operation was aborted due to timeout", "TimeoutError"),
    );
    expect(timeout.code).toBe("network.timeout");
  });
});
