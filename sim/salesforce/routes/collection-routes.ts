import { MultipleMatchesError } from "../dml/dml-engine";
import type { DmlCall } from "../dml/dml-environment";
import { parseRecordInput, type RecordInput } from "../dml/record-input";
import { RecordSaveError, SalesforceApiError } from "../http/api-error";
import { type DataRequest, decodeSegment } from "../http/data-request";
import type { Route } from "../http/route-table";
import { failureResult, ROLLED_BACK, type SaveResult, successResult, toRecordError } from "../http/save-results";
import type { SimResponse } from "../http/sim-response";
import type { ObjectModel } from "../model/org-schema";
import { recordToJson } from "../model/record-json";
import type { SandboxServices } from "../sandbox-services";
import type { FieldValue } from "../store/record-store";
import { keyPrefixOf, normalizeId } from "../store/salesforce-ids";
import {
  attributesType,
  COLLECTION_LIMIT,
  effectiveAllOrNone,
  exceededIdLimit,
  parseCollectionBody,
} from "./collection-request";
import { externalIdField, objectFromUrl } from "./sobject-lookup";

/**
 * sObject Collections: create/update/delete (mixed types), upsert by external id (one type) and
 * retrieve. Per-record results in input order; allOrNone rolls everything back.
 */
type RecordWrite = () => SaveResult;

/** Runs the per-record writes; with allOrNone a single failure rolls all back (reference §9.1). */
function runCollection(services: SandboxServices, writes: RecordWrite[], allOrNone: boolean): SimResponse {
  const savepoint = services.org.store.savepoint();
  try {
    const results = writes.map((write) => write());
    if (allOrNone && results.some((result) => !result.success)) {
      services.org.store.rollbackTo(savepoint);
      return {
        status: 200,
        body: results.map((result) => (result.success ? failureResult(ROLLED_BACK) : result)),
      };
    }
    return { status: 200, body: results };
  } catch (error) {
    services.org.store.rollbackTo(savepoint);
    throw error;
  } finally {
    services.org.store.release(savepoint);
  }
}

function attempt(write: () => SaveResult): SaveResult {
  try {
    return write();
  } catch (error) {
    return failureResult(toRecordError(error));
  }
}

function typeError(expected: string | undefined, actual: string | undefined): SaveResult {
  return failureResult({
    statusCode: "INVALID_TYPE",
    message: actual
      ? `Record type ${actual} does not match the type ${expected ?? ""} of this request`
      : "Each record needs attributes.type",
    fields: [],
  });
}

/** Whole-request checks first (unknown fields → INVALID_FIELD for the request), then per-record writes. */
function parseTyped(
  services: SandboxServices,
  record: Record<string, unknown>,
): { model: ObjectModel; input: RecordInput } | { error: SaveResult } {
  const type = attributesType(record);
  const model = type ? services.org.schema.object(type) : undefined;
  if (!type || !model) return { error: typeError(undefined, type) };
  return { model, input: parseRecordInput(services.org.schema, model, record) };
}

function createCollection(request: DataRequest, services: SandboxServices): SimResponse {
  const body = parseCollectionBody(request);
  const call: DmlCall = { kind: "create" };
  const parsed = body.records.map((record) => parseTyped(services, record));
  const writes = parsed.map(
    (entry): RecordWrite =>
      () => {
        if ("error" in entry) return entry.error;
        if (entry.input.bodyId) {
          return failureResult({
            statusCode: "INVALID_FIELD",
            message: "Cannot specify Id in an insert call",
            fields: ["Id"],
          });
        }
        return attempt(() => successResult(services.org.engine.create(entry.model, entry.input, call)));
      },
  );
  return runCollection(services, writes, effectiveAllOrNone(request, body.allOrNone));
}

function updateCollection(request: DataRequest, services: SandboxServices): SimResponse {
  const body = parseCollectionBody(request);
  const call: DmlCall = { kind: "update" };
  const parsed = body.records.map((record) => parseTyped(services, record));
  const writes = parsed.map(
    (entry): RecordWrite =>
      () => {
        if ("error" in entry) return entry.error;
        const id = entry.input.bodyId;
        if (!id)
          return failureResult({
            statusCode: "MISSING_ARGUMENT",
            message: "Id not specified in an update call",
            fields: [],
          });
        return attempt(() => {
          const updated = services.org.engine.update(entry.model, id, entry.input, call);
          return successResult(updated);
        });
      },
  );
  return runCollection(services, writes, effectiveAllOrNone(request, body.allOrNone));
}

function deleteCollection(request: DataRequest, services: SandboxServices): SimResponse {
  const ids = (request.query.get("ids") ?? "").split(",").filter((id) => id !== "");
  if (ids.length === 0) throw SalesforceApiError.single(400, "MISSING_ARGUMENT", "ids parameter is required");
  if (ids.length > COLLECTION_LIMIT) throw exceededIdLimit();
  const call: DmlCall = { kind: "delete" };
  const writes = ids.map(
    (rawId): RecordWrite =>
      () => {
        const id = normalizeId(rawId);
        const model = id ? services.org.schema.objectByKeyPrefix(keyPrefixOf(id)) : undefined;
        if (!id || !model) {
          return failureResult({ statusCode: "MALFORMED_ID", message: `malformed id ${rawId}`, fields: [] });
        }
        return attempt(() => successResult(services.org.engine.delete(model, id, call)));
      },
  );
  const allOrNone = request.query.get("allOrNone") === "true";
  const response = runCollection(services, writes, effectiveAllOrNone(request, allOrNone));
  // Delete results carry the id even on failure.
  const results = response.body as SaveResult[];
  return { status: 200, body: results.map((result, index) => ({ ...result, id: result.id ?? ids[index] })) };
}

