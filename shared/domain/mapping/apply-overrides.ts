import type { OverrideRule } from "../../config/mapping-overrides-schema";
import type { Settings } from "../../config/settings-schema";
import type { CatalogObject } from "../salesforce/field-catalog";
import type { MappingWarning, SObjectFields } from "./mapping-types";
import { applyOverrideRule } from "./override-transforms";
import type { OverrideObject, SourceRecords } from "./source-paths";

/**
 * Applies `settings.mapping.overrides` to one mapped record, after the default mapping: each rule
 * sets its target field, or removes it (`omit`). A rule that cannot produce a value for this
 * record (e.g. a `date` of text that is no date) clears the field and records a warning.
 * Person accounts take the `Account` rules, then the `PersonAccount` ones.
 */
export function applyOverrides(
  fields: SObjectFields,
  object: CatalogObject,
  sources: SourceRecords,
  settings: Settings,
  recordKey: string,
): { fields: SObjectFields; warnings: MappingWarning[] } {
  const ruleSets: OverrideObject[] =
    object === "PersonAccount" ? ["Account", "PersonAccount"] : object === "PricebookEntry" ? [] : [object];
  const result: SObjectFields = { ...fields };
  const warnings: MappingWarning[] = [];
  for (const ruleSet of ruleSets) {
    const rules: Record<string, OverrideRule> = settings.mapping.overrides[ruleSet];
    for (const [field, rule] of Object.entries(rules)) {
      // A person account's Name is composed by Salesforce; an Account-wide Name rule does not apply.
      if (object === "PersonAccount" && field.toLowerCase() === "name") continue;
      if (rule.transform === "omit") {
        delete result[field];
        continue;
      }
      const outcome = applyOverrideRule(rule, sources);
      if (outcome.ok) {
        result[field] = outcome.value;
      } else {
        result[field] = null;
        warnings.push({ code: "field.invalid-dropped", recordKey, object, field, reason: outcome.reason });
      }
    }
  }
  return { fields: result, warnings };
}
