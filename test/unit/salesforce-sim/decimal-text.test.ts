import { roundDecimal, toPlainDecimal } from "../../../sim/salesforce/model/decimal-text";

describe("exact decimal rounding for currency fields", () => {
  it.each([
    ["12.345", 2, "12.35"],
    ["1.005", 2, "1.01"],
    ["-1.005", 2, "-1.01"],
    ["0.004", 2, "0.00"],
    ["100", 2, "100.00"],
    ["21", 0, "21"],
    ["99999999999999.99", 2, "99999999999999.99"],
  ])("rounds %s to %d decimals as %s", (input, scale, expected) => {
    expect(roundDecimal(input, scale).text).toBe(expected);
  });

  it("counts integer digits for the precision check", () => {
    expect(roundDecimal("12345678901234.5", 2).integerDigits).toBe(14);
    expect(roundDecimal("0.5", 2).integerDigits).toBe(0);
  });

  it("turns numbers and numeric strings into plain decimals", () => {
    expect(toPlainDecimal(1e-7)).toBe("0.0000001");
    expect(toPlainDecimal("1e3")).toBe("1000");
    expect(toPlainDecimal(" 12.50 ")).toBe("12.50");
    expect(toPlainDecimal("abc")).toBeUndefined();
    expect(toPlainDecimal(Number.NaN)).toBeUndefined();
  });
});
