import { isCalendarDate } from "../jortt/jortt-primitives";
import { type CatalogObject, type FieldSpec, findField } from "../salesforce/field-catalog";
import { emailProblem } from "./email-address";
import { exactDecimalNumber } from "./exact-number";
import type { FieldValue, MappingWarning, SObjectFields } from "./mapping-types";

type Fitted = { value: FieldValue; warning?: { reason: string } | { originalLength: number; maxLength: number } };

/** Cuts to `max` UTF-16 units (Salesforce's length unit) without splitting a surrogate pair. */
export function truncateText(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  const last = cut.charCodeAt(cut.length - 1);
  return last >= 0xd800 && last <= 0xdbff ? cut.slice(0, -1) : cut;
}

function fitText(value: string, spec: FieldSpec): Fitted {
  if (value.trim() === "") return { value: null };
  const max = spec.maxLength;
  if (max === undefined || value.length <= max) return { value };
  return { value: truncateText(value, max), warning: { originalLength: value.length, maxLength: max } };
}

function fitValue(value: FieldValue, spec: FieldSpec): Fitted {
  if (value === null) return { value };
  const isScalar = typeof value !== "object";
  switch (spec.type) {
    case "string":
    case "phone":
    case "url":
    case "picklist":
      return isScalar ? fitText(String(value), spec) : { value: null, warning: { reason: "expected text" } };
    case "email": {
      if (typeof value !== "string") return { value: null, warning: { reason: "expected text" } };
      const trimmed = value.trim();
      if (trimmed === "") return { value: null };
      const problem = emailProblem(trimmed);
      return problem ? { value: null, warning: { reason: problem } } : { value: trimmed };
    }
    case "date":
      return typeof value === "string" && isCalendarDate(value)
        ? { value }
        : { value: null, warning: { reason: "expected a date YYYY-MM-DD" } };
    case "currency":
    case "percent":
    case "double": {
      if (typeof value === "number" && Number.isFinite(value)) return { value };
      const number = typeof value === "string" ? exactDecimalNumber(value) : null;
      return number === null ? { value: null, warning: { reason: "expected a number" } } : { value: number };
    }
    case "boolean":
      return typeof value === "boolean" ? { value } : { value: null, warning: { reason: "expected true or false" } };
    case "reference":
      return typeof value === "string" || typeof value === "object"
        ? { value }
        : { value: null, warning: { reason: "expected a record id" } };
  }
}

/**
 * Brings a record in line with the field catalog: text longer than its field is truncated (with a
 * warning); an unusable optional value (an e-mail that is no address, text in a date field, …) is
 * cleared with a warning; blank text becomes null. Fields outside the catalog pass unchanged.
 */
export function fitToCatalog(
  fields: SObjectFields,
  object: CatalogObject,
  recordKey: string,
): { fields: SObjectFields; warnings: MappingWarning[] } {
  const result: SObjectFields = {};
  const warnings: MappingWarning[] = [];
  for (const [field, value] of Object.entries(fields)) {
    const spec = findField(object, field);
    if (!spec) {
      result[field] = value;
      continue;
    }
    const fitted = fitValue(value, spec);
    result[field] = fitted.value;
    if (fitted.warning && "reason" in fitted.warning) {
      warnings.push({ code: "field.invalid-dropped", recordKey, object, field, reason: fitted.warning.reason });
    } else if (fitted.warning) {
      warnings.push({ code: "field.truncated", recordKey, object, field, ...fitted.warning });
    }
  }
  return { fields: result, warnings };
}
