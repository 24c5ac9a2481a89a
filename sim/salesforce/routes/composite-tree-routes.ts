import { parseRecordInput } from "../dml/record-input";
import { type RecordError, RecordSaveError, SalesforceApiError } from "../http/api-error";
import { type DataRequest, decodeSegment } from "../http/data-request";
import type { Route } from "../http/route-table";
import type { SimResponse } from "../http/sim-response";
import type { ObjectModel } from "../model/org-schema";
import type { SandboxServices } from "../sandbox-services";
import { objectFromUrl } from "./sobject-lookup";

/**
 * `POST /composite/tree/{T}` (reference §9.2): create-only, all-or-nothing, ≤ 200 records, ≤ 5 types,
 * ≤ 5 levels; children nest under their child-relationship name (`OrderItems: {records:[…]}`).
 */
const MAX_RECORDS = 200;
const MAX_TYPES = 5;
const MAX_DEPTH = 5;

interface TreeNode {
  model: ObjectModel;
  referenceId: string;
  fields: Record<string, unknown>;
  children: Array<{ field: string; nodes: TreeNode[] }>;
}

class TreeRecordError extends Error {
  readonly referenceId: string;
  readonly error: RecordError;
  constructor(referenceId: string, error: RecordError) {
    super(error.message);
    this.referenceId = referenceId;
    this.error = error;
  }
}

function badRequest(message: string): SalesforceApiError {
  return SalesforceApiError.single(400, "INVALID_INPUT", message);
}

function recordsOf(value: unknown): unknown[] | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  const records = (value as { records?: unknown }).records;
  return Array.isArray(records) ? records : undefined;
}

function parseNode(raw: unknown, model: ObjectModel, depth: number, services: SandboxServices): TreeNode {
  if (depth > MAX_DEPTH) throw badRequest(`sObject Tree is limited to ${MAX_DEPTH} levels`);
  if (typeof raw !== "object" || raw === null) throw badRequest("Each record must be a JSON object");
  const record = raw as Record<string, unknown>;
  const attributes = (record.attributes ?? {}) as { type?: unknown; referenceId?: unknown };
  if (typeof attributes.referenceId !== "string" || attributes.referenceId === "") {
    throw badRequest("Each record needs attributes.referenceId");
  }
  if (typeof attributes.type !== "string" || attributes.type.toLowerCase() !== model.name.toLowerCase()) {
    throw badRequest(`Record ${attributes.referenceId} must have attributes.type ${model.name}`);
  }
  const node: TreeNode = { model, referenceId: attributes.referenceId, fields: {}, children: [] };
  for (const [key, value] of Object.entries(record)) {
    const child = model.childRelationship(key);
    const childRecords = recordsOf(value);
    if (child && childRecords) {
      const childModel = objectFromUrl(services, child.childSObject);
      node.children.push({
        field: child.field,
        nodes: childRecords.map((item) => parseNode(item, childModel, depth + 1, services)),
      });
    } else {
      node.fields[key] = value;
    }
  }
  return node;
}

function flatten(nodes: TreeNode[]): TreeNode[] {
  return nodes.flatMap((node) => [node, ...flatten(node.children.flatMap((child) => child.nodes))]);
}

function insertNode(
  node: TreeNode,
  parent: { field: string; id: string } | undefined,
  services: SandboxServices,
  results: Array<{ referenceId: string; id: string }>,
): void {
  const fields = parent ? { ...node.fields, [parent.field]: parent.id } : node.fields;
  let id: string;
  try {
    const input = parseRecordInput(services.org.schema, node.model, fields);
    id = services.org.engine.create(node.model, input, { kind: "tree" });
  } catch (error) {
    if (error instanceof RecordSaveError) throw new TreeRecordError(node.referenceId, error.toRecordError());
    if (error instanceof SalesforceApiError) {
      const first = error.errors[0];
      throw new TreeRecordError(node.referenceId, {
        statusCode: first?.errorCode ?? "UNKNOWN_EXCEPTION",
        message: first?.message ?? error.message,
        fields: first?.fields ?? [],
      });
    }
    throw error;
  }
  results.push({ referenceId: node.referenceId, id });
  for (const child of node.children) {
    for (const childNode of child.nodes) insertNode(childNode, { field: child.field, id }, services, results);
  }
}

function tree(request: DataRequest, typeName: string, services: SandboxServices): SimResponse {
  const model = objectFromUrl(services, decodeSegment(typeName));
  const roots = recordsOf(request.body);
  if (!roots) throw badRequest("The request body needs a records array");
  const nodes = roots.map((raw) => parseNode(raw, model, 1, services));
  const all = flatten(nodes);
  if (all.length > MAX_RECORDS) throw badRequest(`sObject Tree is limited to ${MAX_RECORDS} records`);
  if (new Set(all.map((node) => node.model.name)).size > MAX_TYPES) {
    throw badRequest(`sObject Tree is limited to ${MAX_TYPES} object types`);
  }
  const referenceIds = all.map((node) => node.referenceId);
  if (new Set(referenceIds).size !== referenceIds.length) throw badRequest("Duplicate referenceId in the request");
  const results: Array<{ referenceId: string; id: string }> = [];
  const savepoint = services.org.store.savepoint();
  try {
    for (const node of nodes) insertNode(node, undefined, services, results);
    return { status: 201, body: { hasErrors: false, results } };
  } catch (error) {
    services.org.store.rollbackTo(savepoint);
    if (error instanceof TreeRecordError) {
      return {
        status: 400,
        body: { hasErrors: true, results: [{ referenceId: error.referenceId, errors: [error.error] }] },
      };
    }
    throw error;
  } finally {
    services.org.store.release(savepoint);
  }
}

export const compositeTreeRoutes: Route[] = [
  {
    method: "POST",
    pattern: /^\/composite\/tree\/([^/]+)\/?$/,
    kind: "tree",
    handle: (request, { params }, services) => tree(request, params[0] ?? "", services),
  },
];
