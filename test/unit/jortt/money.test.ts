import {
  addCents,
  centsToDecimalNumber,
  formatCents,
  multiplyCents,
  negateCents,
  parseCents,
  parseVatFraction,
  parseVatPercent,
  subtractCents,
  sumCents,
  tryNormalizeQuantity,
  tryParseCents,
  vatOnCents,
  vatToFractionString,
  vatToPercentNumber,
  vatToPercentString,
} from "../../../shared/domain/money";
import { isSyncError } from "../../../shared/errors/sync-error";

describe("parseCents", () => {
  it.each([
    ["1996.00", 199_600],
    ["-12.5", -1_250],
    [499, 49_900],
    ["0.1", 10],
    [0.1, 10],
    ["0.01", 1],
    ["+3", 300],
    ["007.50", 750],
    [".5", 50],
    ["10.", 1_000],
    ["10.500", 1_050],
    ["-0.00", 0],
    [-0, 0],
    [1996.0, 199_600],
    ["90071992547409.91", 9_007_199_254_740_991],
  ])("reads %p exactly as %p cents", (input, cents) => {
    expect(parseCents(input)).toBe(cents);
  });

  it("never yields a negative zero", () => {
    expect(Object.is(parseCents("-0.00"), 0)).toBe(true);
  });

  it.each([
    ["12.345", /more than 2 decimals/],
    ["0.001", /more than 2 decimals/],
    [0.30000000000000004, /more than 2 decimals/],
    ["1,50", /not a decimal number/],
    ["12.5abc", /not a decimal number/],
    ["1e3", /not a decimal number/],
    [1e21, /not a finite plain decimal/],
    ["", /not a decimal number/],
    [" 12", /not a decimal number/],
    ["€12", /not a decimal number/],
    [Number.NaN, /not a finite/],
    [Number.POSITIVE_INFINITY, /not a finite/],
    [null, /got null/],
    [undefined, /got undefined/],
    [{ value: "1" }, /got object/],
    ["90071992547409.92", /out of range/],
  ])("rejects %p with a clear reason", (input, reason) => {
    const result = tryParseCents(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(reason);
  });

  it("throws a data-class SyncError naming the field", () => {
    try {
      parseCents("12.345", "invoice_total.value");
      throw new Error("expected a throw");
    } catch (error) {
      expect(isSyncError(error)).toBe(true);
      if (isSyncError(error)) {
        expect(error.errorClass).toBe("data");
        expect(error.field).toBe("invoice_total.value");
        expect(error.message).toContain("invoice_total.value: amount: more than 2 decimals");
      }
    }
  });
});

describe("formatCents", () => {
  it.each([
    [199_600, "1996.00"],
    [-1_250, "-12.50"],
    [-5, "-0.05"],
    [0, "0.00"],
    [1, "0.01"],
    [10, "0.10"],
    [-0, "0.00"],
  ])("%p → %p", (cents, text) => {
    expect(formatCents(cents)).toBe(text);
  });

  it("round-trips every cent value through text", () => {
    for (let cents = -2_000; cents <= 2_000; cents += 7) expect(parseCents(formatCents(cents))).toBe(cents);
  });

  it("refuses fractional cents", () => {
    expect(() => formatCents(0.5)).toThrow(/whole number of cents/);
  });

  it("gives JSON-exact numbers for transport", () => {
    expect(JSON.stringify({ amount: centsToDecimalNumber(1_234) })).toBe('{"amount":12.34}');
    expect(centsToDecimalNumber(-5)).toBe(-0.05);
  });
});

describe("exact arithmetic", () => {
  it("0.1 + 0.2 is 0.30, not 0.30000000000000004", () => {
    expect(formatCents(addCents(parseCents("0.1"), parseCents("0.2")))).toBe("0.30");
    expect(0.1 + 0.2).not.toBe(0.3); // the float trap this module avoids
  });

  it("sums many small amounts without drift", () => {
    const tenCents = Array.from({ length: 1_000 }, () => parseCents("0.10"));
    expect(formatCents(sumCents(tenCents))).toBe("100.00");
  });

  it("handles negatives (credit notes)", () => {
    expect(formatCents(subtractCents(parseCents("10.00"), parseCents("12.34")))).toBe("-2.34");
    expect(negateCents(parseCents("96.00"))).toBe(-9_600);
    expect(formatCents(addCents(parseCents("-96.00"), parseCents("96.00")))).toBe("0.00");
  });

  it("detects overflow instead of rounding", () => {
    expect(() => addCents(Number.MAX_SAFE_INTEGER, 1)).toThrow(/safe range/);
  });
});

describe("rounding rules", () => {
  it("multiplies by a decimal quantity and rounds once, half away from zero", () => {
    expect(multiplyCents(49_900, "4")).toBe(199_600);
    expect(multiplyCents(23, "0.5")).toBe(12); // 11.5 → 12
    expect(multiplyCents(-23, "0.5")).toBe(-12); // -11.5 → -12
    expect(multiplyCents(9_500, "7.5")).toBe(71_250);
    expect(multiplyCents(333, "0.333333")).toBe(111); // 110.999889 → 111
    expect(multiplyCents(1, "0.49")).toBe(0);
  });

  it("supports banker's rounding when asked", () => {
    expect(multiplyCents(23, "0.5", "half-even")).toBe(12); // 11.5 → 12 (even)
    expect(multiplyCents(25, "0.5", "half-even")).toBe(12); // 12.5 → 12 (even)
    expect(multiplyCents(25, "0.5")).toBe(13);
  });

  it("computes VAT exactly: 21 % of 1996.00 is 419.16", () => {
    expect(vatOnCents(199_600, 2_100)).toBe(41_916);
    expect(vatOnCents(71_250, 2_100)).toBe(14_963); // 149.625 → 149.63
    expect(vatOnCents(-71_250, 2_100)).toBe(-14_963);
    expect(vatOnCents(22_200, 900)).toBe(1_998);
    expect(vatOnCents(12_345, 0)).toBe(0);
  });

  it("rejects a quantity with more than 6 decimals or garbage", () => {
    expect(() => multiplyCents(100, "0.1234567")).toThrow(/more than 6 decimals/);
    expect(() => multiplyCents(100, "2x")).toThrow(/not a decimal/);
  });

  it("normalises quantities to exact canonical text", () => {
    expect(tryNormalizeQuantity(4.0)).toEqual({ ok: true, value: "4" });
    expect(tryNormalizeQuantity("3.140")).toEqual({ ok: true, value: "3.14" });
    expect(tryNormalizeQuantity("-1")).toEqual({ ok: true, value: "-1" });
    expect(tryNormalizeQuantity("0.25")).toEqual({ ok: true, value: "0.25" });
  });
});

describe("VAT percent (v1) and fraction (v3)", () => {
  it.each([
    ["21.0", 2_100],
    ["9.0", 900],
    ["0.0", 0],
    ["9", 900],
    [21, 2_100],
    [21.0, 2_100],
    ["5.5", 550],
    ["12.25", 1_225],
  ])("parseVatPercent(%p) = %p basis points", (input, basisPoints) => {
    expect(parseVatPercent(input)).toBe(basisPoints);
  });

  it.each([
    ["0.21", 2_100],
    [0.21, 2_100],
    ["0.09", 900],
    ["0", 0],
    ["0.055", 550],
  ])("parseVatFraction(%p) = %p basis points", (input, basisPoints) => {
    expect(parseVatFraction(input)).toBe(basisPoints);
  });

  it("converts the v1 percent to the v3 fraction string exactly", () => {
    expect(vatToFractionString(parseVatPercent("21.0"))).toBe("0.21");
    expect(vatToFractionString(parseVatPercent("9.0"))).toBe("0.09");
    expect(vatToFractionString(parseVatPercent("0.0"))).toBe("0.00");
    expect(vatToFractionString(parseVatPercent("5.5"))).toBe("0.055");
    expect(vatToFractionString(10_000)).toBe("1.00");
  });

  it("formats percent forms", () => {
    expect(vatToPercentString(2_100)).toBe("21.0");
    expect(vatToPercentString(550)).toBe("5.5");
    expect(vatToPercentString(0)).toBe("0.0");
    expect(vatToPercentNumber(2_100)).toBe(21);
    expect(vatToPercentNumber(1_225)).toBe(12.25);
  });

  it("rejects rates outside 0–100 % and a fraction mistaken for a percent's precision", () => {
    expect(() => parseVatPercent("121")).toThrow(/outside 0–100/);
    expect(() => parseVatPercent("-1")).toThrow(/outside 0–100/);
    expect(() => parseVatFraction("21.0")).toThrow(/outside 0–100/); // a percent sent as fraction
    expect(() => parseVatPercent("21.005")).toThrow(/more than 2 decimals/);
    expect(() => vatToFractionString(10_001)).toThrow(/out of range/);
  });
});

describe("money error reasons carry no values (they reach logs and dead letters)", () => {
  it.each(["jan@example.com", "Jan Jansen", "€ 12,50 per uur"])("%s is described, not echoed", (value) => {
    const result = tryParseCents(value);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).not.toContain(value);
  });
});
