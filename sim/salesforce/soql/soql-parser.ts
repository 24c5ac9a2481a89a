import { isValidCalendarDate } from "../model/coerce-field-value";
import { DATE_LITERALS, DATE_LITERALS_WITH_N, dateLiteralRange } from "./date-literals";
import type { ComparisonOperator, Condition, FieldPath, Literal, OrderItem, SelectItem, SoqlQuery } from "./soql-ast";
import { malformedQuery } from "./soql-errors";
import { type Token, tokenize } from "./soql-tokenizer";

/**
 * Recursive-descent parser for the SOQL subset: SELECT fields / relationship fields / count() /
 * COUNT(field) / child subqueries, FROM, WHERE (= != <> < > <= >= IN, NOT IN, LIKE, AND, OR, NOT,
 * parentheses), ORDER BY … ASC|DESC NULLS FIRST|LAST, LIMIT, OFFSET. Like Salesforce, AND and OR
 * may not be mixed at one level without parentheses.
 */
const CLAUSE_KEYWORDS = new Set([
  "FROM",
  "WHERE",
  "ORDER",
  "LIMIT",
  "OFFSET",
  "GROUP",
  "WITH",
  "FOR",
  "USING",
  "HAVING",
]);
const OPERATORS = new Set(["=", "!=", "<>", "<", ">", "<=", ">="]);

class Parser {
  private position = 0;
  private readonly tokens: Token[];
  private readonly soql: string;
  private readonly now: Date;

  constructor(soql: string, now: Date) {
    this.soql = soql;
    this.now = now;
    this.tokens = tokenize(soql);
  }

  parseQuery(nested: boolean): SoqlQuery {
    this.expectKeyword("SELECT");
    const select = this.parseSelectList();
    this.expectKeyword("FROM");
    const fromToken = this.expectIdentifier();
    const query: SoqlQuery = { select, from: fromToken.text, fromColumn: fromToken.column, orderBy: [] };
    if (this.acceptKeyword("USING")) {
      this.expectKeyword("SCOPE");
      this.expectIdentifier();
    }
    if (this.acceptKeyword("WHERE")) query.where = this.parseCondition();
    if (this.acceptKeyword("WITH")) this.expectIdentifier();
    if (this.peekKeyword("GROUP")) throw this.error("GROUP BY is not supported by the sandbox");
    if (this.acceptKeyword("ORDER")) {
      this.expectKeyword("BY");
      query.orderBy = this.parseOrderBy();
    }
    if (this.acceptKeyword("LIMIT")) query.limit = this.expectInteger();
    if (this.acceptKeyword("OFFSET")) query.offset = this.expectInteger();
    if (this.acceptKeyword("FOR")) {
      const mode = this.expectIdentifier().text.toUpperCase();
      if (!["VIEW", "UPDATE", "REFERENCE"].includes(mode)) throw this.error(`unexpected token: ${mode}`);
    }
    if (!nested) {
      const token = this.peek();
      if (token.kind !== "end") throw this.error(`unexpected token: ${this.describe(token)}`);
    }
    return query;
  }

  private parseSelectList(): SelectItem[] {
    const items: SelectItem[] = [];
    do {
      items.push(this.parseSelectItem());
    } while (this.acceptSymbol(","));
    return items;
  }

  private parseSelectItem(): SelectItem {
    if (this.acceptSymbol("(")) {
      const query = this.parseQuery(true);
      this.expectSymbol(")");
      return { kind: "subquery", query };
    }
    const token = this.peek();
    if (token.kind === "identifier" && token.text.toUpperCase() === "COUNT" && this.peekAt(1)?.kind === "symbol") {
      this.position += 1;
      this.expectSymbol("(");
      if (this.acceptSymbol(")")) return { kind: "countAll" };
      const field = this.parseFieldPath();
      this.expectSymbol(")");
      const alias = this.peek();
      if (alias.kind === "identifier" && !CLAUSE_KEYWORDS.has(alias.text.toUpperCase())) {
        this.position += 1;
        return { kind: "countField", field, alias: alias.text };
      }
      return { kind: "countField", field };
    }
    return { kind: "field", field: this.parseFieldPath() };
  }

  private parseFieldPath(): FieldPath {
    const token = this.expectIdentifier();
    return { path: token.text.split("."), column: token.column };
  }

  /** condition := term ((AND|OR) term)*, one connective per level. */
  private parseCondition(): Condition {
    const first = this.parseUnary();
    const items = [first];
    let connective: "AND" | "OR" | undefined;
    for (;;) {
      const token = this.peek();
      const word = token.kind === "identifier" ? token.text.toUpperCase() : "";
      if (word !== "AND" && word !== "OR") break;
      if (connective && connective !== word) {
        throw this.error(
          `unexpected token: '${token.kind === "identifier" ? token.text : ""}' (use parentheses to mix AND and OR)`,
        );
      }
      connective = word;
      this.position += 1;
      items.push(this.parseUnary());
    }
    if (!connective) return first;
    return connective === "AND" ? { kind: "and", items } : { kind: "or", items };
  }

  private parseUnary(): Condition {
    if (this.acceptKeyword("NOT")) return { kind: "not", item: this.parseUnary() };
    if (this.acceptSymbol("(")) {
      const inner = this.parseCondition();
      this.expectSymbol(")");
      return inner;
    }
    return this.parseComparison();
  }

