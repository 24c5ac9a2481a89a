import { generateKeyPairSync, verify } from "node:crypto";
import {
  jwtAudienceFor,
  MAX_JWT_LIFETIME_SECONDS,
  signJwtAssertion,
} from "../../../shared/adapters/salesforce/jwt-bearer-assertion";

const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
const privateKeyPem = privateKey.export({ type: "pkcs8", format: "pem" }).toString();

function decode(part: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(part, "base64url").toString("utf8")) as Record<string, unknown>;
}

describe("signJwtAssertion", () => {
  const now = Date.UTC(2026, 0, 15, 12, 0, 0);
  const jwt = signJwtAssertion({
    clientId: "3MVG9-consumer-key",
    username: "integration@acme.example",
    audience: "https://login.salesforce.com",
    privateKeyPem,
    now: () => now,
  });
  const [header, claims, signature] = jwt.split(".") as [string, string, string];

  it("is three base64url parts (no padding, no +/)", () => {
    expect(jwt.split(".")).toHaveLength(3);
    expect(jwt).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
  });

  it("has the RS256 header and Salesforce's claims", () => {
    expect(decode(header)).toEqual({ alg: "RS256", typ: "JWT" });
    expect(decode(claims)).toEqual({
      iss: "3MVG9-consumer-key",
      sub: "integration@acme.example",
      aud: "https://login.salesforce.com",
      exp: now / 1000 + MAX_JWT_LIFETIME_SECONDS,
    });
  });

  it("verifies with the public key, and not after tampering", () => {
    const signed = Buffer.from(`${header}.${claims}`);
    expect(verify("RSA-SHA256", signed, publicKey, Buffer.from(signature, "base64url"))).toBe(true);
    const tampered = Buffer.from(`${header}.${Buffer.from(JSON.stringify({ sub: "admin" })).toString("base64url")}`);
    expect(verify("RSA-SHA256", tampered, publicKey, Buffer.from(signature, "base64url"))).toBe(false);
  });

  it("never lives longer than 180 s, whatever is asked", () => {
    const long = signJwtAssertion({
      clientId: "c",
      username: "u",
      audience: "a",
      privateKeyPem,
      lifetimeSeconds: 3600,
      now: () => now,
    });
    expect(decode(long.split(".")[1] as string).exp).toBe(now / 1000 + 180);
  });
});

describe("jwtAudienceFor", () => {
  it.each([
    ["https://login.salesforce.com", "https://login.salesforce.com"],
    ["https://acme.my.salesforce.com", "https://login.salesforce.com"],
    ["https://test.salesforce.com", "https://test.salesforce.com"],
    ["https://acme--uat.sandbox.my.salesforce.com", "https://test.salesforce.com"],
    ["http://127.0.0.1:4567", "http://127.0.0.1:4567"],
    ["https://acme.my.site.com/customers", "https://acme.my.site.com"],
  ])("%s → %s", (loginUrl, audience) => {
    expect(jwtAudienceFor(loginUrl)).toBe(audience);
  });
});
