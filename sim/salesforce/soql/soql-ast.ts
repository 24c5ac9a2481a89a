/** The SOQL subset the sandbox understands, as a syntax tree. */
export type LikePiece = { kind: "text"; text: string } | { kind: "any" } | { kind: "one" };

export type Literal =
  | { kind: "string"; value: string; like: LikePiece[] }
  | { kind: "number"; value: number }
  | { kind: "boolean"; value: boolean }
  | { kind: "null" }
  | { kind: "date"; value: string }
  | { kind: "datetime"; value: number }
  | { kind: "dateRange"; name: string; start: number; end: number };

export interface FieldPath {
  path: string[];
  /** 1-based column in the query text, for error messages. */
  column: number;
}

export type ComparisonOperator = "=" | "!=" | "<" | ">" | "<=" | ">=";

export type Condition =
  | { kind: "and"; items: Condition[] }
  | { kind: "or"; items: Condition[] }
  | { kind: "not"; item: Condition }
  | { kind: "compare"; field: FieldPath; operator: ComparisonOperator; value: Literal }
  | { kind: "in"; field: FieldPath; negated: boolean; values: Literal[] }
  | { kind: "like"; field: FieldPath; pattern: Literal };

export type SelectItem =
  | { kind: "field"; field: FieldPath }
  | { kind: "countAll" }
  | { kind: "countField"; field: FieldPath; alias?: string }
  | { kind: "subquery"; query: SoqlQuery };

export interface OrderItem {
  field: FieldPath;
  descending: boolean;
  nullsLast: boolean;
}

export interface SoqlQuery {
  select: SelectItem[];
  from: string;
  fromColumn: number;
  where?: Condition;
  orderBy: OrderItem[];
  limit?: number;
  offset?: number;
}
