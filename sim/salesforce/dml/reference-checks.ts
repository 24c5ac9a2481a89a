import { RecordSaveError } from "../http/api-error";
import type { FieldDefinition } from "../model/field-definition";
import type { ObjectModel } from "../model/org-schema";
import type { SObjectRecord } from "../store/record-store";
import { keyPrefixOf } from "../store/salesforce-ids";
import type { DmlEnvironment } from "./dml-environment";
import type { RelationshipReference } from "./record-input";

/** Resolves `"Account": {"Ext__c": "x"}` to an id; unknown keys fail the record like Salesforce. */
export function resolveReference(reference: RelationshipReference, env: DmlEnvironment): string | null {
  if (reference.value === null) return null;
  const { targetObject, lookupField, value } = reference;
  const ids =
    lookupField.name === "Id"
      ? [String(value)].filter((id) => env.store.get(targetObject.name, id))
      : env.store.findIds(targetObject.name, lookupField.name, value);
  if (ids.length === 0) {
    throw new RecordSaveError(
      "INVALID_FIELD",
      `Foreign key external ID: ${String(value)} not found for field ${lookupField.name} in entity ${targetObject.name}`,
      [reference.field.name],
    );
  }
  if (ids.length > 1) {
    throw new RecordSaveError(
      "INVALID_FIELD",
      `Foreign key external ID: ${String(value)} matched more than one record for field ${lookupField.name} in entity ${targetObject.name}`,
      [reference.field.name],
    );
  }
  return ids[0] ?? null;
}

/** A lookup id must have the target's key prefix and point at a live record. */
export function checkReferenceValue(definition: FieldDefinition, id: string, env: DmlEnvironment): void {
  const targetName = definition.referenceTo?.[0];
  if (!targetName || targetName === "User") return;
  const target = env.schema.object(targetName);
  if (!target) return;
  if (keyPrefixOf(id) !== target.keyPrefix) {
    throw new RecordSaveError(
      "FIELD_INTEGRITY_EXCEPTION",
      `field integrity exception: unknown (${definition.label}: id value of incorrect type: ${id})`,
      [definition.name],
    );
  }
  if (env.store.getDeleted(target.name, id)) {
    throw new RecordSaveError("ENTITY_IS_DELETED", "entity is deleted", [definition.name]);
  }
  if (!env.store.get(target.name, id)) {
    throw new RecordSaveError("INVALID_CROSS_REFERENCE_KEY", "invalid cross reference id", [definition.name]);
  }
}

/** Unique and external-id-unique fields may not repeat a value held by another record. */
export function checkUniqueFields(model: ObjectModel, record: SObjectRecord, env: DmlEnvironment): void {
  for (const definition of model.fields) {
    if (!definition.unique) continue;
    const value = record[definition.name] ?? null;
    if (value === null) continue;
    const clash = env.store.findIds(model.name, definition.name, value).find((id) => id !== record.Id);
    if (clash) {
      throw new RecordSaveError(
        "DUPLICATE_VALUE",
        `duplicate value found: ${definition.name} duplicates value on record with id: ${clash}`,
        [definition.name],
      );
    }
  }
}
