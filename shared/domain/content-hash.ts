import { createHash } from "node:crypto";
import type { RecordMapping } from "./mapping/mapping-types";
import { MAPPING_VERSION } from "./mapping/mapping-version";

/**
 * Canonical JSON: object keys sorted (by UTF-16 code unit), no whitespace, `undefined` properties
 * dropped, -0 written as 0. Arrays keep their order (line order is meaningful). Non-finite numbers,
 * bigints and functions are refused rather than silently written as null.
 */
export function canonicalJson(value: unknown): string {
  if (value === null) return "null";
  switch (typeof value) {
    case "string":
    case "boolean":
      return JSON.stringify(value);
    case "number":
      if (!Number.isFinite(value)) throw new TypeError("canonicalJson: non-finite number");
      return JSON.stringify(value === 0 ? 0 : value);
    case "object": {
      if (Array.isArray(value)) return `[${value.map((item) => canonicalJson(item ?? null)).join(",")}]`;
      const entries = Object.entries(value as Record<string, unknown>)
        .filter(([, item]) => item !== undefined)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(",")}}`;
    }
    default:
      throw new TypeError(`canonicalJson: cannot encode ${typeof value}`);
  }
}

/** sha256 (hex) over the canonical JSON of `{ v: mappingVersion, content }`. */
export function contentHash(content: unknown, mappingVersion: string = MAPPING_VERSION): string {
  return createHash("sha256")
    .update(canonicalJson({ v: mappingVersion, content }))
    .digest("hex");
}

/**
 * The change-detection hash of a mapped record: its Salesforce records only (warnings are derived
 * from them). Equal hashes mean "nothing to write".
 */
export function mappingContentHash(mapping: RecordMapping, mappingVersion: string = MAPPING_VERSION): string {
  return contentHash({ kind: mapping.kind, records: mapping.records }, mappingVersion);
}
