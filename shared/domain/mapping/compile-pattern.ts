/**
 * Regular expressions from settings (SKU pattern, regex-extract). Settings parsing validates them
 * with `patternProblem`; the mapping compiles them once per pattern and reuses the RegExp.
 */
export const PATTERN_FLAGS = /^[imsu]*$/;
const MAX_PATTERN_LENGTH = 500;

const compiled = new Map<string, RegExp>();

export function compilePattern(pattern: string, flags = ""): RegExp {
  const key = `${flags}/${pattern}`;
  let regex = compiled.get(key);
  if (!regex) {
    // No `g`/`y`: a stateful lastIndex would make a pure mapping depend on call history.
    regex = new RegExp(pattern, flags);
    compiled.set(key, regex);
  }
  return regex;
}

/** Number of capturing groups (named ones included): a RegExp matching "" via an added empty branch tells. */
export function capturingGroupCount(pattern: string, flags = ""): number {
  const probe = new RegExp(`${pattern}|`, flags.replace(/[^imsu]/g, ""));
  return (probe.exec("")?.length ?? 1) - 1;
}

/** Why a pattern cannot be used, or null. */
export function patternProblem(pattern: string, flags = ""): string | null {
  if (pattern.length === 0) return "must not be empty";
  if (pattern.length > MAX_PATTERN_LENGTH) return `longer than ${MAX_PATTERN_LENGTH} characters`;
  if (!PATTERN_FLAGS.test(flags)) return 'flags may only be "i", "m", "s", "u"';
  try {
    new RegExp(pattern, flags);
  } catch (error) {
    return `not a valid regular expression (${(error as Error).message})`;
  }
  return null;
}
