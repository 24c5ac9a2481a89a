import { detectAccountModel, resolveAccountModel } from "../../../shared/domain/mapping/account-model";
import { capturingGroupCount, patternProblem } from "../../../shared/domain/mapping/compile-pattern";
import { emailProblem, normalizeEmail } from "../../../shared/domain/mapping/email-address";
import { exactDecimalNumber } from "../../../shared/domain/mapping/exact-number";
import { splitName } from "../../../shared/domain/mapping/split-name";
import { isSyncError } from "../../../shared/errors/sync-error";

describe("splitName", () => {
  it.each([
    ["Jan de Vries", "Jan", "de Vries"],
    ["Jan van der Berg", "Jan", "van der Berg"],
    ["  Marieke   van den  Berg ", "Marieke", "van den Berg"],
    ["Vries, Jan de", "Jan de", "Vries"],
    ["Madonna", null, "Madonna"],
    ["", null, null],
    ["Zoë Ångström-Müller", "Zoë", "Ångström-Müller"],
  ])("%j → %j + %j", (full, first, last) => {
    expect(splitName(full)).toEqual({ firstName: first, lastName: last });
  });
});

describe("e-mail addresses", () => {
  it.each(["info@example.nl", "jan.de.vries+jortt@sub.example.co.uk", "o'brien@example.ie"])("accepts %s", (email) => {
    expect(emailProblem(email)).toBeNull();
  });

  it.each([
    ["a@b.nl; c@d.nl", "not an e-mail address"],
    ["jan@localhost", "not an e-mail address"],
    ["jan.@example.nl", "not an e-mail address"],
    ["@example.nl", "not an e-mail address"],
    ["zoë@example.nl", "not an e-mail address"],
    [`${"x".repeat(75)}@ex.nl`, "longer than 80 characters"],
  ])("rejects %s", (email, reason) => {
    expect(emailProblem(email)).toBe(reason);
  });

  it("normalizes for matching", () => {
    expect(normalizeEmail("  Info@Example.NL ")).toBe("info@example.nl");
  });
});

describe("exactDecimalNumber", () => {
  it.each([
    ["19.99", 19.99],
    ["4.0", 4],
    ["-0.00", 0],
    ["0.000001", 0.000001],
    ["-72.56", -72.56],
  ])("%s → %d, serialized as the same decimal", (text, number) => {
    expect(exactDecimalNumber(text)).toBe(number);
  });

  it("refuses text a double cannot carry exactly", () => {
    expect(exactDecimalNumber("12345678901234567.89")).toBeNull();
    expect(exactDecimalNumber("abc")).toBeNull();
  });
});

describe("account model", () => {
  it("detects Person Accounts from the Account describe", () => {
    expect(detectAccountModel(["Id", "Name", "IsPersonAccount", "PersonEmail"])).toBe("person-accounts");
    expect(detectAccountModel(["Id", "Name", "BillingCity"])).toBe("account-contact");
  });

  it("resolves auto from the describe and lets an explicit setting win when possible", () => {
    expect(resolveAccountModel("auto", ["Name", "IsPersonAccount"])).toBe("person-accounts");
    expect(resolveAccountModel("account-contact", ["Name", "IsPersonAccount"])).toBe("account-contact");
    expect(resolveAccountModel("person-accounts", undefined)).toBe("person-accounts");
  });

  it("is a configuration error to ask for Person Accounts in an org without them, or auto without describe", () => {
    for (const run of [
      () => resolveAccountModel("person-accounts", ["Name"]),
      () => resolveAccountModel("auto", undefined),
    ]) {
      try {
        run();
        throw new Error("expected a configuration error");
      } catch (error) {
        expect(isSyncError(error) && error.errorClass === "configuration" && error.field === "accountModel").toBe(true);
      }
    }
  });
});

describe("patterns", () => {
  it("counts capture groups, named ones included, not non-capturing ones", () => {
    expect(capturingGroupCount("(?:SKU-)(\\d+)")).toBe(1);
    expect(capturingGroupCount("(?<sku>\\w+)-(\\d)")).toBe(2);
    expect(capturingGroupCount("abc")).toBe(0);
  });

  it("explains an unusable pattern", () => {
    expect(patternProblem("(")).toMatch(/not a valid regular expression/);
    expect(patternProblem("a", "g")).toMatch(/flags/);
    expect(patternProblem("")).toBe("must not be empty");
  });
});
