const EMAIL = /[^\s'"<>()[\],;:]+@[^\s'"<>()[\],;:]+\.[^\s'"<>()[\],;:]+/g;
const SOQL_LITERAL = /'(?:[^'\\]|\\.)*'/g;
const MAX_LENGTH = 300;

/**
 * Salesforce messages can echo record values (an e-mail, a SOQL literal with a name). Errors travel
 * to logs, the DLQ and alerts, which must stay free of personal data, so messages are redacted
 * before they are shown.
 */
export function redactMessage(message: string): string {
  let text = message.replace(EMAIL, "<email>");
  if (/\b(select|from|where)\b/i.test(text)) text = text.replace(SOQL_LITERAL, "'…'");
  text = text.replace(/\s+/g, " ").trim();
  return text.length > MAX_LENGTH ? `${text.slice(0, MAX_LENGTH)}…` : text;
}
