import { readFileSync } from "node:fs";
import { join } from "node:path";
import Ajv, { type ValidateFunction } from "ajv";
import { type JorttSandbox, startJorttSandbox } from "../../sim/jortt";
import { NOT_ALWAYS_PRESENT, NULLABLE_UNLESS_CORE, SPEC_DEVIATIONS } from "./jortt-openapi-deviations";

type JsonObject = Record<string, unknown>;

const specPath = join(__dirname, "..", "..", "..", "shared", "contracts", "jortt-openapi.json");

function loadPatchedSpec(): JsonObject {
  const spec = JSON.parse(readFileSync(specPath, "utf8")) as { definitions: Record<string, JsonObject> };
  const definitions = spec.definitions;
  for (const [name, core] of Object.entries(NULLABLE_UNLESS_CORE)) {
    const properties = definitions[name]?.properties as Record<string, JsonObject> | undefined;
    if (!properties) throw new Error(`deviation names unknown definition ${name}`);
    for (const [key, schema] of Object.entries(properties)) {
      if (!core.includes(key)) properties[key] = { anyOf: [schema, { type: "null" }] };
    }
  }
  for (const deviation of SPEC_DEVIATIONS) {
    const properties = definitions[deviation.definition]?.properties as Record<string, JsonObject> | undefined;
    if (!properties || !(deviation.property in properties)) {
      throw new Error(`deviation names unknown ${deviation.definition}.${deviation.property}`);
    }
    properties[deviation.property] = deviation.schema;
  }
  for (const [name, keys] of Object.entries(NOT_ALWAYS_PRESENT)) {
    const definition = definitions[name] as { required?: string[] };
    definition.required = (definition.required ?? []).filter((key) => !keys.includes(key));
  }
  return spec as unknown as JsonObject;
}

