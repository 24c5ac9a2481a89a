import type { FieldDefinition } from "../model/field-definition";
import type { ObjectModel, OrgSchema } from "../model/org-schema";
import type { FieldPath } from "./soql-ast";
import { soqlError } from "./soql-errors";

/** A field path checked against the schema: the lookups to follow, then the final field. */
export interface ResolvedPath {
  /** Reference fields to follow, with the object each one leads to. */
  hops: Array<{ field: FieldDefinition; target: ObjectModel }>;
  field: FieldDefinition;
  /** Output names: relationship names, then the field name (canonical case). */
  outputPath: string[];
}

export function noSuchColumn(soql: string, path: FieldPath, objectName: string, name: string) {
  return soqlError(
    "INVALID_FIELD",
    soql,
    path.column,
    `No such column '${name}' on entity '${objectName}'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.`,
  );
}

export function resolveFieldPath(schema: OrgSchema, root: ObjectModel, path: FieldPath, soql: string): ResolvedPath {
  let segments = path.path;
  // `SELECT Account.Name FROM Account` may prefix fields with the object's own name.
  if (
    segments.length > 1 &&
    segments[0]?.toLowerCase() === root.name.toLowerCase() &&
    !root.relationship(segments[0])
  ) {
    segments = segments.slice(1);
  }
  const hops: ResolvedPath["hops"] = [];
  const outputPath: string[] = [];
  let current = root;
  for (const segment of segments.slice(0, -1)) {
    const reference = current.relationship(segment);
    const target = reference?.referenceTo?.[0] ? schema.object(reference.referenceTo[0]) : undefined;
    if (!reference || !target) {
      throw soqlError(
        "INVALID_FIELD",
        soql,
        path.column,
        `Didn't understand relationship '${segment}' in field path. If you are attempting to use a custom relationship, be sure to append the '__r' after the custom relationship name. Please reference your WSDL or the describe call for the appropriate names.`,
      );
    }
    hops.push({ field: reference, target });
    outputPath.push(reference.relationshipName ?? segment);
    current = target;
  }
  const last = segments[segments.length - 1] ?? "";
  const field = current.field(last);
  if (!field) throw noSuchColumn(soql, path, current.name, last);
  outputPath.push(field.name);
  return { hops, field, outputPath };
}
