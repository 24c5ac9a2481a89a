import { soqlInLists } from "../../../shared/adapters/salesforce/soql-in-list";
import { assertApiName, soqlLikeString, soqlString } from "../../../shared/adapters/salesforce/soql-literal";

describe("soqlString", () => {
  it.each([
    ["O'Brien", "'O\\'Brien'"],
    ["a\\b", "'a\\\\b'"],
    ["line1\nline2", "'line1\\nline2'"],
    ["cr\rtab\t", "'cr\\rtab\\t'"],
    ['say "hi"', "'say \\\"hi\\\"'"],
    ["back\bform\f", "'back\\bform\\f'"],
    ["plain@example.nl", "'plain@example.nl'"],
    ["", "''"],
  ])("%j → %s", (input, expected) => {
    expect(soqlString(input)).toBe(expected);
  });

  it("escapes the backslash before the quote, so \\' cannot close the literal", () => {
    // input: backslash + quote. Naive quote-only escaping gives '\\'' which ends the literal early.
    expect(soqlString("\\'")).toBe("'\\\\\\''");
    expect(soqlString("x\\' OR Name != '")).toBe("'x\\\\\\' OR Name != \\''");
  });

  it("the result has no unescaped quote inside", () => {
    const literal = soqlString("a'b'' OR 1=1 --\\'");
    const inner = literal.slice(1, -1);
    // every quote inside is preceded by an odd number of backslashes
    for (const match of inner.matchAll(/(\\*)'/g)) expect((match[1] ?? "").length % 2).toBe(1);
  });
});

describe("soqlLikeString", () => {
  it("escapes % and _ and adds only the wildcards asked for", () => {
    expect(soqlLikeString("50%_off", { suffix: true })).toBe("'50\\%\\_off%'");
    expect(soqlLikeString("O'B", { prefix: true, suffix: true })).toBe("'%O\\'B%'");
  });
});

describe("assertApiName", () => {
  it("accepts API names and refuses anything that could break a URL or SOQL", () => {
    expect(assertApiName("Jortt_Customer_Id__c")).toBe("Jortt_Customer_Id__c");
    for (const bad of ["", "Account/x", "Name'", "a b", "1Field", "x?y"])
      expect(() => assertApiName(bad)).toThrow(TypeError);
  });
});

describe("soqlInLists", () => {
  it("escapes and de-duplicates values", () => {
    expect(soqlInLists(["a@x.nl", "o'b@x.nl", "a@x.nl"])).toEqual(["('a@x.nl','o\\'b@x.nl')"]);
  });

  it("gives no list for no values", () => {
    expect(soqlInLists([])).toEqual([]);
  });

  it("splits by value count", () => {
    const values = Array.from({ length: 450 }, (_, i) => `v${i}`);
    const lists = soqlInLists(values, { maxValues: 200, maxEncodedLength: 1_000_000 });
    expect(lists).toHaveLength(3);
    expect(lists.map((list) => list.split(",").length)).toEqual([200, 200, 50]);
    // every value exactly once, in order
    const all = lists.flatMap((list) => list.slice(1, -1).split(","));
    expect(all).toEqual(values.map((v) => `'${v}'`));
  });

  it("splits by URL-encoded length so each query stays well under the URI limit", () => {
    const values = Array.from({ length: 1000 }, (_, i) => `customer.number.${i}@example-company.nl`);
    const lists = soqlInLists(values);
    expect(lists.length).toBeGreaterThan(1);
    for (const list of lists) expect(encodeURIComponent(list).length).toBeLessThanOrEqual(8_000 + 10);
    expect(lists.flatMap((list) => list.slice(1, -1).split(","))).toHaveLength(1000);
  });

  it("never splits a single value, even a long one", () => {
    const long = "x".repeat(9_000);
    expect(soqlInLists([long, "y"])).toEqual([`('${long}')`, "('y')"]);
  });
});
