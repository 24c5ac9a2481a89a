import { JorttCreateCustomerBodySchema } from "../../../shared/domain/jortt/create-customer-schema";
import { toCountryCode } from "../../../shared/domain/reverse/country-code";
import {
  type CustomerSource,
  customerEmail,
  mapAccountToJorttCustomer,
} from "../../../shared/domain/reverse/map-account-to-customer";
import { OrderRowSchema } from "../../../shared/domain/reverse/salesforce-order-rows";

const ACCOUNT_ID = "001000000000001AAA";

function source(account: Record<string, unknown>, contact: CustomerSource["contact"] = null): CustomerSource {
  const row = OrderRowSchema.parse({
    Id: "801000000000001AAA",
    SystemModstamp: "2026-11-28T10:00:00.000+0000",
    Account: account,
  });
  if (!row.Account) throw new Error("no account");
  return { accountId: ACCOUNT_ID, account: row.Account, contact };
}

const company = {
  Name: " Acme B.V. ",
  BillingStreet: "Damrak 1",
  BillingPostalCode: "1012 LG",
  BillingCity: "Amsterdam",
  BillingCountry: "Nederland",
  Phone: "020-1234567",
  Website: "https://acme.example",
};

describe("mapAccountToJorttCustomer", () => {
  it("a business Account → a company customer with its billing address, the bill-to contact as attn and e-mail, reference = Account Id", () => {
    const body = mapAccountToJorttCustomer(
      source(company, { Email: " Pay@Acme.example ", FirstName: "Pat", LastName: "Buyer" }),
    );
    expect(body).toEqual({
      is_private: false,
      customer_name: "Acme B.V.",
      address_street: "Damrak 1",
      address_postal_code: "1012 LG",
      address_city: "Amsterdam",
      address_country_code: "NL",
      attn: "Pat Buyer",
      email: "Pay@Acme.example",
      phonenumber: "020-1234567",
      website: "https://acme.example",
      reference: ACCOUNT_ID,
    });
    expect(JorttCreateCustomerBodySchema.safeParse(body).success).toBe(true);
  });

  it("a person account → a private customer with first/last name, PersonEmail and the mailing address", () => {
    const body = mapAccountToJorttCustomer(
      source({
        IsPersonAccount: true,
        Name: "Jan de Vries",
        FirstName: "Jan",
        LastName: "de Vries",
        PersonEmail: "jan@example.nl",
        PersonMailingStreet: "Prinsengracht 5",
        PersonMailingPostalCode: "1015 DT",
        PersonMailingCity: "Amsterdam",
        PersonMailingCountry: "BE",
      }),
    );
    expect(body).toMatchObject({
      is_private: true,
      customer_name: "Jan de Vries",
      first_name: "Jan",
      last_name: "de Vries",
      email: "jan@example.nl",
      address_street: "Prinsengracht 5",
      address_country_code: "BE",
      reference: ACCOUNT_ID,
    });
    expect(body).not.toHaveProperty("attn");
  });

  it("a private customer needs no address; a company without one is a data error naming the fields", () => {
    expect(mapAccountToJorttCustomer(source({ IsPersonAccount: true, LastName: "Solo" }))).toMatchObject({
      is_private: true,
      customer_name: "Solo",
    });
    expect(() => mapAccountToJorttCustomer(source({ Name: "No Address" }))).toThrow(
      /Account\.BillingStreet: required for a company; Account\.BillingPostalCode: required for a company; Account\.BillingCity/,
    );
    expect(() => mapAccountToJorttCustomer(source({ ...company, BillingCountry: "Atlantis" }))).toThrow(
      /Account\.BillingCountry: not an ISO 3166 alpha-2 code/,
    );
  });

  it("ignores an e-mail that is not one valid address", () => {
    expect(customerEmail(source(company, { Email: "a@x.nl; b@y.nl", FirstName: null, LastName: null }))).toBeNull();
    expect(
      mapAccountToJorttCustomer(source(company, { Email: "nope", FirstName: null, LastName: null })),
    ).not.toHaveProperty("email");
  });

  it.each([
    ["nl", "NL"],
    ["The Netherlands", "NL"],
    ["België", "BE"],
    ["Deutschland", "DE"],
    ["", null],
    [null, null],
    ["Narnia", undefined],
  ])("country %p → %p", (value, code) => {
    expect(toCountryCode(value)).toBe(code);
  });
});
