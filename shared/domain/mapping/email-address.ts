/**
 * E-mail addresses as Salesforce's Email fields accept them: one ASCII address, local part ≤ 64,
 * whole ≤ 80 (the field length), a dotted domain. Lists ("a@x.nl; b@y.nl") are not one address.
 */
const LOCAL = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
const DOMAIN = /^([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$/;
export const EMAIL_MAX_LENGTH = 80;

/** Why a (trimmed) value is not a usable e-mail address, or null when it is. */
export function emailProblem(value: string): string | null {
  if (value.length > EMAIL_MAX_LENGTH) return `longer than ${EMAIL_MAX_LENGTH} characters`;
  const at = value.lastIndexOf("@");
  if (at <= 0 || at === value.length - 1) return "not an e-mail address";
  const local = value.slice(0, at);
  const domain = value.slice(at + 1);
  if (local.length > 64 || !LOCAL.test(local) || !DOMAIN.test(domain)) return "not an e-mail address";
  return null;
}

/** The form used to match records by e-mail: trimmed and lower-cased. */
export function normalizeEmail(value: string): string {
  return value.trim().toLowerCase();
}