function duplicateKeys(values: FieldValue[]): Set<string> {
  const seen = new Map<string, number>();
  for (const value of values) {
    if (value === null) continue;
    const key = String(value).toLowerCase();
    seen.set(key, (seen.get(key) ?? 0) + 1);
  }
  return new Set([...seen].filter(([, count]) => count > 1).map(([key]) => key));
}

function upsertCollection(request: DataRequest, params: string[], services: SandboxServices): SimResponse {
  const model = objectFromUrl(services, decodeSegment(params[0] ?? ""));
  const definition = externalIdField(model, decodeSegment(params[1] ?? ""));
  const body = parseCollectionBody(request);
  const call: DmlCall = { kind: "upsert" };
  const parsed = body.records.map((record): { error: SaveResult } | { input: RecordInput } => {
    const type = attributesType(record);
    if (!type || type.toLowerCase() !== model.name.toLowerCase()) return { error: typeError(model.name, type) };
    return { input: parseRecordInput(services.org.schema, model, record) };
  });
  const keyOf = (input: RecordInput): FieldValue => input.values.get(definition.name) ?? null;
  const duplicates = duplicateKeys(parsed.flatMap((entry) => ("input" in entry ? [keyOf(entry.input)] : [])));
  const writes = parsed.map(
    (entry): RecordWrite =>
      () => {
        if ("error" in entry) return entry.error;
        const { input } = entry;
        const key = keyOf(input);
        if (input.bodyId) {
          return failureResult({
            statusCode: "INVALID_FIELD",
            message: "The Id field should not be specified in the sobject data.",
            fields: ["Id"],
          });
        }
        if (key === null && input.errors.length === 0) {
          return failureResult({
            statusCode: "MISSING_ARGUMENT",
            message: `${definition.name} not specified`,
            fields: [],
          });
        }
        if (key !== null && duplicates.has(String(key).toLowerCase())) {
          return failureResult({
            statusCode: "DUPLICATE_VALUE",
            message: `Duplicate external id specified: ${String(key)}`,
            fields: [definition.name],
          });
        }
        try {
          const outcome = services.org.engine.upsert(model, definition.name, key, input, call);
          return successResult(outcome.id, outcome.created);
        } catch (error) {
          if (error instanceof MultipleMatchesError) {
            return failureResult({
              statusCode: "DUPLICATE_EXTERNAL_ID",
              message: `${definition.name}: more than one record found for external id field: [${error.ids.join(", ")}]`,
              fields: [definition.name],
            });
          }
          if (error instanceof RecordSaveError) return failureResult(error.toRecordError());
          throw error;
        }
      },
  );
  return runCollection(services, writes, effectiveAllOrNone(request, body.allOrNone));
}

function retrieveCollection(request: DataRequest, typeName: string, services: SandboxServices): SimResponse {
  const model = objectFromUrl(services, decodeSegment(typeName));
  const body = (request.method === "GET" ? {} : request.body) as { ids?: unknown; fields?: unknown };
  const ids = Array.isArray(body.ids) ? body.ids.map(String) : (request.query.get("ids") ?? "").split(",");
  const fieldNames = Array.isArray(body.fields)
    ? body.fields.map(String)
    : (request.query.get("fields") ?? "").split(",");
  const cleanIds = ids.filter((id) => id !== "");
  const cleanFields = fieldNames.filter((name) => name !== "");
  if (cleanIds.length > 2000) throw exceededIdLimit();
  if (cleanFields.length === 0)
    throw SalesforceApiError.single(400, "MISSING_ARGUMENT", "fields parameter is required");
  const canonical = cleanFields.map((name) => {
    const definition = model.field(name);
    if (!definition)
      throw SalesforceApiError.single(400, "INVALID_FIELD", `No such column '${name}' on entity '${model.name}'`);
    return definition.name;
  });
  const records = cleanIds.map((rawId) => {
    const id = normalizeId(rawId);
    const record = id ? services.org.store.get(model.name, id) : undefined;
    return record ? recordToJson(model, record, request.version, canonical) : null;
  });
  return { status: 200, body: records };
}

export const collectionRoutes: Route[] = [
  {
    method: "POST",
    pattern: /^\/composite\/sobjects\/?$/,
    kind: "create",
    handle: (r, _m, s) => createCollection(r, s),
  },
  {
    method: "PATCH",
    pattern: /^\/composite\/sobjects\/?$/,
    kind: "update",
    handle: (r, _m, s) => updateCollection(r, s),
  },
  {
    method: "DELETE",
    pattern: /^\/composite\/sobjects\/?$/,
    kind: "delete",
    handle: (r, _m, s) => deleteCollection(r, s),
  },
  {
    method: "PATCH",
    pattern: /^\/composite\/sobjects\/([^/]+)\/([^/]+)\/?$/,
    kind: "upsert",
    handle: (r, { params }, s) => upsertCollection(r, params, s),
  },
  {
    method: "POST",
    pattern: /^\/composite\/sobjects\/([^/]+)\/?$/,
    kind: "retrieve",
    handle: (r, { params }, s) => retrieveCollection(r, params[0] ?? "", s),
  },
  {
    method: "GET",
    pattern: /^\/composite\/sobjects\/([^/]+)\/?$/,
    kind: "retrieve",
    handle: (r, { params }, s) => retrieveCollection(r, params[0] ?? "", s),
  },
];
