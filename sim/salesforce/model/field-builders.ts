import type { FieldDefinition, FieldType } from "./field-definition";

type FieldOptions = Partial<Omit<FieldDefinition, "name" | "type">>;

function labelFrom(name: string): string {
  return name
    .replace(/__c$|__pc$/, "")
    .replace(/Id$/, " ID")
    .replace(/_/g, " ")
    .replace(/([a-z])([A-Z])/g, "$1 $2");
}

/** An ordinary editable, optional field; options override. */
export function field(name: string, type: FieldType, options: FieldOptions = {}): FieldDefinition {
  return {
    name,
    label: labelFrom(name),
    type,
    externalId: false,
    unique: false,
    idLookup: false,
    nillable: true,
    createable: true,
    updateable: true,
    requiredOnCreate: false,
    defaultedOnCreate: false,
    custom: false,
    ...options,
  };
}

export function text(name: string, length: number, options: FieldOptions = {}): FieldDefinition {
  return field(name, "string", { length, ...options });
}

export function requiredText(name: string, length: number, options: FieldOptions = {}): FieldDefinition {
  return field(name, "string", { length, nillable: false, requiredOnCreate: true, ...options });
}

export function textArea(name: string, length: number): FieldDefinition {
  return field(name, "textarea", { length });
}

export function checkbox(name: string, defaultValue = false, options: FieldOptions = {}): FieldDefinition {
  return field(name, "boolean", { nillable: false, defaultedOnCreate: true, defaultValue, ...options });
}

export function money(name: string, precision = 18, scale = 2, options: FieldOptions = {}): FieldDefinition {
  return field(name, "currency", { precision, scale, ...options });
}

export function lookup(
  name: string,
  referenceTo: string,
  relationshipName: string,
  options: FieldOptions = {},
): FieldDefinition {
  return field(name, "reference", { length: 18, referenceTo: [referenceTo], relationshipName, ...options });
}

export function picklist(name: string, values: string[], options: FieldOptions = {}): FieldDefinition {
  return field(name, "picklist", { length: 255, picklistValues: values, restrictedPicklist: false, ...options });
}

export function readOnly(definition: FieldDefinition): FieldDefinition {
  return { ...definition, createable: false, updateable: false, requiredOnCreate: false };
}

/** Fields every object has: Id and the audit fields. */
export function systemFields(): FieldDefinition[] {
  return [
    field("Id", "id", {
      length: 18,
      nillable: false,
      createable: false,
      updateable: false,
      idLookup: true,
      defaultedOnCreate: true,
    }),
    readOnly(checkbox("IsDeleted")),
    readOnly(field("CreatedDate", "datetime", { nillable: false, defaultedOnCreate: true })),
    readOnly(field("CreatedById", "reference", { length: 18, referenceTo: ["User"], defaultedOnCreate: true })),
    readOnly(field("LastModifiedDate", "datetime", { nillable: false, defaultedOnCreate: true })),
    readOnly(field("LastModifiedById", "reference", { length: 18, referenceTo: ["User"], defaultedOnCreate: true })),
    readOnly(field("SystemModstamp", "datetime", { nillable: false, defaultedOnCreate: true })),
  ];
}

/** Street/City/State/PostalCode/Country with Salesforce's standard lengths. */
export function addressFields(prefix: string): FieldDefinition[] {
  return [
    textAreaAddress(`${prefix}Street`),
    text(`${prefix}City`, 40),
    text(`${prefix}State`, 80),
    text(`${prefix}PostalCode`, 20),
    text(`${prefix}Country`, 80),
  ];
}

function textAreaAddress(name: string): FieldDefinition {
  return field(name, "textarea", { length: 255 });
}
