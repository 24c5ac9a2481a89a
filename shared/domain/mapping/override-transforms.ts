import type { OverrideRule } from "../../config/mapping-overrides-schema";
import { isCalendarDate } from "../jortt/jortt-primitives";
import { centsToDecimalNumber, tryParseCents } from "../money";
import { compilePattern } from "./compile-pattern";
import { readSourcePath, type SourceRecords } from "./source-paths";
import { splitName } from "./split-name";

/** The value an override produces, or why it produced none (a reason without the value). */
export type OverrideOutcome = { ok: true; value: string | number | boolean | null } | { ok: false; reason: string };

const ok = (value: string | number | boolean | null): OverrideOutcome => ({ ok: true, value });
const invalid = (reason: string): OverrideOutcome => ({ ok: false, reason });

/** A parsed Jortt amount: `{cents, currency}`. */
function isJorttMoney(value: unknown): value is { cents: number; currency: string } {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as { cents?: unknown }).cents === "number" &&
    typeof (value as { currency?: unknown }).currency === "string"
  );
}

/** Source values as a field can hold them: amounts become exact decimal numbers, lists and objects are refused. */
function scalar(value: unknown): OverrideOutcome {
  if (value === null || value === undefined) return ok(null);
  if (typeof value === "string" || typeof value === "boolean") return ok(value);
  if (typeof value === "number") return Number.isFinite(value) ? ok(value) : invalid("not a finite number");
  if (isJorttMoney(value)) return ok(centsToDecimalNumber(value.cents));
  return invalid(Array.isArray(value) ? "source is a list, not a single value" : "source is an object");
}

function asText(value: unknown, then: (text: string) => OverrideOutcome): OverrideOutcome {
  const base = scalar(value);
  if (!base.ok || base.value === null) return base;
  return then(String(base.value));
}

const DATE_TIME = /^(\d{4}-\d{2}-\d{2})T\d{2}:\d{2}/;

/** A calendar date as written: a date-time keeps its own local date, it is never shifted by time zone. */
function toDate(text: string): OverrideOutcome {
  const date = DATE_TIME.exec(text)?.[1] ?? text;
  return isCalendarDate(date) ? ok(date) : invalid("not a date (YYYY-MM-DD or ISO date-time)");
}

function toMoney(value: unknown): OverrideOutcome {
  if (value === null || value === undefined) return ok(null);
  if (isJorttMoney(value)) return ok(centsToDecimalNumber(value.cents));
  const parsed = tryParseCents(value);
  return parsed.ok ? ok(centsToDecimalNumber(parsed.value)) : invalid("not an amount with at most 2 decimals");
}

/** Applies one (settings-validated) override rule to the source records. */
export function applyOverrideRule(
  rule: Exclude<OverrideRule, { transform: "omit" }>,
  sources: SourceRecords,
): OverrideOutcome {
  switch (rule.transform) {
    case "copy":
      return scalar(readSourcePath(sources, rule.source));
    case "constant":
      return ok(rule.value);
    case "trim":
      return asText(readSourcePath(sources, rule.source), (text) => ok(text.trim() === "" ? null : text.trim()));
    case "upper":
      return asText(readSourcePath(sources, rule.source), (text) => ok(text.toUpperCase()));
    case "lower":
      return asText(readSourcePath(sources, rule.source), (text) => ok(text.toLowerCase()));
    case "split-name":
      return asText(readSourcePath(sources, rule.source), (text) => {
        const parts = splitName(text);
        return ok(rule.part === "first" ? parts.firstName : parts.lastName);
      });
    case "date":
      return asText(readSourcePath(sources, rule.source), toDate);
    case "money":
      return toMoney(readSourcePath(sources, rule.source));
    case "regex-extract":
      return asText(readSourcePath(sources, rule.source), (text) => {
        const match = compilePattern(rule.pattern, rule.flags).exec(text);
        return ok(match?.[rule.group] ?? null);
      });
  }
}
