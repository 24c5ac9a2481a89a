/** SOQL date literals (TODAY, LAST_N_DAYS:n, …) as UTC millisecond ranges [start, end). */
const DAY = 24 * 60 * 60 * 1000;

function startOfUtcDay(now: Date): number {
  return Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
}

export function dateLiteralRange(
  name: string,
  n: number | undefined,
  now: Date,
): { start: number; end: number } | undefined {
  const today = startOfUtcDay(now);
  switch (name.toUpperCase()) {
    case "TODAY":
      return { start: today, end: today + DAY };
    case "YESTERDAY":
      return { start: today - DAY, end: today };
    case "TOMORROW":
      return { start: today + DAY, end: today + 2 * DAY };
    case "LAST_N_DAYS":
      return n === undefined ? undefined : { start: today - n * DAY, end: today + DAY };
    case "NEXT_N_DAYS":
      return n === undefined ? undefined : { start: today + DAY, end: today + (n + 1) * DAY };
    case "THIS_MONTH": {
      const start = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1);
      return { start, end: Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1) };
    }
    case "THIS_YEAR":
      return { start: Date.UTC(now.getUTCFullYear(), 0, 1), end: Date.UTC(now.getUTCFullYear() + 1, 0, 1) };
    default:
      return undefined;
  }
}

export const DATE_LITERALS_WITH_N = new Set(["LAST_N_DAYS", "NEXT_N_DAYS"]);
export const DATE_LITERALS = new Set([
  "TODAY",
  "YESTERDAY",
  "TOMORROW",
  "THIS_MONTH",
  "THIS_YEAR",
  ...DATE_LITERALS_WITH_N,
]);
