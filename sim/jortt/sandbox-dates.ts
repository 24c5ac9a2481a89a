/** Date helpers for the sandbox: plain `YYYY-MM-DD` dates and Amsterdam-offset timestamps. */

export function addDays(date: string, days: number): string {
  const value = new Date(`${date}T00:00:00Z`);
  value.setUTCDate(value.getUTCDate() + days);
  return value.toISOString().slice(0, 10);
}

export function firstOfMonth(date: string): string {
  return `${date.slice(0, 7)}-01`;
}

const amsterdamParts = new Intl.DateTimeFormat("en-GB", {
  timeZone: "Europe/Amsterdam",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  hourCycle: "h23",
});

/** "2020-09-24T16:55:56+02:00": how Jortt serves `created_at` (local Amsterdam time + offset). */
export function formatAmsterdamDateTime(epochMs: number): string {
  const wholeSecondMs = Math.floor(epochMs / 1000) * 1000;
  const parts: Record<string, string> = {};
  for (const part of amsterdamParts.formatToParts(new Date(wholeSecondMs))) parts[part.type] = part.value;
  const local = `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}`;
  const offsetMinutes = Math.round((Date.parse(`${local}Z`) - wholeSecondMs) / 60_000);
  const sign = offsetMinutes < 0 ? "-" : "+";
  const abs = Math.abs(offsetMinutes);
  return `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, "0")}:${String(abs % 60).padStart(2, "0")}`;
}

/** The Amsterdam calendar date of an instant. */
export function amsterdamDate(epochMs: number): string {
  return formatAmsterdamDateTime(epochMs).slice(0, 10);
}
