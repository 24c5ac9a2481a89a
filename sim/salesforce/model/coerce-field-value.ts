import { jsonParserError, RecordSaveError } from "../http/api-error";
import type { FieldValue } from "../store/record-store";
import { normalizeId } from "../store/salesforce-ids";
import { roundDecimal, toPlainDecimal } from "./decimal-text";
import { type FieldDefinition, isTextType } from "./field-definition";

/**
 * Turns one JSON value from a request body into the stored value of a field.
 * Wrong JSON types fail the whole request (JSON_PARSER_ERROR, as Salesforce's deserializer does);
 * value rules (length, range, e-mail, restricted picklist, id shape) fail only the record.
 */
const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?(Z|[+-]\d{2}:?\d{2})?$/;
const EMAIL =
  /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$/;

function jsonKind(value: unknown): string {
  if (Array.isArray(value)) return "START_ARRAY";
  if (typeof value === "object") return "START_OBJECT";
  if (typeof value === "string") return "VALUE_STRING";
  if (typeof value === "boolean") return value ? "VALUE_TRUE" : "VALUE_FALSE";
  return "VALUE_NUMBER";
}

function deserializeError(definition: FieldDefinition, value: unknown): Error {
  const shown = typeof value === "object" ? JSON.stringify(value) : String(value);
  return jsonParserError(
    `Cannot deserialize instance of ${definition.type} from ${jsonKind(value)} value ${shown} or request may be missing a required field`,
  );
}

export function isValidCalendarDate(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** Salesforce's wire format for dateTime values: `2024-05-01T10:00:00.000+0000`. */
export function formatDateTime(date: Date): string {
  return date.toISOString().replace("Z", "+0000");
}

function coerceText(definition: FieldDefinition, value: unknown): FieldValue {
  if (typeof value === "object") throw deserializeError(definition, value);
  const text = String(value);
  if (text === "") return null; // Salesforce stores an empty string as null
  const length = definition.length ?? 255;
  if (text.length > length) {
    throw new RecordSaveError(
      "STRING_TOO_LONG",
      `${definition.label}: data value too large: ${text.slice(0, 100)} (max length=${length})`,
      [definition.name],
    );
  }
  if (definition.type === "email" && !EMAIL.test(text)) {
    throw new RecordSaveError("INVALID_EMAIL_ADDRESS", `${definition.label}: invalid email address: ${text}`, [
      definition.name,
    ]);
  }
  if (definition.restrictedPicklist && !(definition.picklistValues ?? []).includes(text)) {
    throw new RecordSaveError(
      "INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST",
      `${definition.label}: bad value for restricted picklist field: ${text}`,
      [definition.name],
    );
  }
  return text;
}

function coerceNumber(definition: FieldDefinition, value: unknown): FieldValue {
  if (typeof value !== "number" && typeof value !== "string") throw deserializeError(definition, value);
  if (value === "") return null;
  const plain = toPlainDecimal(value);
  if (plain === undefined) throw deserializeError(definition, value);
  const scale = definition.type === "int" ? 0 : (definition.scale ?? 2);
  if (definition.type === "int" && !/^[+-]?\d+$/.test(plain)) throw deserializeError(definition, value);
  const rounded = roundDecimal(plain, scale);
  const precision = definition.precision ?? 18;
  if (rounded.integerDigits > precision - scale) {
    throw new RecordSaveError(
      "NUMBER_OUTSIDE_VALID_RANGE",
      `${definition.label}: value outside of valid range on numeric field: ${plain}`,
      [definition.name],
    );
  }
  return Number(rounded.text);
}

function coerceBoolean(definition: FieldDefinition, value: unknown): FieldValue {
  if (typeof value === "boolean") return value;
  if (typeof value === "string" && /^(true|false)$/i.test(value)) return value.toLowerCase() === "true";
  throw deserializeError(definition, value);
}

function coerceDate(definition: FieldDefinition, value: unknown): FieldValue {
  if (typeof value !== "string") throw deserializeError(definition, value);
  if (value === "") return null;
  const match = DATE_ONLY.exec(value);
  // A date field takes YYYY-MM-DD only: a datetime string is rejected, never silently shifted.
  if (!match || !isValidCalendarDate(Number(match[1]), Number(match[2]), Number(match[3]))) {
    throw deserializeError(definition, value);
  }
  return value;
}

function coerceDateTime(definition: FieldDefinition, value: unknown): FieldValue {
  if (typeof value !== "string") throw deserializeError(definition, value);
  if (value === "") return null;
  const match = DATE_TIME.exec(value);
  if (!match || !isValidCalendarDate(Number(match[1]), Number(match[2]), Number(match[3]))) {
    throw deserializeError(definition, value);
  }
  const zone = match[8] ?? "Z";
  const normalizedZone = zone === "Z" ? "Z" : `${zone.slice(0, 3)}:${zone.slice(-2)}`;
  const iso = `${match[1]}-${match[2]}-${match[3]}T${match[4] ?? "00"}:${match[5] ?? "00"}:${match[6] ?? "00"}.${(match[7] ?? "0").padEnd(3, "0").slice(0, 3)}${normalizedZone}`;
  const parsed = new Date(iso);
  if (Number.isNaN(parsed.getTime())) throw deserializeError(definition, value);
  return formatDateTime(parsed);
}

function coerceId(definition: FieldDefinition, value: unknown): FieldValue {
  if (typeof value !== "string") throw deserializeError(definition, value);
  if (value === "") return null;
  const id = normalizeId(value);
  if (!id) {
    throw new RecordSaveError("MALFORMED_ID", `${definition.label}: id value of incorrect type: ${value}`, [
      definition.name,
    ]);
  }
  return id;
}

export function coerceFieldValue(definition: FieldDefinition, value: unknown): FieldValue {
  if (value === null || value === undefined) return definition.type === "boolean" ? false : null;
  if (isTextType(definition.type)) return coerceText(definition, value);
  switch (definition.type) {
    case "boolean":
      return coerceBoolean(definition, value);
    case "date":
      return coerceDate(definition, value);
    case "datetime":
      return coerceDateTime(definition, value);
    case "id":
    case "reference":
      return coerceId(definition, value);
    default:
      return coerceNumber(definition, value);
  }
}
