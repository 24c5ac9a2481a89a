import { isTextType } from "../model/field-definition";
import type { ObjectModel, OrgSchema } from "../model/org-schema";
import { recordAttributes } from "../model/record-json";
import type { FieldValue, RecordStore, SObjectRecord } from "../store/record-store";
import { type Comparable, comparableOf, type FilterValue, literalToFilterValue } from "./filter-values";
import { type ResolvedPath, resolveFieldPath } from "./resolve-field-path";
import type { ComparisonOperator, Condition, LikePiece, SoqlQuery } from "./soql-ast";
import { malformedQuery, soqlError } from "./soql-errors";

/** Runs a parsed SOQL query against the store and shapes the records like the REST API. */
export interface QueryResult {
  totalSize: number;
  records: Array<Record<string, unknown>>;
}

interface EvaluationContext {
  schema: OrgSchema;
  store: RecordStore;
  soql: string;
  version: string;
  includeDeleted: boolean;
}

type Predicate = (record: SObjectRecord) => boolean;

function followPath(context: EvaluationContext, record: SObjectRecord, path: ResolvedPath): SObjectRecord | null {
  let current: SObjectRecord | undefined = record;
  for (const hop of path.hops) {
    const id = current?.[hop.field.name];
    if (typeof id !== "string") return null;
    current = context.store.get(hop.target.name, id);
    if (!current) return null;
  }
  return current ?? null;
}

function valueAt(context: EvaluationContext, record: SObjectRecord, path: ResolvedPath): Comparable {
  const holder = followPath(context, record, path);
  return holder ? comparableOf(path.field, holder[path.field.name]) : null;
}

function compareValues(left: Comparable, operator: ComparisonOperator, right: FilterValue): boolean {
  if (right.kind === "range") {
    if (typeof left !== "number") return false;
    switch (operator) {
      case "=":
        return left >= right.start && left < right.end;
      case "!=":
        return left < right.start || left >= right.end;
      case "<":
        return left < right.start;
      case "<=":
        return left < right.end;
      case ">":
        return left >= right.end;
      case ">=":
        return left >= right.start;
    }
  }
  const value = right.value;
  if (operator === "=") return left === value;
  if (operator === "!=") return left !== value;
  if (left === null || value === null) return false;
  switch (operator) {
    case "<":
      return left < value;
    case "<=":
      return left <= value;
    case ">":
      return left > value;
    case ">=":
      return left >= value;
  }
}

function likeToRegExp(pieces: LikePiece[]): RegExp {
  const source = pieces
    .map((piece) => {
      if (piece.kind === "any") return "[\\s\\S]*";
      if (piece.kind === "one") return "[\\s\\S]";
      return piece.text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    })
    .join("");
  return new RegExp(`^${source}$`, "i");
}

function compileCondition(context: EvaluationContext, model: ObjectModel, condition: Condition): Predicate {
  switch (condition.kind) {
    case "and": {
      const items = condition.items.map((item) => compileCondition(context, model, item));
      return (record) => items.every((item) => item(record));
    }
    case "or": {
      const items = condition.items.map((item) => compileCondition(context, model, item));
      return (record) => items.some((item) => item(record));
    }
    case "not": {
      const item = compileCondition(context, model, condition.item);
      return (record) => !item(record);
    }
    case "compare": {
      const path = resolveFieldPath(context.schema, model, condition.field, context.soql);
      const value = literalToFilterValue(path.field, condition.value, context.soql, condition.field.column);
      return (record) => compareValues(valueAt(context, record, path), condition.operator, value);
    }
    case "in": {
      const path = resolveFieldPath(context.schema, model, condition.field, context.soql);
      const values = condition.values.map((literal) =>
        literalToFilterValue(path.field, literal, context.soql, condition.field.column),
      );
      return (record) => {
        const left = valueAt(context, record, path);
        const found = values.some((value) => compareValues(left, "=", value));
        return condition.negated ? !found : found;
      };
    }
    case "like": {
      const path = resolveFieldPath(context.schema, model, condition.field, context.soql);
      if (!isTextType(path.field.type) || condition.pattern.kind !== "string") {
        throw soqlError(
          "INVALID_QUERY_FILTER_OPERATOR",
          context.soql,
          condition.field.column,
          `invalid operator on ${path.field.type} field: LIKE`,
        );
      }
      const pattern = likeToRegExp(condition.pattern.like);
      return (record) => {
        const holder = followPath(context, record, path);
        const value = holder?.[path.field.name];
        return typeof value === "string" && pattern.test(value);
      };
    }
  }
}

function sortRecords(
  context: EvaluationContext,
  model: ObjectModel,
  query: SoqlQuery,
  records: SObjectRecord[],
): SObjectRecord[] {
  const keys = query.orderBy.map((item) => ({
    item,
    path: resolveFieldPath(context.schema, model, item.field, context.soql),
  }));
  if (keys.length === 0) return records;
  return [...records].sort((a, b) => {
    for (const { item, path } of keys) {
      const left = valueAt(context, a, path);
      const right = valueAt(context, b, path);
      if (left === right) continue;
      if (left === null) return item.nullsLast ? 1 : -1;
      if (right === null) return item.nullsLast ? -1 : 1;
      const order = left < right ? -1 : 1;
      return item.descending ? -order : order;
    }
    return 0;
  });
}