describe("Jortt sandbox responses against the OpenAPI contract (with documented deviations only)", () => {
  let sandbox: JorttSandbox;
  let token: string;
  const validators = new Map<string, ValidateFunction>();
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
  ajv.addSchema(loadPatchedSpec(), "jortt");

  function validatorFor(definition: string): ValidateFunction {
    let validate = validators.get(definition);
    if (!validate) {
      validate = ajv.compile({ $ref: `jortt#/definitions/${definition}` });
      validators.set(definition, validate);
    }
    return validate;
  }

  function expectConforms(body: unknown, definition: string): void {
    const validate = validatorFor(definition);
    const ok = validate(body);
    expect({ definition, errors: ok ? [] : ajv.errorsText(validate.errors, { separator: "\n" }).split("\n") }).toEqual({
      definition,
      errors: [],
    });
  }

  async function api(path: string, init: RequestInit = {}): Promise<{ status: number; body: unknown }> {
    const response = await fetch(`${sandbox.url}${path}`, {
      ...init,
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json", ...init.headers },
    });
    return { status: response.status, body: await response.json() };
  }

  beforeAll(async () => {
    sandbox = await startJorttSandbox({ demo: { seed: 7, customers: 30, invoices: 120 }, rateLimitPerSecond: null });
    const response = await fetch(sandbox.tokenUrl, {
      method: "POST",
      headers: {
        authorization: `Basic ${Buffer.from(`${sandbox.clientId}:${sandbox.clientSecret}`).toString("base64")}`,
        "content-type": "application/x-www-form-urlencoded",
      },
      body: "grant_type=client_credentials&scope=customers%3Aread+customers%3Awrite+invoices%3Aread+invoices%3Awrite",
    });
    token = ((await response.json()) as { access_token: string }).access_token;
  });

  afterAll(async () => {
    await sandbox.close();
  });

  test("GET /customers pages conform to ListCustomersResponse", async () => {
    const { status, body } = await api("/customers?page=1");
    expect(status).toBe(200);
    expect((body as { data: unknown[] }).data.length).toBeGreaterThan(0);
    expectConforms(body, "Jortt_V1_Entities_Responses_ListCustomersResponse");
  });

  test("GET /customers/{id} conforms to GetCustomerResponse", async () => {
    const list = (await api("/customers")).body as { data: { id: string }[] };
    const { status, body } = await api(`/customers/${list.data[0]?.id}`);
    expect(status).toBe(200);
    expectConforms(body, "Jortt_V1_Entities_Responses_GetCustomerResponse");
  });

  test.each(["draft", "sent", "paid", "unpaid", "late"])(
    "GET /invoices?invoice_status=%s conforms to ListInvoicesResponse",
    async (invoiceStatus) => {
      const { status, body } = await api(`/invoices?invoice_status=${invoiceStatus}&page=1`);
      expect(status).toBe(200);
      expectConforms(body, "Jortt_V1_Entities_Responses_ListInvoicesResponse");
    },
  );

  test("GET /invoices/{id} conforms to GetInvoiceResponse, credit notes included", async () => {
    const pages = [(await api("/invoices?page=1")).body, (await api("/invoices?page=2")).body] as {
      data: { id: string; credited_invoice_id: string | null }[];
    }[];
    const invoices = pages.flatMap((page) => page.data);
    const credit = invoices.find((invoice) => invoice.credited_invoice_id !== null);
    for (const invoice of [invoices[0], credit]) {
      if (!invoice) continue;
      const { status, body } = await api(`/invoices/${invoice.id}`);
      expect(status).toBe(200);
      expectConforms(body, "Jortt_V1_Entities_Responses_GetInvoiceResponse");
    }
  });

  test("POST /customers and POST /v3/invoices answer ResourceCreatedResponse", async () => {
    const created = await api("/customers", {
      method: "POST",
      body: JSON.stringify({ is_private: true, customer_name: "Contract Test Person" }),
    });
    expect(created.status).toBe(201);
    expectConforms(created.body, "Jortt_V1_Entities_Responses_ResourceCreatedResponse");
    const customerId = (created.body as { data: { id: string } }).data.id;
    const invoice = await api("/v3/invoices", {
      method: "POST",
      body: JSON.stringify({
        customer_id: customerId,
        invoice_date: "2026-11-01",
        line_items: [
          {
            description: "Consulting",
            quantity: "2",
            amount: { amount: "50.00", currency: "EUR" },
            vat: { value: "0.21" },
          },
        ],
      }),
    });
    expect(invoice.status).toBe(201);
    expectConforms(invoice.body, "Jortt_V1_Entities_Responses_ResourceCreatedResponse");
  });

  test("errors use Jortt's envelope: 422 non-UUID id, 404 unknown id, 401 bad token", async () => {
    const cases = [
      { path: "/customers/999", status: 422, key: "params.invalid" },
      { path: "/invoices/00000000-0000-4000-8000-000000000000", status: 404, key: "resource.not_found" },
    ];
    for (const expected of cases) {
      const { status, body } = await api(expected.path);
      expect(status).toBe(expected.status);
      expect((body as { error: { key: string } }).error.key).toBe(expected.key);
      expectConforms((body as { error: unknown }).error, "Jortt_Shared_Entities_Error");
    }
    const unauthorised = await fetch(`${sandbox.url}/customers`, { headers: { authorization: "Bearer nope" } });
    expect(unauthorised.status).toBe(401);
    const body = (await unauthorised.json()) as { error: { key: string } };
    expect(body.error.key).toBe("access_token.invalid");
    expectConforms(body.error, "Jortt_Shared_Entities_Error");
  });

  test("every deviation names a real definition and property of the published spec", () => {
    const spec = JSON.parse(readFileSync(specPath, "utf8")) as {
      definitions: Record<string, { properties?: Record<string, unknown> }>;
    };
    for (const deviation of SPEC_DEVIATIONS) {
      expect(Object.keys(spec.definitions[deviation.definition]?.properties ?? {})).toContain(deviation.property);
    }
  });
});
