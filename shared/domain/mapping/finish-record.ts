import type { Settings } from "../../config/settings-schema";
import type { CatalogObject } from "../salesforce/field-catalog";
import { applyOverrides } from "./apply-overrides";
import { fitToCatalog } from "./fit-to-catalog";
import type { MappingProblem } from "./mapping-data-error";
import type { MappingWarning, SObjectFields } from "./mapping-types";
import { missingRequiredFields } from "./required-fields";
import type { SourceRecords } from "./source-paths";

export interface FinishedRecord {
  fields: SObjectFields;
  warnings: MappingWarning[];
  problems: MappingProblem[];
}

/**
 * The steps every mapped record goes through after its default fields: overrides, then the
 * catalog fit (truncation, invalid optional values cleared), then the required-field check.
 */
export function finishRecord(
  object: CatalogObject,
  defaults: SObjectFields,
  sources: SourceRecords,
  settings: Settings,
  recordKey: string,
): FinishedRecord {
  const overridden = applyOverrides(defaults, object, sources, settings, recordKey);
  const fitted = fitToCatalog(overridden.fields, object, recordKey);
  const problems = missingRequiredFields(object, fitted.fields).map((field) => ({
    field: `${object}.${field}`,
    reason: "required value is missing or empty",
  }));
  return { fields: fitted.fields, warnings: [...overridden.warnings, ...fitted.warnings], problems };
}