function setProjected(
  context: EvaluationContext,
  json: Record<string, unknown>,
  record: SObjectRecord,
  path: ResolvedPath,
): void {
  let target = json;
  let current: SObjectRecord | undefined = record;
  for (const [index, hop] of path.hops.entries()) {
    const name = path.outputPath[index] ?? hop.field.name;
    const id: FieldValue | undefined = current?.[hop.field.name];
    const next: SObjectRecord | undefined = typeof id === "string" ? context.store.get(hop.target.name, id) : undefined;
    if (!next) {
      if (!(name in target)) target[name] = null;
      return;
    }
    const existing = target[name];
    const nested =
      typeof existing === "object" && existing !== null
        ? (existing as Record<string, unknown>)
        : { attributes: recordAttributes(hop.target, next.Id ?? null, context.version) };
    target[name] = nested;
    target = nested;
    current = next;
  }
  target[path.field.name] = current?.[path.field.name] ?? null;
}

function applyWindow<T>(rows: T[], query: SoqlQuery): T[] {
  const start = query.offset ?? 0;
  const end = query.limit === undefined ? undefined : start + query.limit;
  return rows.slice(start, end);
}

function runQuery(
  context: EvaluationContext,
  model: ObjectModel,
  query: SoqlQuery,
  rows: SObjectRecord[],
): QueryResult {
  const where = query.where ? compileCondition(context, model, query.where) : () => true;
  const matching = rows.filter(where);
  const hasCountAll = query.select.some((item) => item.kind === "countAll");
  if (hasCountAll) {
    if (query.select.length > 1) throw malformedQuery(context.soql, 8, "count() cannot be combined with other fields");
    return { totalSize: applyWindow(matching, query).length, records: [] };
  }
  const aggregates = query.select.filter((item) => item.kind === "countField");
  if (aggregates.length > 0) {
    if (aggregates.length !== query.select.length) {
      throw malformedQuery(context.soql, 8, "Field must be grouped or aggregated");
    }
    const aggregate: Record<string, unknown> = { attributes: { type: "AggregateResult" } };
    aggregates.forEach((item, index) => {
      const path = resolveFieldPath(context.schema, model, item.field, context.soql);
      aggregate[item.alias ?? `expr${index}`] = matching.filter((row) => valueAt(context, row, path) !== null).length;
    });
    return { totalSize: 1, records: [aggregate] };
  }
  const projections = query.select.map((item) => {
    if (item.kind === "field")
      return { kind: "field" as const, path: resolveFieldPath(context.schema, model, item.field, context.soql) };
    if (item.kind === "subquery") return { kind: "subquery" as const, query: item.query };
    throw malformedQuery(context.soql, 8, "unsupported select item");
  });
  const window = applyWindow(sortRecords(context, model, query, matching), query);
  const records = window.map((record) => {
    const json: Record<string, unknown> = { attributes: recordAttributes(model, record.Id ?? null, context.version) };
    for (const projection of projections) {
      if (projection.kind === "field") setProjected(context, json, record, projection.path);
      else projectSubquery(context, model, projection.query, record, json);
    }
    return json;
  });
  return { totalSize: records.length, records };
}

/** `(SELECT … FROM OrderItems)` on a parent: the children as a nested query result, or null when none. */
function projectSubquery(
  context: EvaluationContext,
  parent: ObjectModel,
  subquery: SoqlQuery,
  record: SObjectRecord,
  json: Record<string, unknown>,
): void {
  const child = parent.childRelationship(subquery.from);
  const childModel = child ? context.schema.object(child.childSObject) : undefined;
  if (!child || !childModel) {
    throw soqlError(
      "INVALID_TYPE",
      context.soql,
      subquery.fromColumn,
      `Didn't understand relationship '${subquery.from}' in FROM part of query call.`,
    );
  }
  const rows = rowsOf(context, childModel).filter((row) => row[child.field] === record.Id);
  const result = runQuery(context, childModel, subquery, rows);
  json[child.relationshipName] =
    result.records.length === 0 ? null : { totalSize: result.totalSize, done: true, records: result.records };
}

function rowsOf(context: EvaluationContext, model: ObjectModel): SObjectRecord[] {
  return context.includeDeleted ? context.store.allIncludingDeleted(model.name) : context.store.all(model.name);
}

export function evaluateSoql(
  query: SoqlQuery,
  options: { schema: OrgSchema; store: RecordStore; soql: string; version: string; includeDeleted: boolean },
): QueryResult {
  const model = options.schema.object(query.from);
  if (!model) {
    throw soqlError(
      "INVALID_TYPE",
      options.soql,
      query.fromColumn,
      `sObject type '${query.from}' is not supported. If you are attempting to use a custom object, be sure to append the '__c' after the entity name. Please reference your WSDL or the describe call for the appropriate names.`,
    );
  }
  return runQuery(options, model, query, rowsOf(options, model));
}
