import type { z } from "zod";
import { SyncError } from "../errors/sync-error";

/** One problem in a configuration document, by dotted path ("products.skuPattern", "reverse.paymentMethodMap.Card"). */
export interface ConfigurationIssue {
  path: string;
  message: string;
}

function formatPath(path: ReadonlyArray<PropertyKey>): string {
  return path
    .map((part) => (typeof part === "number" ? `[${part}]` : String(part)))
    .join(".")
    .replace(/\.\[/g, "[");
}

/**
 * Zod issues as path + message. An unrecognized key is reported at the key's own path, so the
 * path names what to delete. Messages carry expectations, never the received values (which may
 * be secrets when the document is a credential set).
 */
export function configurationIssues(error: z.ZodError): ConfigurationIssue[] {
  const issues: ConfigurationIssue[] = [];
  for (const issue of error.issues) {
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) issues.push({ path: formatPath([...issue.path, key]), message: "unknown setting" });
      continue;
    }
    issues.push({ path: formatPath(issue.path) || "(root)", message: issue.message });
  }
  return issues;
}

/** A configuration-class SyncError listing every issue with its path; `field` is the first path. */
export function configurationError(
  what: string,
  issues: readonly ConfigurationIssue[],
  options: { code: string; hint: string },
): SyncError {
  const list = issues.map((issue) => `${issue.path}: ${issue.message}`).join("; ");
  return new SyncError(`${what} invalid: ${list}`, {
    code: options.code,
    errorClass: "configuration",
    source: "config",
    field: issues[0]?.path,
    hint: options.hint,
  });
}
