import { isJorttApiError } from "../../../shared/adapters/jortt/jortt-errors";
import { buildV3LineItem } from "../../../shared/domain/jortt/create-invoice-schema";
import { isSyncError } from "../../../shared/errors/sync-error";
import { type JorttSandbox, startJorttSandbox } from "../../../sim/jortt";
import { caught, clientFor } from "./sandbox-client";

describe("JorttClient ↔ sandbox: Salesforce → Jortt writes", () => {
  let sandbox: JorttSandbox;

  beforeAll(async () => {
    sandbox = await startJorttSandbox({ seed: 3 });
  });
  afterAll(() => sandbox.close());

  it("creates a company customer and reads it back; finds it by reference", async () => {
    const client = clientFor(sandbox);
    const { id } = await client.createCustomer({
      is_private: false,
      customer_name: "Bäckerei Müller GmbH",
      address_street: "Königsallee 12",
      address_postal_code: "40212",
      address_city: "Düsseldorf",
      address_country_code: "DE",
      email: "buchhaltung@example.com",
      reference: "001Qy00000AbCdEIAZ",
    });
    const customer = await client.getCustomer(id);
    expect(customer.value).toMatchObject({
      customer_name: "Bäckerei Müller GmbH",
      address_country_name: "Duitsland",
      payment_term: 30,
    });
    const found = await client.findCustomersByReference("001Qy00000AbCdEIAZ");
    expect(found.map((record) => record.id)).toEqual([id]);
  });

  it("rejects an incomplete customer before sending it (no request made)", async () => {
    const client = clientFor(sandbox);
    const error = await caught(() => client.createCustomer({ is_private: false, customer_name: "ACME B.V." }));
    expect(isSyncError(error) && error.errorClass).toBe("data");
    expect(isSyncError(error) && error.field).toBe("address_street");
    expect(client.requestCount).toBe(0);
  });

  it("returns Jortt's 422 details when the server refuses a body", async () => {
    const token = await fetch(sandbox.tokenUrl, {
      method: "POST",
      headers: {
        authorization: `Basic ${Buffer.from(`${sandbox.clientId}:${sandbox.clientSecret}`).toString("base64")}`,
        "content-type": "application/x-www-form-urlencoded",
      },
      body: "grant_type=client_credentials",
    }).then(async (response) => ((await response.json()) as { access_token: string }).access_token);
    const response = await fetch(`${sandbox.url}/customers`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: "{}",
    });
    expect(response.status).toBe(422);
    expect(await response.json()).toEqual({
      error: {
        code: 422,
        key: "params.invalid",
        message: "The parameters are invalid (either missing, not of the correct type or incorrect format).",
        details: [
          { key: "is_missing", param: "is_private", message: "is missing" },
          { key: "is_missing", param: "customer_name", message: "is missing" },
        ],
      },
    });
  });

  it("creates a draft v3 invoice with exact totals, then sends it and gets a YYYYMM-NNN number", async () => {
    const client = clientFor(sandbox);
    const { id: customerId } = await client.createCustomer({ is_private: true, customer_name: "Zoë Ğüneş" });
    const { id } = await client.createInvoice({
      customer_id: customerId,
      invoice_date: "2024-03-28",
      reference: "ORD-0001",
      line_items: [
        buildV3LineItem({ description: "Consultancy", quantity: "7.5", unitPriceCents: 9_500, vatBasisPoints: 2_100 }),
        buildV3LineItem({ description: "Koffie", quantity: "12", unitPriceCents: 1_850, vatBasisPoints: 900 }),
        buildV3LineItem({ description: "Training", quantity: "1", unitPriceCents: 9_600, vatBasisPoints: 0 }),
      ],
    });
    const draft = (await client.getInvoice(id)).value;
    expect(draft.invoice_status).toBe("draft");
    expect(draft.invoice_number).toBeNull();
    expect(draft.invoice_total.cents).toBe(103_050);
    expect(draft.invoice_total_incl_vat.cents).toBe(120_011); // 149.63 + 19.98 VAT
    expect(draft.customer_company_name).toBe("Zoë Ğüneş");
    expect(draft.line_items.map((line) => [line.quantity, line.vat_basis_points, line.amount_per_unit.cents])).toEqual([
      ["7.5", 2_100, 9_500],
      ["12", 900, 1_850],
      ["1", 0, 9_600],
    ]);

    await client.sendInvoice(id, { send_method: "self" });
    const sent = (await client.getInvoice(id)).value;
    expect(sent.invoice_status).toBe("sent");
    expect(sent.invoice_number).toMatch(/^202403-\d{3}$/);
    expect(sent.invoice_due_amount.cents).toBe(120_011);

    const again = await caught(() => client.sendInvoice(id, { send_method: "self" }));
    expect(isJorttApiError(again) && again.jorttKey).toBe("operation.invalid");
    expect(isJorttApiError(again) && again.errorClass).toBe("data");

    const byReference = await client.findInvoicesByReference("ORD-0001");
    expect(byReference.map((record) => record.id)).toEqual([id]);
  });

  it("creates a sent invoice directly when send_method is given", async () => {
    const client = clientFor(sandbox);
    const { id } = await client.createInvoice({
      send_method: "self",
      line_items: [
        buildV3LineItem({ description: "Licentie", quantity: "1", unitPriceCents: 49_900, vatBasisPoints: 2_100 }),
      ],
    });
    const invoice = (await client.getInvoice(id)).value;
    expect(invoice.invoice_status).toBe("sent");
    expect(invoice.invoice_number).not.toBeNull();
  });

  it("maps an unknown customer id in a create to a 422 data error with the param", async () => {
    const client = clientFor(sandbox);
    const error = await caught(() => client.createInvoice({ customer_id: "00000000-0000-4000-8000-000000000000" }));
    expect(isJorttApiError(error)).toBe(true);
    if (!isJorttApiError(error)) return;
    expect(error.status).toBe(422);
    expect(error.details[0]?.param).toBe("customer_id");
    expect(error.errorClass).toBe("data");
  });

  it("validates the send body (email needs address, subject and body)", async () => {
    const client = clientFor(sandbox);
    const error = await caught(() =>
      client.sendInvoice("00000000-0000-4000-8000-000000000000", { send_method: "email" }),
    );
    expect(isSyncError(error) && error.code).toBe("jortt.request.invalid");
    expect(client.requestCount).toBe(0);
  });
});
