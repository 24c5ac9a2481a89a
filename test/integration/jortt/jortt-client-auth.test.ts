import { isJorttApiError } from "../../../shared/adapters/jortt/jortt-errors";
import { isSyncError } from "../../../shared/errors/sync-error";
import { generateJorttDemoData, type JorttSandbox, startJorttSandbox } from "../../../sim/jortt";
import { caught, clientFor } from "./sandbox-client";

describe("JorttClient ↔ sandbox: OAuth2 client credentials", () => {
  let sandbox: JorttSandbox;

  beforeAll(async () => {
    sandbox = await startJorttSandbox({ data: generateJorttDemoData({ seed: 5, customers: 5, invoices: 5 }) });
  });
  afterAll(() => sandbox.close());
  beforeEach(() => sandbox.reset());

  it("requests one token with HTTP Basic + form body and caches it across calls", async () => {
    const client = clientFor(sandbox);
    const ids = [...sandbox.store.customers.keys()];
    await Promise.all(ids.map((id) => client.getCustomer(id)));
    await client.getCustomer(ids[0] as string);
    expect(client.tokenRequestCount).toBe(1);
    expect(sandbox.stats().tokenRequests).toBe(1);
    expect(client.requestCount).toBe(ids.length + 1);
  });

  it("re-authenticates once when the token expired, and carries on", async () => {
    const client = clientFor(sandbox);
    const id = [...sandbox.store.customers.keys()][0] as string;
    await client.getCustomer(id);
    sandbox.expireTokens();
    const again = await client.getCustomer(id);
    expect(again.id).toBe(id);
    expect(client.tokenRequestCount).toBe(2);
    expect(sandbox.stats().byStatus["401"]).toBe(1);
  });

  it("re-authenticates when the server forgot the token (access_token.invalid)", async () => {
    const client = clientFor(sandbox);
    const id = [...sandbox.store.customers.keys()][0] as string;
    await client.getCustomer(id);
    sandbox.forgetTokens();
    await expect(client.getCustomer(id)).resolves.toMatchObject({ id });
    expect(client.tokenRequestCount).toBe(2);
  });

  it("renews a token before it expires (short lifetime)", async () => {
    const shortLived = await startJorttSandbox({
      tokenTtlSeconds: 1,
      data: generateJorttDemoData({ seed: 5, customers: 1, invoices: 0 }),
    });
    try {
      const client = clientFor(shortLived);
      for await (const _page of client.customerPages()) break;
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      for await (const _page of client.customerPages()) break;
      expect(client.tokenRequestCount).toBe(2);
      expect(shortLived.stats().byStatus["401"]).toBeUndefined(); // renewed early, never sent a stale one
    } finally {
      await shortLived.close();
    }
  });

  it("fails fast with a configuration error on bad credentials, without leaking the secret", async () => {
    const client = clientFor(sandbox, { clientSecret: "wrong-secret-value" });
    const error = await caught(() => client.getCustomer([...sandbox.store.customers.keys()][0] as string));
    expect(isSyncError(error)).toBe(true);
    if (!isSyncError(error)) return;
    expect(error.errorClass).toBe("configuration");
    expect(error.code).toBe("oauth.invalid_client");
    expect(error.hint).toMatch(/JORTT_CLIENT_ID/);
    expect(JSON.stringify(error.toJSON())).not.toContain("wrong-secret-value");
    expect(error.message).not.toContain("wrong-secret-value");
    expect(client.tokenRequestCount).toBe(1); // a 401 is not retried
  });

  it("reports scopes beyond the app's registration as configuration", async () => {
    const narrow = await startJorttSandbox({ registeredScopes: ["customers:read"] });
    try {
      const client = clientFor(narrow, { scopes: ["customers:read", "invoices:read"] });
      const error = await caught(() => client.getInvoice("14da573e-2c9f-43a6-9318-638ed736cb8d"));
      expect(isSyncError(error) && error.code).toBe("oauth.invalid_scope");
      expect(isSyncError(error) && error.errorClass).toBe("configuration");
    } finally {
      await narrow.close();
    }
  });

  it("turns a missing scope on the token into scopes.insufficient (configuration), after one re-auth attempt is not needed", async () => {
    const client = clientFor(sandbox, { scopes: ["customers:read"] });
    const error = await caught(() => client.getInvoice("14da573e-2c9f-43a6-9318-638ed736cb8d"));
    expect(isJorttApiError(error)).toBe(true);
    if (!isJorttApiError(error)) return;
    expect(error.status).toBe(401);
    expect(error.jorttKey).toBe("scopes.insufficient");
    expect(error.errorClass).toBe("configuration");
    expect(client.tokenRequestCount).toBe(1); // a fresh token cannot add a scope
  });

  it("never puts the bearer token in errors (422 and 404)", async () => {
    const seenAuthorization: string[] = [];
    const recordingFetch: typeof fetch = (input, init) => {
      const header = new Headers(init?.headers).get("authorization");
      if (header?.startsWith("Bearer ")) seenAuthorization.push(header.slice("Bearer ".length));
      return fetch(input, init);
    };
    const client = clientFor(sandbox, { fetch: recordingFetch });
    const badId = await caught(() => client.getInvoice("999"));
    const unknown = await caught(() => client.getCustomer("00000000-0000-4000-8000-000000000000"));
    const token = seenAuthorization[0] as string;
    expect(token.length).toBeGreaterThan(20);
    for (const error of [badId, unknown]) {
      expect(isJorttApiError(error)).toBe(true);
      const serialized = `${String(error)} ${(error as Error).stack ?? ""} ${JSON.stringify((error as { toJSON(): unknown }).toJSON())}`;
      expect(serialized).not.toContain(token);
      expect(serialized).not.toMatch(/Bearer/i);
      expect(serialized).not.toContain(sandbox.clientSecret);
    }
  });
});
