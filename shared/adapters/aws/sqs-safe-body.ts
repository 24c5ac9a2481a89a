/**
 * SQS accepts only #x9 | #xA | #xD | #x20–#xD7FF | #xE000–#xFFFD | #x10000–#x10FFFF in a message
 * body, and rejects the WHOLE entry otherwise (InvalidMessageContents); the emulator (fauxqs) also
 * rejects characters outside the Basic Multilingual Plane (emoji). A Jortt name with an emoji or a
 * stray U+FFFF must not stop a fetch run, so bodies are sent with those characters written as JSON
 * `\uXXXX` escapes. In JSON such characters can only occur inside strings, where the escape is the
 * same text: the body parses to exactly the same value. Valid bodies are returned unchanged.
 */
export function sqsSafeBody(body: string): string {
  let out: string | undefined;
  let copiedUpTo = 0;
  for (let index = 0; index < body.length; index += 1) {
    const code = body.charCodeAt(index);
    if (!needsEscape(code)) continue;
    out = `${out ?? ""}${body.slice(copiedUpTo, index)}\\u${code.toString(16).padStart(4, "0")}`;
    copiedUpTo = index + 1;
  }
  return out === undefined ? body : `${out}${body.slice(copiedUpTo)}`;
}

function needsEscape(code: number): boolean {
  if (code < 0x20) return code !== 0x09 && code !== 0x0a && code !== 0x0d;
  // Surrogates: astral characters (pairs, which fauxqs rejects) and lone halves (which SQS rejects).
  if (code >= 0xd800 && code <= 0xdfff) return true;
  return code === 0xfffe || code === 0xffff;
}
