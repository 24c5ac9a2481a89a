import { MultipleMatchesError } from "../dml/dml-engine";
import { parseRecordInput } from "../dml/record-input";
import { notFound, RecordSaveError, SalesforceApiError } from "../http/api-error";
import { type DataRequest, dataPath, decodeSegment, majorVersion } from "../http/data-request";
import type { Route } from "../http/route-table";
import { locationHeader, successResult } from "../http/save-results";
import type { SimResponse } from "../http/sim-response";
import { coerceFieldValue } from "../model/coerce-field-value";
import type { ObjectModel } from "../model/org-schema";
import { recordToJson } from "../model/record-json";
import type { SandboxServices } from "../sandbox-services";
import { externalIdField, idFromUrl, objectFromUrl } from "./sobject-lookup";

/** Single-record sObject resources: create, read, update, delete, and upsert by external id. */
const SEGMENT = "([^/]+)";

function asApiError(error: unknown): unknown {
  return error instanceof RecordSaveError ? error.toApiError() : error;
}

function idInBodyError(): SalesforceApiError {
  return SalesforceApiError.single(400, "INVALID_FIELD", "The Id field should not be specified in the sobject data.");
}

function requestedFields(model: ObjectModel, request: DataRequest): string[] | undefined {
  const fields = request.query.get("fields");
  if (!fields) return undefined;
  return fields.split(",").map((name) => {
    const definition = model.field(name.trim());
    if (!definition) {
      throw SalesforceApiError.single(
        400,
        "INVALID_FIELD",
        `No such column '${name.trim()}' on entity '${model.name}'`,
      );
    }
    return definition.name;
  });
}

function create(request: DataRequest, name: string, services: SandboxServices): SimResponse {
  const model = objectFromUrl(services, name);
  const input = parseRecordInput(services.org.schema, model, request.body);
  if (input.bodyId) throw idInBodyError();
  try {
    const id = services.org.engine.create(model, input, { kind: "create" });
    return { status: 201, body: successResult(id), headers: locationHeader(request.version, model.name, id) };
  } catch (error) {
    throw asApiError(error);
  }
}

function liveRecord(services: SandboxServices, model: ObjectModel, id: string) {
  const record = services.org.store.get(model.name, id);
  if (record) return record;
  if (services.org.store.getDeleted(model.name, id)) {
    throw SalesforceApiError.single(404, "ENTITY_IS_DELETED", "entity is deleted");
  }
  throw notFound();
}

function readById(request: DataRequest, name: string, rawId: string, services: SandboxServices): SimResponse {
  const model = objectFromUrl(services, name);
  const id = idFromUrl(model, decodeSegment(rawId));
  const record = liveRecord(services, model, id);
  return { status: 200, body: recordToJson(model, record, request.version, requestedFields(model, request)) };
}

function updateById(request: DataRequest, name: string, rawId: string, services: SandboxServices): SimResponse {
  const model = objectFromUrl(services, name);
  const id = idFromUrl(model, decodeSegment(rawId));
  liveRecord(services, model, id);
  const input = parseRecordInput(services.org.schema, model, request.body);
  try {
    services.org.engine.update(model, id, input, { kind: "update" });
    return { status: 204 };
  } catch (error) {
    throw asApiError(error);
  }
}

function deleteById(name: string, rawId: string, services: SandboxServices): SimResponse {
  const model = objectFromUrl(services, name);
  const id = idFromUrl(model, decodeSegment(rawId));
  liveRecord(services, model, id);
  try {
    services.org.engine.delete(model, id, { kind: "delete" });
    return { status: 204 };
  } catch (error) {
    throw asApiError(error);
  }
}

/** Ids matching `/sobjects/T/Field/value`, the value percent-decoded. */
function matchExternalId(services: SandboxServices, model: ObjectModel, rawField: string, rawValue: string) {
  const definition = externalIdField(model, decodeSegment(rawField));
  let value: ReturnType<typeof coerceFieldValue>;
  try {
    value = coerceFieldValue(definition, decodeSegment(rawValue));
  } catch (error) {
    throw asApiError(error);
  }
  const ids =
    definition.name === "Id"
      ? [String(value)].filter((id) => services.org.store.get(model.name, id))
      : services.org.store.findIds(model.name, definition.name, value);
  return { definition, value, ids };
}

function multipleChoices(request: DataRequest, model: ObjectModel, ids: string[]): SimResponse {
  return { status: 300, body: ids.map((id) => dataPath(request.version, `/sobjects/${model.name}/${id}`)) };
}

