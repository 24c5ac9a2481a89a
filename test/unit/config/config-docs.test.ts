import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseEnv } from "node:util";
import { z } from "zod";
import { JORTT_CREDENTIAL_KEYS, SALESFORCE_CREDENTIAL_KEYS } from "../../../shared/config/credentials-schema";
import { loadLocalConfig } from "../../../shared/config/load-local-config";
import { OverrideRuleSchema } from "../../../shared/config/mapping-overrides-schema";
import { parseSettings } from "../../../shared/config/parse-settings";
import { SettingsSchema } from "../../../shared/config/settings-schema";
import { SOURCE_FIELDS, type SourceRoot } from "../../../shared/domain/mapping/source-paths";

/**
 * Keeps docs/configuration.md, .env.example and settings.example.json in step with the schemas:
 * a new or renamed setting, a changed default, a new credential key or transform fails here
 * instead of drifting silently.
 */
const ROOT = join(__dirname, "..", "..", "..");
const read = (path: string) => readFileSync(join(ROOT, path), "utf8");

const docs = read("docs/configuration.md");
const envExamplePath = join(ROOT, ".env.example");
const envExample = read(".env.example");
const settingsExample: unknown = JSON.parse(read("settings.example.json"));

/** Keys the local runtime reads from `.env` that are not credentials. */
const LOCAL_RUNTIME_KEYS = ["SETTINGS_FILE"];
const CREDENTIAL_KEYS: readonly string[] = [...JORTT_CREDENTIAL_KEYS, ...SALESFORCE_CREDENTIAL_KEYS];

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Dotted paths of the parsed defaults down to the values (a non-empty object is descended into). */
function defaultLeaves(value: Record<string, unknown>, prefix = ""): [string, unknown][] {
  return Object.entries(value).flatMap(([key, child]): [string, unknown][] => {
    const path = `${prefix}${key}`;
    return isPlainObject(child) && Object.keys(child).length > 0 ? defaultLeaves(child, `${path}.`) : [[path, child]];
  });
}

/** Every named property of the settings' JSON Schema (optional ones included), as dotted paths. */
function schemaPaths(schema: unknown, prefix = ""): string[] {
  if (!isPlainObject(schema) || !isPlainObject(schema.properties)) return [];
  return Object.entries(schema.properties).flatMap(([key, child]) => [
    `${prefix}${key}`,
    ...schemaPaths(child, `${prefix}${key}.`),
  ]);
}

/** The table row documenting `path`: a line starting with `| \`path\` |`. */
function docsRow(path: string): string | undefined {
  return docs.split("\n").find((line) => line.replace(/\s+/g, " ").startsWith(`| \`${path}\` |`));
}

function jsonBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/^```json\n([\s\S]*?)^```$/gm)].map((match) => match[1] ?? "");
}

