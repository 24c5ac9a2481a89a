import { notFound, type SalesforceApiError } from "../http/api-error";
import type { FieldDefinition } from "../model/field-definition";
import type { ObjectModel } from "../model/org-schema";
import type { SandboxServices } from "../sandbox-services";
import { keyPrefixOf, normalizeId } from "../store/salesforce-ids";

/** The sObject named in a URL, or 404 NOT_FOUND like Salesforce for an unknown type. */
export function objectFromUrl(services: SandboxServices, name: string): ObjectModel {
  const model = services.org.schema.object(name);
  if (!model) throw notFound();
  return model;
}

/** Salesforce reads an unusable id segment as an external-id field name. */
export function externalIdFieldNotFound(name: string): SalesforceApiError {
  return notFound(`Provided external ID field does not exist or is not accessible: ${name}`);
}

/** The canonical id of `/sobjects/T/{id}` when it is an id of T, else 404 as Salesforce answers. */
export function idFromUrl(model: ObjectModel, segment: string): string {
  const id = normalizeId(segment);
  if (!id || keyPrefixOf(id) !== model.keyPrefix) throw externalIdFieldNotFound(segment);
  return id;
}

/**
 * The field of `/sobjects/T/{Field}/{value}`: the Id, a field marked External ID, or a standard
 * idLookup field (e.g. Contact.Email; Account has none besides Id).
 */
export function externalIdField(model: ObjectModel, name: string): FieldDefinition {
  const definition = model.field(name);
  if (!definition || !(definition.externalId || definition.idLookup)) throw externalIdFieldNotFound(name);
  return definition;
}
