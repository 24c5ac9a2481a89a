/**
 * Salesforce record ids: 15 case-sensitive characters (3-char key prefix + pod + counter) plus a
 * 3-character case-folding checksum that makes the 18-character form case-insensitive.
 */
const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const CHECKSUM_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345";
const POD = "Dn0";

function toBase62(value: number, width: number): string {
  let text = "";
  let rest = value;
  while (rest > 0) {
    text = BASE62[rest % 62] + text;
    rest = Math.floor(rest / 62);
  }
  return text.padStart(width, "0");
}

function checksumOf(id15: string): string {
  let suffix = "";
  for (let chunk = 0; chunk < 3; chunk++) {
    let flags = 0;
    for (let position = 0; position < 5; position++) {
      const char = id15.charAt(chunk * 5 + position);
      if (char >= "A" && char <= "Z") flags |= 1 << position;
    }
    suffix += CHECKSUM_ALPHABET.charAt(flags);
  }
  return suffix;
}

export function buildId(keyPrefix: string, sequence: number): string {
  const id15 = `${keyPrefix}${POD}${toBase62(sequence, 9)}`;
  return id15 + checksumOf(id15);
}

const ID_SHAPE = /^[a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?$/;

/**
 * Canonical 18-character form of a 15- or 18-character id, or undefined when it is not id-shaped.
 * An 18-character id may arrive in any case: its checksum restores the original case.
 */
export function normalizeId(value: string): string | undefined {
  if (!ID_SHAPE.test(value)) return undefined;
  if (value.length === 15) return value + checksumOf(value);
  const suffix = value.slice(15).toUpperCase();
  let id15 = "";
  for (let chunk = 0; chunk < 3; chunk++) {
    const flags = CHECKSUM_ALPHABET.indexOf(suffix.charAt(chunk));
    if (flags < 0) return undefined;
    for (let position = 0; position < 5; position++) {
      const char = value.charAt(chunk * 5 + position);
      id15 += flags & (1 << position) ? char.toUpperCase() : char.toLowerCase();
    }
  }
  return id15 + checksumOf(id15);
}

export function keyPrefixOf(id: string): string {
  return id.slice(0, 3);
}
