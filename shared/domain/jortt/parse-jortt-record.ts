import type { z } from "zod";
import { SyncError } from "../../errors/sync-error";
import { isJorttId } from "./jortt-primitives";

/**
 * One record read from Jortt: either its parsed form or a data error naming the record and field,
 * always with the raw JSON so the pipeline can forward or dead-letter exactly what Jortt served.
 */
export type JorttRecordResult<T> =
  | { ok: true; id: string; value: T; raw: unknown }
  | { ok: false; id: string | null; error: SyncError; raw: unknown };

export type JorttRecordKind = "customer" | "invoice";

const MAX_ISSUES_IN_MESSAGE = 3;

function formatPath(path: ReadonlyArray<PropertyKey>): string {
  if (path.length === 0) return "(record)";
  return path
    .map((part) => (typeof part === "number" ? `[${part}]` : String(part)))
    .join(".")
    .replace(/\.\[/g, "[");
}

/** "invoice_date: expected YYYY-MM-DD; line_items[0].amount_per_unit.value: amount: not a decimal…" */
export function describeIssues(issues: ReadonlyArray<z.core.$ZodIssue>): string {
  const shown = issues.slice(0, MAX_ISSUES_IN_MESSAGE).map((issue) => `${formatPath(issue.path)}: ${issue.message}`);
  const more = issues.length - shown.length;
  return more > 0 ? `${shown.join("; ")} (+${more} more)` : shown.join("; ");
}

/** The raw record's id when it has a usable one, for dead-lettering a record that failed parsing. */
export function rawJorttId(raw: unknown): string | null {
  if (raw === null || typeof raw !== "object") return null;
  const id = (raw as Record<string, unknown>).id;
  return isJorttId(id) ? id : null;
}

function shortId(id: string | null): string {
  return id === null ? "(no id)" : `${id.slice(0, 8)}…`;
}

/**
 * Parses one raw record with `schema`. Messages carry field paths and expectations, never field
 * values (they may be names or e-mail addresses).
 */
export function parseJorttRecord<S extends z.ZodType>(
  kind: JorttRecordKind,
  schema: S,
  raw: unknown,
): JorttRecordResult<z.output<S>> {
  const id = rawJorttId(raw);
  const parsed = schema.safeParse(raw);
  if (parsed.success) {
    return { ok: true, id: id ?? "", value: parsed.data, raw };
  }
  const first = parsed.error.issues[0];
  const error = new SyncError(`${kind} ${shortId(id)}: ${describeIssues(parsed.error.issues)}`, {
    code: `jortt.${kind}.invalid`,
    errorClass: "data",
    source: "jortt",
    recordKey: id === null ? undefined : `${kind}:${id}`,
    field: first ? formatPath(first.path) : undefined,
    hint: `The ${kind} from Jortt does not match the expected shape; fix it in Jortt or report the field.`,
  });
  return { ok: false, id, error, raw };
}
