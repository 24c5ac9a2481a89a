import type { ChildRelationship, FieldDefinition, ObjectDefinition } from "./field-definition";
import type { CustomFieldMetadata } from "./read-custom-field-metadata";
import { CHILD_RELATIONSHIPS, standardObjects } from "./standard-objects";

/** One sObject type with case-insensitive field and relationship lookup (Salesforce names are case-insensitive). */
export class ObjectModel {
  readonly definition: ObjectDefinition;
  readonly childRelationships: ChildRelationship[];
  private readonly byName = new Map<string, FieldDefinition>();
  private readonly byRelationship = new Map<string, FieldDefinition>();

  constructor(definition: ObjectDefinition, childRelationships: ChildRelationship[]) {
    this.definition = definition;
    this.childRelationships = childRelationships;
    for (const fieldDefinition of definition.fields) {
      this.byName.set(fieldDefinition.name.toLowerCase(), fieldDefinition);
      if (fieldDefinition.relationshipName) {
        this.byRelationship.set(fieldDefinition.relationshipName.toLowerCase(), fieldDefinition);
      }
    }
  }

  get name(): string {
    return this.definition.name;
  }

  get keyPrefix(): string {
    return this.definition.keyPrefix;
  }

  get fields(): FieldDefinition[] {
    return this.definition.fields;
  }

  field(name: string): FieldDefinition | undefined {
    return this.byName.get(name.toLowerCase());
  }

  /** The reference field behind a relationship name (`Account` → `AccountId`). */
  relationship(name: string): FieldDefinition | undefined {
    return this.byRelationship.get(name.toLowerCase());
  }

  childRelationship(name: string): ChildRelationship | undefined {
    const wanted = name.toLowerCase();
    return this.childRelationships.find((child) => child.relationshipName.toLowerCase() === wanted);
  }

  /** Fields the store indexes: external-id / unique keys, and lookups (children of a parent). */
  indexedFields(): FieldDefinition[] {
    return this.fields.filter(
      (candidate) => candidate.externalId || candidate.unique || candidate.type === "reference",
    );
  }
}

export class OrgSchema {
  readonly personAccounts: boolean;
  private readonly objects = new Map<string, ObjectModel>();
  private readonly byPrefix = new Map<string, ObjectModel>();

  constructor(personAccounts: boolean, customFields: CustomFieldMetadata[]) {
    this.personAccounts = personAccounts;
    const definitions = standardObjects(personAccounts);
    for (const definition of definitions) {
      const custom = customFields.filter((entry) => entry.objectName.toLowerCase() === definition.name.toLowerCase());
      definition.fields.push(...custom.map((entry) => entry.definition));
    }
    if (personAccounts) addPersonContactFields(definitions, customFields);
    for (const definition of definitions) {
      const children = CHILD_RELATIONSHIPS.filter((child) => child.parent === definition.name).map((child) => ({
        childSObject: child.childSObject,
        field: child.field,
        relationshipName: child.relationshipName,
      }));
      const model = new ObjectModel(definition, children);
      this.objects.set(definition.name.toLowerCase(), model);
      this.byPrefix.set(definition.keyPrefix, model);
    }
  }

  object(name: string): ObjectModel | undefined {
    return this.objects.get(name.toLowerCase());
  }

  objectByKeyPrefix(prefix: string): ObjectModel | undefined {
    return this.byPrefix.get(prefix);
  }

  allObjects(): ObjectModel[] {
    return [...this.objects.values()];
  }
}

/** Person Accounts expose the person contact's custom fields on Account with a `__pc` suffix. */
function addPersonContactFields(definitions: ObjectDefinition[], customFields: CustomFieldMetadata[]): void {
  const account = definitions.find((definition) => definition.name === "Account");
  if (!account) return;
  for (const entry of customFields) {
    if (entry.objectName.toLowerCase() !== "contact") continue;
    account.fields.push({
      ...entry.definition,
      name: entry.definition.name.replace(/__c$/, "__pc"),
      // A __pc field is not an Account index: uniqueness lives on the Contact.
      externalId: false,
      unique: false,
      idLookup: false,
    });
  }
}