function upsertByExternalId(request: DataRequest, params: string[], services: SandboxServices): SimResponse {
  const [name = "", rawField = "", rawValue = ""] = params;
  const model = objectFromUrl(services, name);
  const { definition, value } = matchExternalId(services, model, rawField, rawValue);
  const input = parseRecordInput(services.org.schema, model, request.body);
  if (input.bodyId) throw idInBodyError();
  if (input.values.has(definition.name)) {
    throw SalesforceApiError.single(
      400,
      "INVALID_FIELD",
      `The external ID field ${definition.name} is given in the URL; it must not also be in the request body`,
      [definition.name],
    );
  }
  // `?updateOnly=true` (recent API versions): a missing key is not created.
  if (
    request.query.get("updateOnly") === "true" &&
    matchExternalId(services, model, rawField, rawValue).ids.length === 0
  ) {
    throw notFound();
  }
  try {
    const outcome = services.org.engine.upsert(model, definition.name, value, input, { kind: "upsert" });
    const headers = locationHeader(request.version, model.name, outcome.id);
    // API 46+ answers 200/201 with a body carrying `created`; older versions 201 create / 204 update.
    if (majorVersion(request.version) < 46) {
      return outcome.created ? { status: 201, body: successResult(outcome.id), headers } : { status: 204 };
    }
    return { status: outcome.created ? 201 : 200, body: successResult(outcome.id, outcome.created), headers };
  } catch (error) {
    if (error instanceof MultipleMatchesError) return multipleChoices(request, model, error.ids);
    throw asApiError(error);
  }
}

function readByExternalId(request: DataRequest, params: string[], services: SandboxServices): SimResponse {
  const [name = "", rawField = "", rawValue = ""] = params;
  const model = objectFromUrl(services, name);
  const { ids } = matchExternalId(services, model, rawField, rawValue);
  if (ids.length > 1) return multipleChoices(request, model, ids);
  const id = ids[0];
  if (!id) throw notFound();
  return {
    status: 200,
    body: recordToJson(model, liveRecord(services, model, id), request.version, requestedFields(model, request)),
  };
}

function deleteByExternalId(params: string[], services: SandboxServices): SimResponse {
  const [name = "", rawField = "", rawValue = ""] = params;
  const model = objectFromUrl(services, name);
  const { ids } = matchExternalId(services, model, rawField, rawValue);
  if (ids.length > 1) throw SalesforceApiError.single(300, "MULTIPLE_CHOICES", "Multiple records found");
  const id = ids[0];
  if (!id) throw notFound();
  return deleteById(name, id, services);
}

export const sobjectRoutes: Route[] = [
  {
    method: "POST",
    pattern: new RegExp(`^/sobjects/${SEGMENT}/?$`),
    kind: "create",
    handle: (request, { params }, services) => create(request, params[0] ?? "", services),
  },
  {
    method: "GET",
    pattern: new RegExp(`^/sobjects/${SEGMENT}/(?!describe$)${SEGMENT}$`),
    kind: "retrieve",
    handle: (request, { params }, services) => readById(request, params[0] ?? "", params[1] ?? "", services),
  },
  {
    method: "PATCH",
    pattern: new RegExp(`^/sobjects/${SEGMENT}/${SEGMENT}$`),
    kind: "update",
    handle: (request, { params }, services) => updateById(request, params[0] ?? "", params[1] ?? "", services),
  },
  {
    method: "DELETE",
    pattern: new RegExp(`^/sobjects/${SEGMENT}/${SEGMENT}$`),
    kind: "delete",
    handle: (_request, { params }, services) => deleteById(params[0] ?? "", params[1] ?? "", services),
  },
  {
    method: "PATCH",
    pattern: new RegExp(`^/sobjects/${SEGMENT}/${SEGMENT}/${SEGMENT}$`),
    kind: "upsert",
    handle: (request, { params }, services) => upsertByExternalId(request, params, services),
  },
  {
    method: "GET",
    pattern: new RegExp(`^/sobjects/${SEGMENT}/(?!describe$)${SEGMENT}/${SEGMENT}$`),
    kind: "retrieve",
    handle: (request, { params }, services) => readByExternalId(request, params, services),
  },
  {
    method: "DELETE",
    pattern: new RegExp(`^/sobjects/${SEGMENT}/${SEGMENT}/${SEGMENT}$`),
    kind: "delete",
    handle: (_request, { params }, services) => deleteByExternalId(params, services),
  },
];
