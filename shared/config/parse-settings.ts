import { configurationError, configurationIssues } from "./configuration-error";
import { type Settings, SettingsSchema } from "./settings-schema";

export const SETTINGS_INVALID = "config.settings.invalid";

/**
 * Validates settings (already-parsed JSON; `undefined`/`{}` give the defaults). Throws a
 * configuration-class SyncError listing every issue with its field path.
 */
export function parseSettings(raw: unknown, origin = "settings"): Settings {
  const parsed = SettingsSchema.safeParse(raw ?? {});
  if (parsed.success) return parsed.data;
  throw configurationError(origin, configurationIssues(parsed.error), {
    code: SETTINGS_INVALID,
    hint: `Fix the named fields in ${origin} (see docs for the settings reference); nothing was synced.`,
  });
}

/** Settings from JSON text (a file or the SSM parameter); bad JSON is a configuration error too. */
export function parseSettingsJson(text: string, origin: string): Settings {
  let raw: unknown;
  try {
    raw = text.trim() === "" ? {} : JSON.parse(text);
  } catch (error) {
    throw configurationError(origin, [{ path: "(root)", message: `not valid JSON (${(error as Error).message})` }], {
      code: SETTINGS_INVALID,
      hint: `Make ${origin} a JSON object.`,
    });
  }
  return parseSettings(raw, origin);
}
