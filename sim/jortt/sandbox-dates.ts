/** Date helpers for the sandbox: plain `YYYY-MM-DD` dates and Amsterdam-offset timestamps. */

export function addDays(date: string, days: number): string {
  const value = new Date(`${date}T00:00:00Z`);
  value.setUTCDate(value.getUTCDate() + days);
  return value.toISOString().slice(0, 10);
}

export function firstOfMonth(date: string): string {
  return `${date.slice(0, 7)}-01`;
}

/** Start of EU summer time in `year`: the last Sunday of March, 01:00 UTC (and of October for the end). */
function lastSundayAt0100Utc(year: number, monthIndex: number): number {
  const lastDay = new Date(Date.UTC(year, monthIndex + 1, 0));
  return Date.UTC(year, monthIndex, lastDay.getUTCDate() - lastDay.getUTCDay(), 1);
}

/** Amsterdam's UTC offset in minutes (CET +60, CEST +120), by the EU rule; no Intl (it is slow). */
function amsterdamOffsetMinutes(epochMs: number): number {
  const year = new Date(epochMs).getUTCFullYear();
  const summer = epochMs >= lastSundayAt0100Utc(year, 2) && epochMs < lastSundayAt0100Utc(year, 9);
  return summer ? 120 : 60;
}

/** "2020-09-24T16:55:56+02:00": how Jortt serves `created_at` (local Amsterdam time + offset). */
export function formatAmsterdamDateTime(epochMs: number): string {
  const wholeSecondMs = Math.floor(epochMs / 1000) * 1000;
  const offsetMinutes = amsterdamOffsetMinutes(wholeSecondMs);
  const local = new Date(wholeSecondMs + offsetMinutes * 60_000).toISOString().slice(0, 19);
  return `${local}+${String(offsetMinutes / 60).padStart(2, "0")}:00`;
}

/** The Amsterdam calendar date of an instant. */
export function amsterdamDate(epochMs: number): string {
  return formatAmsterdamDateTime(epochMs).slice(0, 10);
}
