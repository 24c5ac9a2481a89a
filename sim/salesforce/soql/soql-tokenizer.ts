import type { LikePiece } from "./soql-ast";
import { malformedQuery } from "./soql-errors";

/** Splits SOQL text into tokens; string literals are unescaped here (\' \" \\ \n \r \t \b \f, and \% \_ for LIKE). */
export type Token =
  | { kind: "identifier"; text: string; column: number }
  | { kind: "string"; value: string; like: LikePiece[]; column: number }
  | { kind: "number"; value: number; column: number }
  | { kind: "date"; text: string; column: number }
  | { kind: "datetime"; text: string; column: number }
  | { kind: "symbol"; text: string; column: number }
  | { kind: "end"; column: number };

const SIMPLE_ESCAPES: Record<string, string> = {
  n: "\n",
  N: "\n",
  r: "\r",
  R: "\r",
  t: "\t",
  T: "\t",
  b: "\b",
  B: "\b",
  f: "\f",
  F: "\f",
  '"': '"',
  "'": "'",
  "\\": "\\",
};

const DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,3})?(?:Z|[+-]\d{2}:\d{2})/;
const DATE = /^\d{4}-\d{2}-\d{2}(?![\dT])/;
const NUMBER = /^\d+(?:\.\d+)?|^\.\d+/;
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*/;
const SYMBOLS = ["!=", "<>", "<=", ">=", "=", "<", ">", "(", ")", ",", ":", "-", "+"];

function appendText(pieces: LikePiece[], char: string): void {
  const last = pieces[pieces.length - 1];
  if (last?.kind === "text") last.text += char;
  else pieces.push({ kind: "text", text: char });
}

function readString(soql: string, start: number): { token: Token; next: number } {
  let value = "";
  const like: LikePiece[] = [];
  let index = start + 1;
  while (index < soql.length) {
    const char = soql.charAt(index);
    if (char === "'") {
      return { token: { kind: "string", value, like, column: start + 1 }, next: index + 1 };
    }
    if (char === "\\") {
      const escaped = soql.charAt(index + 1);
      if (escaped === "%" || escaped === "_") {
        value += escaped;
        appendText(like, escaped);
      } else {
        const replacement = SIMPLE_ESCAPES[escaped];
        if (replacement === undefined) {
          throw malformedQuery(soql, index + 1, "Invalid string literal: bad escape sequence");
        }
        value += replacement;
        appendText(like, replacement);
      }
      index += 2;
      continue;
    }
    value += char;
    if (char === "%") like.push({ kind: "any" });
    else if (char === "_") like.push({ kind: "one" });
    else appendText(like, char);
    index += 1;
  }
  throw malformedQuery(soql, start + 1, "unterminated string literal");
}

export function tokenize(soql: string): Token[] {
  const tokens: Token[] = [];
  let index = 0;
  while (index < soql.length) {
    const char = soql.charAt(index);
    if (/\s/.test(char)) {
      index += 1;
      continue;
    }
    const rest = soql.slice(index);
    const column = index + 1;
    if (char === "'") {
      const { token, next } = readString(soql, index);
      tokens.push(token);
      index = next;
      continue;
    }
    const datetime = DATETIME.exec(rest);
    if (datetime) {
      tokens.push({ kind: "datetime", text: datetime[0], column });
      index += datetime[0].length;
      continue;
    }
    const date = DATE.exec(rest);
    if (date) {
      tokens.push({ kind: "date", text: date[0], column });
      index += date[0].length;
      continue;
    }
    const number = NUMBER.exec(rest);
    if (number) {
      tokens.push({ kind: "number", value: Number(number[0]), column });
      index += number[0].length;
      continue;
    }
    const identifier = IDENTIFIER.exec(rest);
    if (identifier) {
      tokens.push({ kind: "identifier", text: identifier[0], column });
      index += identifier[0].length;
      continue;
    }
    const symbol = SYMBOLS.find((candidate) => rest.startsWith(candidate));
    if (!symbol) throw malformedQuery(soql, column, `unexpected character '${char}'`);
    tokens.push({ kind: "symbol", text: symbol, column });
    index += symbol.length;
  }
  tokens.push({ kind: "end", column: soql.length + 1 });
  return tokens;
}
