import { dataPath } from "../http/data-request";
import type { FieldValue, SObjectRecord } from "../store/record-store";
import type { ObjectModel } from "./org-schema";

export interface RecordAttributes {
  type: string;
  url: string;
}

export function recordAttributes(model: ObjectModel, id: FieldValue, version: string): RecordAttributes {
  return { type: model.name, url: dataPath(version, `/sobjects/${model.name}/${String(id)}`) };
}

/** A record as the REST API returns it: `attributes` first, then the fields (all, or the ones asked for). */
export function recordToJson(
  model: ObjectModel,
  record: SObjectRecord,
  version: string,
  fieldNames?: string[],
): Record<string, unknown> {
  const json: Record<string, unknown> = { attributes: recordAttributes(model, record.Id ?? null, version) };
  const names = fieldNames ?? model.fields.map((definition) => definition.name);
  for (const name of names) json[name] = record[name] ?? null;
  return json;
}
