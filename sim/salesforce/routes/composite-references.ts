/**
 * `@{refId.path}` references in composite subrequest URLs and bodies: a whole-string reference keeps
 * the referenced value's JSON type; an embedded one is interpolated as text.
 */
const REFERENCE = /@\{([^}.[\]]+)((?:\.[^}.[\]]+|\[\d+\])*)\}/g;

export class UnresolvedReferenceError extends Error {}

function lookupPath(value: unknown, path: string): unknown {
  let current = value;
  for (const part of path.match(/\.[^.[\]]+|\[\d+\]/g) ?? []) {
    const key = part.startsWith(".") ? part.slice(1) : Number(part.slice(1, -1));
    if (typeof current !== "object" || current === null) return undefined;
    current = (current as Record<string | number, unknown>)[key];
  }
  return current;
}

function resolveOne(results: Map<string, unknown>, referenceId: string, path: string, raw: string): unknown {
  if (!results.has(referenceId)) {
    throw new UnresolvedReferenceError(`Invalid reference specified. No value for ${raw} found in ${referenceId}.`);
  }
  const value = lookupPath(results.get(referenceId), path);
  if (value === undefined) {
    throw new UnresolvedReferenceError(
      `Invalid reference specified. No value for ${path.replace(/^\./, "")} found in ${referenceId}. Provided referenceId ${raw}`,
    );
  }
  return value;
}

export function substituteInString(text: string, results: Map<string, unknown>, encode = false): unknown {
  const whole = /^@\{([^}.[\]]+)((?:\.[^}.[\]]+|\[\d+\])*)\}$/.exec(text);
  if (whole && !encode) return resolveOne(results, whole[1] ?? "", whole[2] ?? "", text);
  return text.replace(REFERENCE, (raw, referenceId: string, path: string) => {
    const value = String(resolveOne(results, referenceId, path, raw));
    return encode ? encodeURIComponent(value) : value;
  });
}

export function substituteReferences(value: unknown, results: Map<string, unknown>): unknown {
  if (typeof value === "string") return substituteInString(value, results);
  if (Array.isArray(value)) return value.map((item) => substituteReferences(item, results));
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, substituteReferences(item, results)]));
  }
  return value;
}
