import { SyncError } from "../../errors/sync-error";

/** Why a record cannot be written: the Salesforce field (`Object.Field`) and the reason, no values. */
export interface MappingProblem {
  field: string;
  reason: string;
}

/** One data-class SyncError for a record, listing every problem; `field` is the first one. */
export function mappingDataError(recordKey: string, problems: readonly MappingProblem[], hint: string): SyncError {
  const list = problems.map((problem) => `${problem.field}: ${problem.reason}`).join("; ");
  return new SyncError(`${recordKey} cannot be mapped: ${list}`, {
    code: "mapping.invalid-record",
    errorClass: "data",
    source: "mapping",
    recordKey,
    field: problems[0]?.field,
    hint,
  });
}
