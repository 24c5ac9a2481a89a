import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { z } from "zod";
import { checkbox, field } from "./field-builders";
import type { FieldDefinition } from "./field-definition";

/**
 * Custom fields are read from the sf CLI project (`salesforce/force-app/.../objects/<Object>/fields/
 * <Field>.field-meta.xml`) so the deployable metadata and the sandbox cannot drift apart.
 */
const OBJECTS_PATH = "salesforce/force-app/main/default/objects";

/** Next to the sources when run from the repo; relative to the working directory when bundled. */
export const DEFAULT_OBJECTS_DIR =
  [resolve(__dirname, "../../..", OBJECTS_PATH), resolve(process.cwd(), OBJECTS_PATH)].find((candidate) =>
    existsSync(candidate),
  ) ?? resolve(__dirname, "../../..", OBJECTS_PATH);

export interface CustomFieldMetadata {
  objectName: string;
  definition: FieldDefinition;
}

const booleanText = z.enum(["true", "false"]).transform((value) => value === "true");
const integerText = z.string().regex(/^\d+$/).transform(Number);

const customFieldXmlSchema = z.object({
  fullName: z.string().regex(/^[A-Za-z][A-Za-z0-9_]*__c$/),
  label: z.string().min(1),
  type: z.enum([
    "Text",
    "TextArea",
    "LongTextArea",
    "Checkbox",
    "Date",
    "DateTime",
    "Currency",
    "Number",
    "Percent",
    "Email",
    "Phone",
    "Url",
  ]),
  length: integerText.optional(),
  precision: integerText.optional(),
  scale: integerText.optional(),
  externalId: booleanText.optional(),
  unique: booleanText.optional(),
  required: booleanText.optional(),
  caseSensitive: booleanText.optional(),
  defaultValue: z.string().optional(),
});
type CustomFieldXml = z.infer<typeof customFieldXmlSchema>;

const XML_ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

function decodeXmlText(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|apos);/g, (_match, name: string) => XML_ENTITIES[name] ?? "");
}

/** Reads the simple `<tag>text</tag>` children of the root element (all a field-meta.xml needs). */
export function readSimpleXmlChildren(xml: string, rootTag: string): Record<string, string> {
  const withoutComments = xml.replace(/<!--[\s\S]*?-->/g, "");
  const root = new RegExp(`<${rootTag}(?:\\s[^>]*)?>([\\s\\S]*)</${rootTag}>`).exec(withoutComments);
  if (!root?.[1]) throw new Error(`no <${rootTag}> root element`);
  const children: Record<string, string> = {};
  for (const match of root[1].matchAll(/<([A-Za-z][\w.-]*)>([^<]*)<\/\1>/g)) {
    const [, tag, value] = match;
    if (tag !== undefined && value !== undefined) children[tag] = decodeXmlText(value.trim());
  }
  return children;
}

function toFieldDefinition(xml: CustomFieldXml): FieldDefinition {
  const base = {
    label: xml.label,
    custom: true,
    externalId: xml.externalId ?? false,
    unique: xml.unique ?? false,
    idLookup: (xml.externalId ?? false) || (xml.unique ?? false),
    nillable: !(xml.required ?? false),
    requiredOnCreate: xml.required ?? false,
  };
  switch (xml.type) {
    case "Text":
      return field(xml.fullName, "string", { ...base, length: xml.length ?? 255 });
    case "TextArea":
      return field(xml.fullName, "textarea", { ...base, length: 255 });
    case "LongTextArea":
      return field(xml.fullName, "textarea", { ...base, length: xml.length ?? 32768 });
    case "Email":
      return field(xml.fullName, "email", { ...base, length: 80 });
    case "Phone":
      return field(xml.fullName, "phone", { ...base, length: 40 });
    case "Url":
      return field(xml.fullName, "url", { ...base, length: 255 });
    case "Checkbox":
      return checkbox(xml.fullName, xml.defaultValue === "true", { label: xml.label, custom: true });
    case "Date":
      return field(xml.fullName, "date", base);
    case "DateTime":
      return field(xml.fullName, "datetime", base);
    case "Currency":
      return field(xml.fullName, "currency", { ...base, precision: xml.precision ?? 18, scale: xml.scale ?? 2 });
    case "Percent":
      return field(xml.fullName, "percent", { ...base, precision: xml.precision ?? 18, scale: xml.scale ?? 2 });
    case "Number":
      return field(xml.fullName, "double", { ...base, precision: xml.precision ?? 18, scale: xml.scale ?? 0 });
  }
}

export function parseCustomFieldXml(xml: string, source: string): FieldDefinition {
  const parsed = customFieldXmlSchema.safeParse(readSimpleXmlChildren(xml, "CustomField"));
  if (!parsed.success) throw new Error(`invalid custom field metadata ${source}: ${parsed.error.message}`);
  return toFieldDefinition(parsed.data);
}

/** Every `<Object>/fields/*.field-meta.xml` under the objects directory. */
export function readCustomFieldMetadata(objectsDir: string = DEFAULT_OBJECTS_DIR): CustomFieldMetadata[] {
  const result: CustomFieldMetadata[] = [];
  for (const objectName of readdirSync(objectsDir).sort()) {
    const fieldsDir = join(objectsDir, objectName, "fields");
    let files: string[];
    try {
      files = readdirSync(fieldsDir).filter((file) => file.endsWith(".field-meta.xml"));
    } catch {
      continue;
    }
    for (const file of files.sort()) {
      const path = join(fieldsDir, file);
      const definition = parseCustomFieldXml(readFileSync(path, "utf8"), path);
      if (`${definition.name}.field-meta.xml` !== file) throw new Error(`fullName does not match file name: ${path}`);
      result.push({ objectName, definition });
    }
  }
  return result;
}
