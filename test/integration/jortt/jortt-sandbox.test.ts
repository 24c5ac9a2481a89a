import { parseJorttCustomer } from "../../../shared/domain/jortt/customer-schema";
import { parseJorttInvoice } from "../../../shared/domain/jortt/invoice-schema";
import { generateJorttDemoData, type JorttSandbox, startJorttSandbox } from "../../../sim/jortt";

interface Json {
  status: number;
  contentType: string | null;
  body: unknown;
  text: string;
}

describe("Jortt sandbox over raw HTTP (contract in reference/jortt-api.md)", () => {
  let sandbox: JorttSandbox;
  let token: string;
  const data = generateJorttDemoData({ seed: 8, customers: 12, invoices: 150 });

  const basic = () => `Basic ${Buffer.from(`${sandbox.clientId}:${sandbox.clientSecret}`).toString("base64")}`;
  async function call(path: string, init: RequestInit = {}, bearer: string | null = token): Promise<Json> {
    const headers = new Headers(init.headers);
    if (bearer !== null) headers.set("authorization", `Bearer ${bearer}`);
    const response = await fetch(`${sandbox.url}${path}`, { ...init, headers });
    const text = await response.text();
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      body = undefined;
    }
    return { status: response.status, contentType: response.headers.get("content-type"), body, text };
  }

  beforeAll(async () => {
    sandbox = await startJorttSandbox({ data, rateLimitPerSecond: null, seed: 8 });
    const response = await fetch(sandbox.tokenUrl, {
      method: "POST",
      headers: { authorization: basic(), "content-type": "application/x-www-form-urlencoded" },
      body: "grant_type=client_credentials&scope=customers%3Aread+invoices%3Aread+invoices%3Awrite",
    });
    const issued = (await response.json()) as Record<string, unknown>;
    expect(issued).toMatchObject({
      token_type: "Bearer",
      expires_in: 7200,
      scope: "customers:read invoices:read invoices:write",
    });
    expect(typeof issued.created_at).toBe("number");
    token = issued.access_token as string;
  });
  afterAll(() => sandbox.close());
  beforeEach(() => sandbox.reset());

  it("refuses bad client credentials, a non-form body and another grant type (OAuth errors)", async () => {
    const bad = await fetch(sandbox.tokenUrl, {
      method: "POST",
      headers: {
        authorization: `Basic ${Buffer.from("x:y").toString("base64")}`,
        "content-type": "application/x-www-form-urlencoded",
      },
      body: "grant_type=client_credentials",
    });
    expect(bad.status).toBe(401);
    expect(((await bad.json()) as { error: string }).error).toBe("invalid_client");
    const inBody = await fetch(sandbox.tokenUrl, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: `grant_type=client_credentials&client_id=${sandbox.clientId}&client_secret=${sandbox.clientSecret}`,
    });
    expect(inBody.status).toBe(401); // credentials must be HTTP Basic
    const grant = await fetch(sandbox.tokenUrl, {
      method: "POST",
      headers: { authorization: basic(), "content-type": "application/x-www-form-urlencoded" },
      body: "grant_type=password",
    });
    expect(((await grant.json()) as { error: string }).error).toBe("unsupported_grant_type");
  });

  it("answers a missing or wrong bearer with the 401 envelope", async () => {
    const missing = await call("/customers", {}, null);
    expect(missing.status).toBe(401);
    expect(missing.body).toEqual({
      error: { code: 401, key: "access_token.invalid", message: "The access token is invalid.", details: [] },
    });
    expect((await call("/customers", {}, "nope")).status).toBe(401);
  });

  it("lists customers alphabetically in the v1 shape, with _links and the /v1 twin", async () => {
    const result = await call("/customers");
    expect(result.status).toBe(200);
    const body = result.body as { data: unknown[]; _links: Record<string, unknown> };
    expect(body.data).toHaveLength(12);
    expect(body.data.every((raw) => parseJorttCustomer(raw).ok)).toBe(true);
    expect(body._links).toEqual({
      previous: null,
      next: null,
      self: { href: `${sandbox.url}/customers?page=1`, type: "application/json" },
      documentation: { href: "https://developer.jortt.nl/#pagination", type: "text/html" },
    });
    const v1 = await call("/v1/customers");
    expect((v1.body as { data: unknown[] }).data).toEqual(body.data);
  });

  it("pages invoices by 100, newest first, with 2-decimal string money; next drops invoice_status", async () => {
    const first = await call("/invoices?invoice_status=sent&query=&page=1");
    const body = first.body as {
      data: Array<{ invoice_total: { value: unknown }; invoice_status: string }>;
      _links: { next: { href: string } | null; previous: unknown };
    };
    expect(body.data).toHaveLength(100);
    expect(body.data.every((invoice) => invoice.invoice_status === "sent")).toBe(true);
    expect(
      body.data.every(
        (invoice) =>
          typeof invoice.invoice_total.value === "string" && /^-?\d+\.\d{2}$/.test(invoice.invoice_total.value),
      ),
    ).toBe(true);
    expect(body.data.every((raw) => parseJorttInvoice(raw).ok)).toBe(true);
    expect(body._links.previous).toBeNull();
    expect(body._links.next?.href).toBe(`${sandbox.url}/invoices?page=2`);
    const withQuery = await call("/invoices?query=PO-1&invoice_status=sent");
    expect((withQuery.body as { _links: { self: { href: string } } })._links.self.href).toBe(
      `${sandbox.url}/invoices?query=PO-1&page=1`,
    );
  });

  it("returns an empty last page past the end", async () => {
    const past = await call("/invoices?page=99");
    expect(past.body).toMatchObject({ data: [], _links: { next: null } });
  });

  it("gives 422 params.invalid for a non-UUID id and bad parameters, 404 for an unknown one", async () => {
    const badId = await call("/customers/999");
    expect(badId.status).toBe(422);
    expect(badId.body).toEqual({
      error: {
        code: 422,
        key: "params.invalid",
        message: "The parameters are invalid (either missing, not of the correct type or incorrect format).",
        details: [{ key: "is_invalid", param: "customer_id", message: "is invalid" }],
      },
    });
    expect((await call("/invoices?invoice_status=open")).status).toBe(422);
    expect((await call("/invoices?query=ab")).status).toBe(422);
    expect((await call("/invoices?page=0")).status).toBe(422);
    const unknown = await call("/invoices/00000000-0000-4000-8000-000000000000");
    expect(unknown.status).toBe(404);
    expect((unknown.body as { error: { key: string } }).error.key).toBe("resource.not_found");
  });

  it("returns one invoice with possible_actions", async () => {
    const invoice = data.invoices[0];
    const result = await call(`/v1/invoices/${invoice?.id}`);
    expect(result.body).toMatchObject({ data: { id: invoice?.id }, possible_actions: expect.any(Array) });
  });

  it("answers unknown endpoints, wrong methods, malformed JSON and insufficient scopes like Jortt", async () => {
    expect(((await call("/nope")).body as { error: { key: string } }).error.key).toBe("endpoint.not_found");
    expect(((await call("/invoices", { method: "DELETE" })).body as { error: { key: string } }).error.key).toBe(
      "resource.method_not_allowed",
    );
    const malformed = await call("/v3/invoices", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{",
    });
    expect((malformed.body as { error: { key: string } }).error.key).toBe("params.invalid_format");
    const noScope = await call("/customers", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{}",
    });
    expect(noScope.status).toBe(401);
    expect((noScope.body as { error: { key: string } }).error.key).toBe("scopes.insufficient");
  });

  it("injects seeded faults through the control API and counts them", async () => {
    const set = await call(
      "/__control/faults",
      { method: "POST", body: JSON.stringify({ rateHtml502: 0.5, seed: 4 }) },
      null,
    );
    expect(set.body).toMatchObject({ rateHtml502: 0.5 });
    const statuses: number[] = [];
    for (let i = 0; i < 12; i += 1) statuses.push((await call("/customers")).status);
    const html = await (async () => {
      for (;;) {
        const result = await call("/customers");
        if (result.status === 502) return result;
      }
    })();
    expect(html.contentType).toBe("text/html");
    expect(html.text).toContain("502 Bad Gateway");

    // Same seed, same sequence.
    await call("/__control/faults", { method: "POST", body: JSON.stringify({ rateHtml502: 0.5, seed: 4 }) }, null);
    const again: number[] = [];
    for (let i = 0; i < 12; i += 1) again.push((await call("/customers")).status);
    expect(again).toEqual(statuses);
    expect(statuses).toContain(502);
    expect(statuses).toContain(200);

    const stats = (await call("/__control/stats", {}, null)).body as {
      byStatus: Record<string, number>;
      faultsInjected: number;
    };
    expect(stats.faultsInjected).toBe(stats.byStatus["502"]);
    await call("/__control/reset", { method: "POST" }, null);
    expect(sandbox.stats().total).toBe(0);
    expect((await call("/customers")).status).toBe(200);
  });

  it("can expire tokens through the control API", async () => {
    await call("/__control/tokens/expire", { method: "POST" }, null);
    const expired = await call("/customers");
    expect((expired.body as { error: { key: string } }).error.key).toBe("access_token.expired");
  });
});
