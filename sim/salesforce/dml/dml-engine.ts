import { RecordSaveError } from "../http/api-error";
import { formatDateTime } from "../model/coerce-field-value";
import type { ObjectModel } from "../model/org-schema";
import type { FieldValue, SObjectRecord } from "../store/record-store";
import { buildId, keyPrefixOf, normalizeId } from "../store/salesforce-ids";
import type { DmlCall, DmlEnvironment, ObjectRules } from "./dml-environment";
import type { RecordInput } from "./record-input";
import { checkReferenceValue, checkUniqueFields, resolveReference } from "./reference-checks";

export interface UpsertOutcome {
  id: string;
  created: boolean;
}

/** Several records already carry the external id: single upsert answers 300, Collections a per-record error. */
export class MultipleMatchesError extends Error {
  readonly ids: string[];
  constructor(ids: string[]) {
    super("Multiple records found");
    this.ids = ids;
  }
}

function invalidFieldForInsertUpdate(fieldNames: string[]): RecordSaveError {
  return new RecordSaveError(
    "INVALID_FIELD_FOR_INSERT_UPDATE",
    `Unable to create/update fields: ${fieldNames.join(", ")}. Please check the security settings of this field and verify that it is read/write for your profile or permission set.`,
    fieldNames,
  );
}

/**
 * Inserts, updates, upserts and deletes single records with Salesforce's rules: field access,
 * required fields, lookups, uniqueness, object rules, and injected row-lock faults. Each write is
 * atomic (a failed record leaves no trace); callers group writes into transactions.
 */
export class DmlEngine {
  private readonly env: DmlEnvironment;
  private readonly rules: Map<string, ObjectRules>;

  constructor(env: DmlEnvironment, rules: Map<string, ObjectRules>) {
    this.env = env;
    this.rules = rules;
  }

  create(model: ObjectModel, input: RecordInput, call: DmlCall): string {
    return this.atomically(() => {
      if (!model.definition.createable) {
        throw new RecordSaveError("INSUFFICIENT_ACCESS_OR_READONLY", "insufficient access rights on object");
      }
      this.failOnInputErrors(input);
      this.injectLock(call, "new record");
      const values = this.resolvedValues(model, input);
      const readOnly = [...values.keys()].filter((name) => !model.field(name)?.createable);
      if (readOnly.length > 0) throw invalidFieldForInsertUpdate(readOnly);
      const record = this.newRecord(model, values);
      this.rulesOf(model).beforeInsert?.(record, this.env);
      this.checkRequired(model, record, true);
      this.checkReferences(model, record, values);
      checkUniqueFields(model, record, this.env);
      this.env.store.put(model.name, record);
      this.rulesOf(model).afterWrite?.(record, undefined, this.env);
      return String(record.Id);
    });
  }

  update(model: ObjectModel, rawId: string, input: RecordInput, call: DmlCall): string {
    return this.atomically(() => {
      const id = this.existingId(model, rawId);
      if (!model.definition.updateable) {
        throw new RecordSaveError("INSUFFICIENT_ACCESS_OR_READONLY", "insufficient access rights on object id");
      }
      this.failOnInputErrors(input);
      this.injectLock(call, id);
      const previous = this.env.store.get(model.name, id);
      if (!previous) throw new RecordSaveError("ENTITY_IS_DELETED", "entity is deleted");
      const values = this.resolvedValues(model, input);
      const readOnly = [...values.keys()].filter((name) => !model.field(name)?.updateable);
      if (readOnly.length > 0) throw invalidFieldForInsertUpdate(readOnly);
      const now = formatDateTime(this.env.now());
      const record: SObjectRecord = {
        ...previous,
        ...Object.fromEntries(values),
        LastModifiedDate: now,
        SystemModstamp: now,
        LastModifiedById: this.env.userId,
      };
      this.rulesOf(model).beforeUpdate?.(record, previous, this.env);
      this.checkRequired(model, record, false);
      this.checkReferences(model, record, values);
      checkUniqueFields(model, record, this.env);
      this.env.store.put(model.name, record);
      this.rulesOf(model).afterWrite?.(record, previous, this.env);
      return id;
    });
  }

  /** Upsert by an external-id field (or Id): 0 matches create, 1 updates, more throw MultipleMatchesError. */
  upsert(model: ObjectModel, externalField: string, externalValue: FieldValue, input: RecordInput, call: DmlCall) {
    const definition = model.field(externalField);
    if (!definition) throw new RecordSaveError("INVALID_FIELD", `No such column '${externalField}'`);
    if (definition.name === "Id") {
      return { id: this.update(model, String(externalValue), input, call), created: false } as UpsertOutcome;
    }
    const ids = externalValue === null ? [] : this.env.store.findIds(model.name, definition.name, externalValue);
    if (ids.length > 1) throw new MultipleMatchesError(ids);
    const existing = ids[0];
    if (existing) return { id: this.update(model, existing, input, call), created: false } as UpsertOutcome;
    const values = new Map(input.values);
    values.set(definition.name, externalValue);
    return { id: this.create(model, { ...input, values }, call), created: true } as UpsertOutcome;
  }

