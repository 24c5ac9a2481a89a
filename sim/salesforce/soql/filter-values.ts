import type { FieldDefinition } from "../model/field-definition";
import { isIdType, isNumberType, isTextType } from "../model/field-definition";
import type { FieldValue } from "../store/record-store";
import { normalizeId } from "../store/salesforce-ids";
import type { Literal } from "./soql-ast";
import { soqlError } from "./soql-errors";

/**
 * Values in a form that compares correctly per field type: text lower-cased (SOQL text comparison is
 * case-insensitive), ids canonical 18-char, dates and datetimes as UTC milliseconds.
 */
export type Comparable = string | number | boolean | null;
export type FilterValue = { kind: "value"; value: Comparable } | { kind: "range"; start: number; end: number };

function dateMillis(date: string): number {
  return Date.parse(`${date}T00:00:00Z`);
}

export function comparableOf(field: FieldDefinition, value: FieldValue | undefined): Comparable {
  if (value === null || value === undefined) return null;
  if (isTextType(field.type)) return String(value).toLowerCase();
  if (field.type === "date") return dateMillis(String(value));
  if (field.type === "datetime") return Date.parse(String(value).replace(/\+0000$/, "Z"));
  return value;
}

function typeName(field: FieldDefinition): string {
  if (isTextType(field.type) || isIdType(field.type)) return "string";
  if (field.type === "datetime") return "dateTime";
  if (isNumberType(field.type)) return field.type === "int" ? "int" : "double";
  return field.type;
}

export function literalToFilterValue(
  field: FieldDefinition,
  literal: Literal,
  soql: string,
  column: number,
): FilterValue {
  const wrongType = () =>
    soqlError(
      "INVALID_QUERY_FILTER_OPERATOR",
      soql,
      column,
      `value of filter criterion for field '${field.name}' must be of type ${typeName(field)} and ${
        typeName(field) === "string" ? "should be enclosed in quotes" : "should not be enclosed in quotes"
      }`,
    );
  if (literal.kind === "null") return { kind: "value", value: null };
  if (isTextType(field.type)) {
    if (literal.kind !== "string") throw wrongType();
    return { kind: "value", value: literal.value.toLowerCase() };
  }
  if (isIdType(field.type)) {
    if (literal.kind !== "string") throw wrongType();
    const id = normalizeId(literal.value);
    if (!id) throw soqlError("INVALID_QUERY_FILTER_OPERATOR", soql, column, `invalid ID field: ${literal.value}`);
    return { kind: "value", value: id };
  }
  if (field.type === "boolean") {
    if (literal.kind !== "boolean") throw wrongType();
    return { kind: "value", value: literal.value };
  }
  if (isNumberType(field.type)) {
    if (literal.kind !== "number") throw wrongType();
    return { kind: "value", value: literal.value };
  }
  if (literal.kind === "dateRange") return { kind: "range", start: literal.start, end: literal.end };
  if (field.type === "date" && literal.kind === "date") return { kind: "value", value: dateMillis(literal.value) };
  if (field.type === "datetime" && literal.kind === "datetime") return { kind: "value", value: literal.value };
  throw wrongType();
}