  private parseComparison(): Condition {
    const field = this.parseFieldPath();
    if (this.acceptKeyword("LIKE")) return { kind: "like", field, pattern: this.parseLiteral() };
    if (this.acceptKeyword("IN")) return { kind: "in", field, negated: false, values: this.parseLiteralList() };
    if (this.acceptKeyword("NOT")) {
      this.expectKeyword("IN");
      return { kind: "in", field, negated: true, values: this.parseLiteralList() };
    }
    const token = this.peek();
    if (token.kind !== "symbol" || !OPERATORS.has(token.text)) {
      throw this.error(`unexpected token: ${this.describe(token)}`);
    }
    this.position += 1;
    const operator = (token.text === "<>" ? "!=" : token.text) as ComparisonOperator;
    return { kind: "compare", field, operator, value: this.parseLiteral() };
  }

  private parseLiteralList(): Literal[] {
    this.expectSymbol("(");
    const values: Literal[] = [];
    do {
      values.push(this.parseLiteral());
    } while (this.acceptSymbol(","));
    this.expectSymbol(")");
    return values;
  }

  private parseLiteral(): Literal {
    const token = this.peek();
    this.position += 1;
    switch (token.kind) {
      case "string":
        return { kind: "string", value: token.value, like: token.like };
      case "number":
        return { kind: "number", value: token.value };
      case "date": {
        const [year, month, day] = token.text.split("-").map(Number);
        if (!isValidCalendarDate(year ?? 0, month ?? 0, day ?? 0))
          throw this.errorAt(token.column, `invalid date: ${token.text}`);
        return { kind: "date", value: token.text };
      }
      case "datetime": {
        const value = Date.parse(token.text);
        if (Number.isNaN(value)) throw this.errorAt(token.column, `invalid datetime: ${token.text}`);
        return { kind: "datetime", value };
      }
      case "symbol": {
        if (token.text === "-" || token.text === "+") {
          const number = this.peek();
          if (number.kind !== "number") throw this.errorAt(token.column, "unexpected token: '-'");
          this.position += 1;
          return { kind: "number", value: token.text === "-" ? -number.value : number.value };
        }
        throw this.errorAt(token.column, `unexpected token: '${token.text}'`);
      }
      case "identifier":
        return this.parseWordLiteral(token.text, token.column);
      case "end":
        throw this.errorAt(token.column, "unexpected token: <EOF>");
    }
  }

  private parseWordLiteral(text: string, column: number): Literal {
    const word = text.toUpperCase();
    if (word === "NULL") return { kind: "null" };
    if (word === "TRUE" || word === "FALSE") return { kind: "boolean", value: word === "TRUE" };
    if (DATE_LITERALS.has(word)) {
      let n: number | undefined;
      if (DATE_LITERALS_WITH_N.has(word)) {
        this.expectSymbol(":");
        n = this.expectInteger();
      }
      const range = dateLiteralRange(word, n, this.now);
      if (range) return { kind: "dateRange", name: word, ...range };
    }
    throw this.errorAt(column, `unexpected token: '${text}'`);
  }

  private parseOrderBy(): OrderItem[] {
    const items: OrderItem[] = [];
    do {
      const field = this.parseFieldPath();
      let descending = false;
      if (this.acceptKeyword("DESC")) descending = true;
      else this.acceptKeyword("ASC");
      let nullsLast = descending;
      if (this.acceptKeyword("NULLS")) {
        const which = this.expectIdentifier().text.toUpperCase();
        if (which !== "FIRST" && which !== "LAST") throw this.error(`unexpected token: ${which}`);
        nullsLast = which === "LAST";
      }
      items.push({ field, descending, nullsLast });
    } while (this.acceptSymbol(","));
    return items;
  }

  private peek(): Token {
    return this.tokens[this.position] ?? { kind: "end", column: this.soql.length + 1 };
  }

  private peekAt(offset: number): Token | undefined {
    return this.tokens[this.position + offset];
  }

  private peekKeyword(word: string): boolean {
    const token = this.peek();
    return token.kind === "identifier" && token.text.toUpperCase() === word;
  }

  private acceptKeyword(word: string): boolean {
    if (!this.peekKeyword(word)) return false;
    this.position += 1;
    return true;
  }

  private expectKeyword(word: string): void {
    if (!this.acceptKeyword(word))
      throw this.error(`unexpected token: ${this.describe(this.peek())} (expected ${word})`);
  }

  private acceptSymbol(symbol: string): boolean {
    const token = this.peek();
    if (token.kind !== "symbol" || token.text !== symbol) return false;
    this.position += 1;
    return true;
  }

  private expectSymbol(symbol: string): void {
    if (!this.acceptSymbol(symbol))
      throw this.error(`unexpected token: ${this.describe(this.peek())} (expected '${symbol}')`);
  }

  private expectIdentifier(): Extract<Token, { kind: "identifier" }> {
    const token = this.peek();
    if (token.kind !== "identifier") throw this.error(`unexpected token: ${this.describe(token)}`);
    this.position += 1;
    return token;
  }

  private expectInteger(): number {
    const token = this.peek();
    if (token.kind !== "number" || !Number.isInteger(token.value)) {
      throw this.error(`unexpected token: ${this.describe(token)} (expected an integer)`);
    }
    this.position += 1;
    return token.value;
  }

  private describe(token: Token): string {
    switch (token.kind) {
      case "end":
        return "<EOF>";
      case "identifier":
      case "symbol":
      case "date":
      case "datetime":
        return `'${token.text}'`;
      case "number":
        return `'${token.value}'`;
      case "string":
        return `'${token.value}'`;
    }
  }

  private error(message: string) {
    return this.errorAt(this.peek().column, message);
  }

  private errorAt(column: number, message: string) {
    return malformedQuery(this.soql, column, message);
  }
}

export function parseSoql(soql: string, now: Date = new Date()): SoqlQuery {
  return new Parser(soql, now).parseQuery(false);
}
