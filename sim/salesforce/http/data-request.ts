/** One REST data call, after the `/services/data/vXX.X` prefix has been split off. */
export interface DataRequest {
  method: string;
  /** API version without the `v`, e.g. `62.0`. */
  version: string;
  /** Path below the version, e.g. `/sobjects/Account/describe` (still percent-encoded). */
  path: string;
  query: URLSearchParams;
  headers: Record<string, string | undefined>;
  body: unknown;
  /** Set when the call runs as a subrequest of /composite (same transaction, not counted again). */
  composite?: { allOrNone: boolean };
}

export function dataPath(version: string, path: string): string {
  return `/services/data/v${version}${path}`;
}

/** Percent-decodes one path segment; a malformed escape is kept as is. */
export function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

export function majorVersion(version: string): number {
  return Number(version.split(".")[0]);
}
