import type { RecordError } from "./api-error";
import { RecordSaveError } from "./api-error";
import { dataPath } from "./data-request";

/** SaveResult / UpsertResult shapes of the REST API. */
export interface SaveResult {
  id?: string;
  success: boolean;
  errors: RecordError[];
  created?: boolean;
}

export function successResult(id: string, created?: boolean): SaveResult {
  return created === undefined ? { id, success: true, errors: [] } : { id, success: true, errors: [], created };
}

export function failureResult(error: RecordError): SaveResult {
  return { success: false, errors: [error] };
}

export function toRecordError(error: unknown): RecordError {
  if (error instanceof RecordSaveError) return error.toRecordError();
  throw error;
}

export const ROLLED_BACK: RecordError = {
  statusCode: "ALL_OR_NONE_OPERATION_ROLLED_BACK",
  message: "Record rolled back because not all records were valid and the request was using AllOrNone header",
  fields: [],
};

export function locationHeader(version: string, objectName: string, id: string): Record<string, string> {
  return { Location: dataPath(version, `/sobjects/${objectName}/${id}`) };
}
