/** Field and object definitions: the subset of describe metadata the sandbox enforces and reports. */
export type FieldType =
  | "id"
  | "string"
  | "textarea"
  | "email"
  | "phone"
  | "url"
  | "picklist"
  | "boolean"
  | "date"
  | "datetime"
  | "currency"
  | "double"
  | "percent"
  | "int"
  | "reference";

export interface FieldDefinition {
  name: string;
  label: string;
  type: FieldType;
  length?: number;
  precision?: number;
  scale?: number;
  externalId: boolean;
  unique: boolean;
  idLookup: boolean;
  nillable: boolean;
  createable: boolean;
  updateable: boolean;
  /** Required on insert (REQUIRED_FIELD_MISSING) beyond what `nillable` says, e.g. Order.AccountId. */
  requiredOnCreate: boolean;
  defaultedOnCreate: boolean;
  defaultValue?: string | number | boolean | null;
  referenceTo?: string[];
  relationshipName?: string;
  picklistValues?: string[];
  restrictedPicklist?: boolean;
  custom: boolean;
  autoNumber?: boolean;
  calculated?: boolean;
}

export interface ChildRelationship {
  childSObject: string;
  field: string;
  relationshipName: string;
}

export interface ObjectDefinition {
  name: string;
  label: string;
  labelPlural: string;
  keyPrefix: string;
  createable: boolean;
  updateable: boolean;
  deletable: boolean;
  fields: FieldDefinition[];
}

export function isTextType(type: FieldType): boolean {
  return (
    type === "string" ||
    type === "textarea" ||
    type === "email" ||
    type === "phone" ||
    type === "url" ||
    type === "picklist"
  );
}

export function isNumberType(type: FieldType): boolean {
  return type === "currency" || type === "double" || type === "percent" || type === "int";
}

export function isIdType(type: FieldType): boolean {
  return type === "id" || type === "reference";
}