/** Assigned keys of an env file, commented-out examples (`# KEY=…`) included. */
function envKeys(text: string): string[] {
  return [...text.matchAll(/^#?\s*([A-Z][A-Z0-9_]*)=/gm)].map((match) => match[1] ?? "");
}

const transformNames = (() => {
  const schema = z.toJSONSchema(OverrideRuleSchema, { io: "output", unrepresentable: "any" });
  const options = isPlainObject(schema) && Array.isArray(schema.oneOf) ? schema.oneOf : [];
  return options
    .map((option: unknown) =>
      isPlainObject(option) && isPlainObject(option.properties) && isPlainObject(option.properties.transform)
        ? option.properties.transform.const
        : undefined,
    )
    .filter((name): name is string => typeof name === "string");
})();

describe("settings.example.json", () => {
  it("is valid settings", () => {
    expect(() => parseSettings(settingsExample, "settings.example.json")).not.toThrow();
  });

  it("fills every settings section and differs from the defaults", () => {
    expect(isPlainObject(settingsExample)).toBe(true);
    const sections = Object.keys(parseSettings({}));
    expect(Object.keys(settingsExample as object).sort()).toEqual(expect.arrayContaining(sections.sort()));
    expect(parseSettings(settingsExample)).not.toEqual(parseSettings({}));
  });
});

describe("docs/configuration.md settings reference", () => {
  const defaults = parseSettings({});

  it("mentions every top-level and second-level settings key of the parsed defaults", () => {
    const paths = Object.entries(defaults).flatMap(([key, value]) => [
      key,
      ...(isPlainObject(value) ? Object.keys(value).map((child) => `${key}.${child}`) : []),
    ]);
    expect(paths.length).toBeGreaterThan(20);
    const missing = paths.filter((path) => !docs.includes(`\`${path}\``));
    expect(missing).toEqual([]);
  });

  it("documents every default value in the field's table row", () => {
    const leaves = defaultLeaves(defaults);
    const problems = leaves.flatMap(([path, value]) => {
      const row = docsRow(path);
      if (row === undefined) return [`${path}: no table row`];
      const expected = `\`${JSON.stringify(value)}\``;
      return row.includes(expected) ? [] : [`${path}: row does not show the default ${expected}`];
    });
    expect(problems).toEqual([]);
  });

  it("has a table row for every field, optional ones included", () => {
    const jsonSchema = z.toJSONSchema(SettingsSchema, { io: "input", unrepresentable: "any" });
    const paths = schemaPaths(jsonSchema);
    expect(paths).toEqual(expect.arrayContaining(["products.skuPattern", "salesforce.apiVersion", "orderStatus.paid"]));
    const objects = new Set(paths.map((path) => path.split(".").slice(0, -1).join(".")));
    const missing = paths.filter((path) => !objects.has(path) && docsRow(path) === undefined);
    expect(missing).toEqual([]);
  });

  it("lists no setting the schema does not have", () => {
    const known = new Set(schemaPaths(z.toJSONSchema(SettingsSchema, { io: "input", unrepresentable: "any" })));
    const rows = [...docs.matchAll(/^\| `([$A-Za-z][\w.]*)` \|/gm)].map((match) => match[1] ?? "");
    const settingRows = rows.filter(
      (path) => /^[$a-z]/.test(path) && !CREDENTIAL_KEYS.includes(path) && !transformNames.includes(path),
    );
    const unknown = settingRows.filter((path) => !known.has(path));
    expect(unknown).toEqual([]);
  });

  it("has only JSON examples that are valid settings", () => {
    const blocks = jsonBlocks(docs);
    expect(blocks.length).toBeGreaterThan(0);
    for (const block of blocks) expect(() => parseSettings(JSON.parse(block), "docs JSON example")).not.toThrow();
  });
});

describe("docs/configuration.md mapping overrides", () => {
  it("shows every transform in the table and in a validated JSON example", () => {
    // copy and omit are the shorthand forms { source } and { omit: true }.
    const named = transformNames.filter((name) => name !== "copy" && name !== "omit");
    expect(named).toEqual(
      expect.arrayContaining(["trim", "upper", "lower", "split-name", "date", "money", "constant", "regex-extract"]),
    );
    const examples = jsonBlocks(docs).join("\n");
    const problems = named.flatMap((name) => [
      ...(docsRow(name) === undefined ? [`${name}: no table row`] : []),
      ...(examples.includes(`"transform": "${name}"`) ? [] : [`${name}: no JSON example`]),
    ]);
    expect(problems).toEqual([]);
  });

  it("lists every source field per root", () => {
    const problems = (Object.keys(SOURCE_FIELDS) as SourceRoot[]).flatMap((root) => {
      const bullet = new RegExp(`^- \`${root}\\.\`:([\\s\\S]*?)(?=^- |^$)`, "m").exec(docs)?.[1];
      if (bullet === undefined) return [`${root}: no list`];
      const words = new Set(bullet.split(/[^a-z0-9_]+/));
      return [...(SOURCE_FIELDS[root] ?? [])].filter((field) => !words.has(field)).map((field) => `${root}.${field}`);
    });
    expect(problems).toEqual([]);
  });
});

describe(".env.example and the credential keys", () => {
  const keys = envKeys(envExample);

  it("holds only keys the credentials schemas accept (plus the local runtime's SETTINGS_FILE)", () => {
    expect(keys.length).toBeGreaterThan(0);
    const unknown = keys.filter((key) => !CREDENTIAL_KEYS.includes(key) && !LOCAL_RUNTIME_KEYS.includes(key));
    expect(unknown).toEqual([]);
  });

  it("names every credential key, each with a comment", () => {
    expect(CREDENTIAL_KEYS.filter((key) => !keys.includes(key))).toEqual([]);
    const lines = envExample.split("\n");
    const uncommented = CREDENTIAL_KEYS.filter((key) => {
      const index = lines.findIndex((line) => new RegExp(`^#?\\s*${key}=`).test(line));
      const before = lines.slice(Math.max(0, index - 4), index);
      return !before.some((line) => /^# [A-Za-z]/.test(line) && !/^#\s*[A-Z][A-Z0-9_]*=/.test(line));
    });
    expect(uncommented).toEqual([]);
  });

  it("is documented: every credential key has a row in docs/configuration.md", () => {
    expect(CREDENTIAL_KEYS.filter((key) => docsRow(key) === undefined)).toEqual([]);
  });

  it("can be copied to .env as is: blank values mean the sandboxes, not an error", () => {
    expect(Object.keys(parseEnv(envExample)).length).toBeGreaterThan(0);
    const config = loadLocalConfig({ envFile: envExamplePath, env: {} });
    expect(config.jortt).toBeNull();
    expect(config.salesforce).toBeNull();
    expect(config.settingsOrigin).toBe("defaults");
  });
});
