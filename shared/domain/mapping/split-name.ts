export interface NameParts {
  firstName: string | null;
  lastName: string | null;
}

/**
 * Splits a full name: "Last, First" at the comma; otherwise the first word is the first name and
 * the rest the last name, which keeps Dutch particles with the surname ("Jan van der Berg" →
 * "Jan" + "van der Berg"). One word is a last name only (LastName is the required one).
 */
export function splitName(full: string | null | undefined): NameParts {
  const cleaned = (full ?? "").replace(/\s+/g, " ").trim();
  if (cleaned === "") return { firstName: null, lastName: null };
  const comma = cleaned.indexOf(",");
  if (comma > 0 && comma < cleaned.length - 1) {
    const last = cleaned.slice(0, comma).trim();
    const first = cleaned.slice(comma + 1).trim();
    if (last !== "" && first !== "" && !first.includes(",")) return { firstName: first, lastName: last };
  }
  const space = cleaned.indexOf(" ");
  if (space < 0) return { firstName: null, lastName: cleaned };
  return { firstName: cleaned.slice(0, space), lastName: cleaned.slice(space + 1) };
}
