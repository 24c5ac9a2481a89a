import { z } from "zod";
import { capturingGroupCount, PATTERN_FLAGS, patternProblem } from "../domain/mapping/compile-pattern";
import { overrideTargetProblem, overrideTargetSpec } from "../domain/mapping/override-targets";
import { isRequiredField } from "../domain/mapping/required-fields";
import { OVERRIDE_OBJECTS, type OverrideObject, sourcePathProblem } from "../domain/mapping/source-paths";
import type { SalesforceFieldType } from "../domain/salesforce/field-catalog";

/**
 * `settings.mapping.overrides`: per object, target field ← one rule, applied after the default
 * mapping. A rule copies a source path, applies one named transform, sets a constant, or omits a
 * default field:
 *   { "source": "customer.vat_number" }
 *   { "transform": "upper", "source": "customer.customer_name" }
 *   { "transform": "split-name", "source": "customer.attn", "part": "first" }
 *   { "transform": "regex-extract", "source": "line.description", "pattern": "\\[(\\w+)\\]" }
 *   { "transform": "constant", "value": "Retail" }
 *   { "omit": true }
 */
const sourcePath = z.string().min(1);

/** Written `{ "source": … }`; read as the `copy` transform (one discriminated shape gives precise errors). */
const CopyRule = z.strictObject({ transform: z.literal("copy"), source: sourcePath });
/** Written `{ "omit": true }`. */
const OmitRule = z.strictObject({ transform: z.literal("omit"), omit: z.literal(true).optional() });

const RuleByTransform = z.discriminatedUnion(
  "transform",
  [
    CopyRule,
    OmitRule,
    z.strictObject({ transform: z.literal("trim"), source: sourcePath }),
    z.strictObject({ transform: z.literal("upper"), source: sourcePath }),
    z.strictObject({ transform: z.literal("lower"), source: sourcePath }),
    z.strictObject({ transform: z.literal("split-name"), source: sourcePath, part: z.enum(["first", "last"]) }),
    /** A calendar date "YYYY-MM-DD" from a date or a date-time (its own local date, never shifted). */
    z.strictObject({ transform: z.literal("date"), source: sourcePath }),
    /** An exact decimal number from a Jortt amount (`{cents}`), a decimal string or a number. */
    z.strictObject({ transform: z.literal("money"), source: sourcePath }),
    z.strictObject({
      transform: z.literal("constant"),
      value: z.union([z.string().max(32000), z.number(), z.boolean(), z.null()]),
    }),
    z.strictObject({
      transform: z.literal("regex-extract"),
      source: sourcePath,
      pattern: z.string(),
      /** Capture group to return (0 = the whole match). */
      group: z.int().min(0).max(20).default(1),
      flags: z.string().regex(PATTERN_FLAGS, { error: 'flags may only be "i", "m", "s", "u"' }).default(""),
    }),
  ],
  {
    error: (issue) =>
      issue.code === "invalid_union"
        ? "expected { source }, { omit: true } or { transform: trim|upper|lower|split-name|date|money|constant|regex-extract, … }"
        : undefined,
  },
);

/** Gives the two shorthand forms their transform name before validation. */
function withTransformName(rule: unknown): unknown {
  if (typeof rule !== "object" || rule === null || Array.isArray(rule) || "transform" in rule) return rule;
  if ("omit" in rule) return { transform: "omit", ...rule };
  if ("source" in rule) return { transform: "copy", ...rule };
  return rule;
}

export const OverrideRuleSchema = z.preprocess(withTransformName, RuleByTransform);
export type OverrideRule = z.output<typeof OverrideRuleSchema>;
export type TransformName = OverrideRule["transform"];

const CONSTANT_FITS: Partial<Record<SalesforceFieldType, (value: unknown) => boolean>> = {
  boolean: (value) => typeof value === "boolean",
  currency: (value) => typeof value === "number",
  percent: (value) => typeof value === "number",
  double: (value) => typeof value === "number",
  date: (value) => typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value),
};

interface RuleProblem {
  message: string;
  path: PropertyKey[];
}

function ruleProblems(object: OverrideObject, field: string, rule: OverrideRule): RuleProblem[] {
  const problems: RuleProblem[] = [];
  const targetProblem = overrideTargetProblem(object, field);
  if (targetProblem) problems.push({ message: targetProblem, path: [] });
  if (rule.transform === "omit" && isRequiredField(object, field)) {
    problems.push({ message: `${field} is required by Salesforce and cannot be omitted`, path: ["omit"] });
  }
  if ("source" in rule) {
    const problem = sourcePathProblem(object, rule.source);
    if (problem) problems.push({ message: problem, path: ["source"] });
  }
  if (rule.transform === "regex-extract") {
    const problem = patternProblem(rule.pattern, rule.flags);
    if (problem) problems.push({ message: problem, path: ["pattern"] });
    else if (rule.group > capturingGroupCount(rule.pattern, rule.flags)) {
      problems.push({ message: `the pattern has no capture group ${rule.group}`, path: ["group"] });
    }
  }
  if (rule.transform === "constant" && rule.value !== null) {
    const spec = overrideTargetSpec(object, field);
    const fits = spec ? CONSTANT_FITS[spec.type] : undefined;
    if (spec && fits && !fits(rule.value)) {
      problems.push({ message: `a constant for ${spec.type} field ${field} has the wrong type`, path: ["value"] });
    }
  }
  return problems;
}

function overridesOf(object: OverrideObject) {
  return z.record(z.string(), OverrideRuleSchema).superRefine((rules, ctx) => {
    for (const [field, rule] of Object.entries(rules)) {
      for (const problem of ruleProblems(object, field, rule)) {
        ctx.addIssue({ code: "custom", message: problem.message, path: [field, ...problem.path] });
      }
    }
  });
}

export const MappingOverridesSchema = z
  .strictObject(
    Object.fromEntries(OVERRIDE_OBJECTS.map((object) => [object, overridesOf(object).default({})])) as {
      [K in OverrideObject]: z.ZodDefault<ReturnType<typeof overridesOf>>;
    },
  )
  .prefault({});

export type MappingOverrides = z.output<typeof MappingOverridesSchema>;