  delete(model: ObjectModel, rawId: string, call: DmlCall): string {
    return this.atomically(() => {
      const id = this.existingId(model, rawId);
      if (!model.definition.deletable) {
        throw new RecordSaveError("INSUFFICIENT_ACCESS_OR_READONLY", "insufficient access rights on object id");
      }
      this.injectLock(call, id);
      const record = this.env.store.get(model.name, id);
      if (!record) throw new RecordSaveError("ENTITY_IS_DELETED", "entity is deleted");
      this.rulesOf(model).beforeDelete?.(record, this.env);
      this.env.store.delete(model.name, id);
      this.rulesOf(model).afterDelete?.(record, this.env);
      return id;
    });
  }

  /** The canonical id of a live record of this object, or the per-record error Salesforce gives. */
  existingId(model: ObjectModel, rawId: string): string {
    const id = normalizeId(rawId);
    if (!id || keyPrefixOf(id) !== model.keyPrefix) {
      throw new RecordSaveError("MALFORMED_ID", `${model.name} ID: id value of incorrect type: ${rawId}`, ["Id"]);
    }
    if (this.env.store.getDeleted(model.name, id)) throw new RecordSaveError("ENTITY_IS_DELETED", "entity is deleted");
    if (!this.env.store.get(model.name, id)) {
      throw new RecordSaveError("INVALID_CROSS_REFERENCE_KEY", "invalid cross reference id");
    }
    return id;
  }

  private atomically<T>(write: () => T): T {
    const savepoint = this.env.store.savepoint();
    try {
      return write();
    } catch (error) {
      this.env.store.rollbackTo(savepoint);
      throw error;
    } finally {
      this.env.store.release(savepoint);
    }
  }

  private rulesOf(model: ObjectModel): ObjectRules {
    return this.rules.get(model.name) ?? {};
  }

  private failOnInputErrors(input: RecordInput): void {
    const first = input.errors[0];
    if (first) throw new RecordSaveError(first.statusCode, first.message, first.fields);
  }

  private injectLock(call: DmlCall, target: string): void {
    if (this.env.faults.lockRow(call.kind)) {
      throw new RecordSaveError(
        "UNABLE_TO_LOCK_ROW",
        `unable to obtain exclusive access to this record or 1 records: ${target}`,
      );
    }
  }

  private resolvedValues(model: ObjectModel, input: RecordInput): Map<string, FieldValue> {
    const values = new Map(input.values);
    for (const reference of input.references) values.set(reference.field.name, resolveReference(reference, this.env));
    for (const name of values.keys()) if (!model.field(name)) values.delete(name);
    return values;
  }

  private newRecord(model: ObjectModel, values: Map<string, FieldValue>): SObjectRecord {
    const now = formatDateTime(this.env.now());
    const record: SObjectRecord = {};
    for (const definition of model.fields) {
      record[definition.name] =
        definition.defaultedOnCreate && definition.defaultValue !== undefined ? definition.defaultValue : null;
    }
    Object.assign(record, Object.fromEntries(values));
    Object.assign(record, {
      Id: buildId(model.keyPrefix, this.env.store.nextSequence()),
      IsDeleted: false,
      CreatedDate: now,
      CreatedById: this.env.userId,
      LastModifiedDate: now,
      LastModifiedById: this.env.userId,
      SystemModstamp: now,
    });
    if (model.field("OwnerId") && record.OwnerId === null) record.OwnerId = this.env.userId;
    return record;
  }

  private checkRequired(model: ObjectModel, record: SObjectRecord, inserting: boolean): void {
    const missing = model.fields
      .filter((definition) =>
        inserting ? definition.requiredOnCreate : definition.requiredOnCreate && definition.updateable,
      )
      .filter((definition) => record[definition.name] === null || record[definition.name] === undefined)
      .map((definition) => definition.name);
    if (missing.length > 0) {
      throw new RecordSaveError(
        "REQUIRED_FIELD_MISSING",
        `Required fields are missing: [${missing.join(", ")}]`,
        missing,
      );
    }
  }

  private checkReferences(model: ObjectModel, record: SObjectRecord, changed: Map<string, FieldValue>): void {
    for (const name of changed.keys()) {
      const definition = model.field(name);
      const value = record[name];
      if (definition?.type === "reference" && typeof value === "string")
        checkReferenceValue(definition, value, this.env);
    }
  }
}
