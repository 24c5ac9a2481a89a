import { SalesforceApiError } from "../../../sim/salesforce/http/api-error";
import { parseSoql } from "../../../sim/salesforce/soql/soql-parser";
import { tokenize } from "../../../sim/salesforce/soql/soql-tokenizer";

function errorCodeOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    if (error instanceof SalesforceApiError) return error.errors[0]?.errorCode;
    throw error;
  }
  return undefined;
}

describe("SOQL tokenizer", () => {
  it("unescapes string literals and keeps escaped LIKE wildcards literal", () => {
    const [token] = tokenize("'O\\'Brien \\\\ \\n 50\\% a_b%'").filter((t) => t.kind === "string");
    expect(token).toMatchObject({ kind: "string", value: "O'Brien \\ \n 50% a_b%" });
    expect(token?.kind === "string" ? token.like : []).toEqual([
      { kind: "text", text: "O'Brien \\ \n 50% a" },
      { kind: "one" },
      { kind: "text", text: "b" },
      { kind: "any" },
    ]);
  });

  it("reads dates, datetimes, numbers and dotted identifiers", () => {
    const kinds = tokenize("Account.Name 2024-01-31 2024-01-31T10:00:00Z 12.5").map((token) => token.kind);
    expect(kinds).toEqual(["identifier", "date", "datetime", "number", "end"]);
  });

  it("rejects unknown escapes and unterminated strings", () => {
    expect(errorCodeOf(() => tokenize("'a\\qb'"))).toBe("MALFORMED_QUERY");
    expect(errorCodeOf(() => tokenize("'abc"))).toBe("MALFORMED_QUERY");
  });
});

describe("SOQL parser", () => {
  it("parses fields, conditions, order, limit and offset", () => {
    const query = parseSoql(
      "select Id, Account.Name from Contact where (Email = 'a@b.nl' or Email = null) and not LastName like 'x%' order by LastName desc nulls last, Id limit 10 offset 5",
    );
    expect(query.select).toEqual([
      { kind: "field", field: { path: ["Id"], column: 8 } },
      { kind: "field", field: { path: ["Account", "Name"], column: 12 } },
    ]);
    expect(query.from).toBe("Contact");
    expect(query.where?.kind).toBe("and");
    expect(query.orderBy.map((item) => [item.field.path.join("."), item.descending, item.nullsLast])).toEqual([
      ["LastName", true, true],
      ["Id", false, false],
    ]);
    expect([query.limit, query.offset]).toEqual([10, 5]);
  });

  it("parses count(), IN / NOT IN lists, negative numbers and date literals", () => {
    const query = parseSoql(
      "SELECT count() FROM Order WHERE Id IN ('801Dn0000000001AAA') AND TotalAmount > -5 AND CreatedDate = LAST_N_DAYS:7",
    );
    expect(query.select).toEqual([{ kind: "countAll" }]);
    const where = query.where;
    expect(where?.kind === "and" ? where.items.map((item) => item.kind) : []).toEqual(["in", "compare", "compare"]);
  });

  it("parses child subqueries", () => {
    const query = parseSoql("SELECT Id, (SELECT Id FROM OrderItems) FROM Order");
    expect(query.select[1]).toMatchObject({ kind: "subquery", query: { from: "OrderItems" } });
  });

  it.each([
    "SELECT Id FROM Account WHERE A = 1 AND B = 2 OR C = 3",
    "SELECT FROM Account",
    "SELECT Id Account",
    "SELECT Id FROM Account WHERE Name = ",
    "SELECT Id FROM Account LIMIT x",
    "SELECT Id FROM Account WHERE CreatedDate > 2024-02-30",
    "SELECT Id FROM Account trailing",
  ])("rejects %s with MALFORMED_QUERY", (soql) => {
    expect(errorCodeOf(() => parseSoql(soql))).toBe("MALFORMED_QUERY");
  });
});
