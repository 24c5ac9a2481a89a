/**
 * Salesforce address countries are free text unless the org enables country picklists; Jortt wants
 * an ISO 3166 alpha-2 code. A 2-letter value is taken as a code; a few common names of Jortt's
 * (Dutch) customers' countries are recognised; anything else is left for the caller to report.
 */
const NAMES: Readonly<Record<string, string>> = {
  netherlands: "NL",
  "the netherlands": "NL",
  nederland: "NL",
  holland: "NL",
  belgium: "BE",
  belgië: "BE",
  belgie: "BE",
  belgique: "BE",
  germany: "DE",
  deutschland: "DE",
  duitsland: "DE",
  france: "FR",
  frankrijk: "FR",
  luxembourg: "LU",
  luxemburg: "LU",
  "united kingdom": "GB",
  "verenigd koninkrijk": "GB",
  spain: "ES",
  spanje: "ES",
  españa: "ES",
  italy: "IT",
  italië: "IT",
  italie: "IT",
  austria: "AT",
  denmark: "DK",
  ireland: "IE",
  "united states": "US",
};

/** "NL", "nl", "Nederland" → "NL"; "" / null → null; unknown text → undefined. */
export function toCountryCode(value: string | null): string | null | undefined {
  const trimmed = value?.trim() ?? "";
  if (trimmed === "") return null;
  if (/^[A-Za-z]{2}$/.test(trimmed)) return trimmed.toUpperCase();
  return NAMES[trimmed.toLowerCase()];
}
