import { jsonParserError, type RecordError, RecordSaveError, SalesforceApiError } from "../http/api-error";
import { coerceFieldValue } from "../model/coerce-field-value";
import type { FieldDefinition } from "../model/field-definition";
import type { ObjectModel, OrgSchema } from "../model/org-schema";
import type { FieldValue } from "../store/record-store";

/** `"Account": {"Jortt_Customer_Id__c": "C-1"}` in a body: set AccountId to the Account with that key. */
export interface RelationshipReference {
  field: FieldDefinition;
  targetObject: ObjectModel;
  lookupField: FieldDefinition;
  value: FieldValue;
}

/** A request body record, checked against the object's fields and converted to stored values. */
export interface RecordInput {
  values: Map<string, FieldValue>;
  references: RelationshipReference[];
  /** Per-record problems found while converting values (the record fails, the request goes on). */
  errors: RecordError[];
  /** Id given in the body (`Id` or jsforce's lower-case `id` in Collections update). */
  bodyId?: string;
}

export function noSuchColumn(objectName: string, column: string): SalesforceApiError {
  return SalesforceApiError.single(400, "INVALID_FIELD", `No such column '${column}' on sobject of type ${objectName}`);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function parseReference(
  schema: OrgSchema,
  model: ObjectModel,
  referenceField: FieldDefinition,
  key: string,
  value: unknown,
  errors: RecordError[],
): RelationshipReference | undefined {
  if (!isPlainObject(value)) {
    throw jsonParserError(`Cannot deserialize instance of ${key} from VALUE_STRING value ${String(value)}`);
  }
  const targetName = referenceField.referenceTo?.[0] ?? "";
  const targetObject = schema.object(targetName);
  if (!targetObject) throw noSuchColumn(model.name, key);
  const keys = Object.keys(value).filter((name) => name !== "attributes");
  if (keys.length !== 1 || keys[0] === undefined) {
    errors.push({
      statusCode: "INVALID_FIELD",
      message: `More than 1 field provided in an external foreign key reference in entity: ${targetObject.name}`,
      fields: [referenceField.name],
    });
    return undefined;
  }
  const lookupName = keys[0];
  const lookupField = targetObject.field(lookupName);
  if (!lookupField) throw noSuchColumn(targetObject.name, lookupName);
  if (!lookupField.externalId && !lookupField.idLookup) {
    errors.push({
      statusCode: "INVALID_FIELD",
      message: `Field ${lookupField.name} is not an External ID or indexed field for ${targetObject.name}`,
      fields: [referenceField.name],
    });
    return undefined;
  }
  try {
    return {
      field: referenceField,
      targetObject,
      lookupField,
      value: coerceFieldValue(lookupField, value[lookupName]),
    };
  } catch (error) {
    if (error instanceof RecordSaveError) {
      errors.push(error.toRecordError());
      return undefined;
    }
    throw error;
  }
}

/**
 * Validates a body record. Unknown fields (including Person Account fields in a business-account org)
 * fail the whole request with INVALID_FIELD, as Salesforce does.
 */
export function parseRecordInput(schema: OrgSchema, model: ObjectModel, body: unknown): RecordInput {
  if (!isPlainObject(body)) throw jsonParserError(`Cannot deserialize instance of ${model.name} from non-object value`);
  const input: RecordInput = { values: new Map(), references: [], errors: [] };
  for (const [key, value] of Object.entries(body)) {
    if (key === "attributes") continue;
    if (key === "id" || key === "Id" || key.toLowerCase() === "id") {
      if (typeof value === "string" && value !== "") input.bodyId = value;
      continue;
    }
    const definition = model.field(key);
    if (definition) {
      try {
        input.values.set(definition.name, coerceFieldValue(definition, value));
      } catch (error) {
        if (!(error instanceof RecordSaveError)) throw error;
        input.errors.push(error.toRecordError());
      }
      continue;
    }
    const referenceField = model.relationship(key);
    if (referenceField) {
      const reference = parseReference(schema, model, referenceField, key, value, input.errors);
      if (reference) input.references.push(reference);
      continue;
    }
    throw noSuchColumn(model.name, key);
  }
  return input;
}
