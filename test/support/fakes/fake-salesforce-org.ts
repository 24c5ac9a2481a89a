import { classifyRecordErrors, salesforceError } from "../../../shared/adapters/salesforce/classify-salesforce-error";
import { soqlInLists } from "../../../shared/adapters/salesforce/soql-in-list";
import { FIELD_CATALOG, type FieldSpec } from "../../../shared/domain/salesforce/field-catalog";
import type { SyncError } from "../../../shared/errors/sync-error";
import type {
  ApiUsage,
  CollectionWrite,
  SalesforceGateway,
  SalesforceRecord,
  WriteOutcome,
  WriteResult,
} from "../../../shared/ports/salesforce-gateway";

type RecordResult = WriteOutcome;

/**
 * An in-memory Salesforce org behind the SalesforceGateway port, for fast use-case tests. It keeps
 * the rules the real API (and the adapter on top of it) enforce, so a use case that passes here
 * does not rely on leniency:
 * - Collections calls take ≤200 records; each call counts one API request; usage grows per call.
 * - An unknown field in a body or query fails the WHOLE call with INVALID_FIELD (HTTP 400).
 * - Upsert by external id: case-insensitive match; the same key twice in one call → DUPLICATE_VALUE.
 * - Relationship references by external id (`Account: {Jortt_Customer_Id__c: "…"}`) resolve to the
 *   parent id; an unknown key fails that record with INVALID_FIELD (Foreign key external ID …).
 * - Create-only fields (OrderItem.OrderId/PricebookEntryId, PricebookEntry ids) on an existing
 *   record fail with INVALID_FIELD_FOR_INSERT_UPDATE; required fields are checked on insert.
 * - OrderItems need an active PricebookEntry of the Order's price book.
 * - Person-account mode adds Person* fields and person contacts; without it they are INVALID_FIELD.
 * Per-record errors are classified with the adapter's own classifier, so codes/classes match.
 */

export interface FakeOrgOptions {
  personAccounts?: boolean;
  /**
   * Offer `writeCollections` like the production gateway (CompositeCollectionsGateway): Collections
   * subrequests bundled ≤5 per Composite call. Default true; false = a plain adapter.
   */
  compositeWrites?: boolean;
  /** Daily API allocation reported by apiUsage(). */
  apiLimit?: number;
  /** Calls already used before this test (apiUsage().used starts here). */
  apiUsedBefore?: number;
  /** Fields the org lacks (`Object.Field`), as when the metadata was not deployed: INVALID_FIELD. */
  missingFields?: string[];
}

export interface CallLogEntry {
  op: "upsert" | "create" | "update" | "delete" | "query" | "describe" | "composite";
  sobject?: string;
  records?: number;
  soql?: string;
}

interface RecordFault {
  statusCode: string;
  message: string;
  fields?: string[];
  /** How many more times it fires (Infinity = always). */
  times: number;
}

interface CallFault {
  match: (entry: CallLogEntry) => boolean;
  error: () => SyncError;
  times: number;
}

type StoredRecord = Record<string, unknown> & { Id: string };

const PREFIX: Record<string, string> = {
  Account: "001",
  Contact: "003",
  Product2: "01t",
  Pricebook2: "01s",
  PricebookEntry: "01u",
  Order: "801",
  OrderItem: "802",
  RecordType: "012",
};

const RELATIONSHIPS: Record<string, Record<string, { field: string; target: string }>> = {
  Contact: { account: { field: "AccountId", target: "Account" } },
  Order: {
    account: { field: "AccountId", target: "Account" },
    pricebook2: { field: "Pricebook2Id", target: "Pricebook2" },
  },
  OrderItem: {
    order: { field: "OrderId", target: "Order" },
    pricebookentry: { field: "PricebookEntryId", target: "PricebookEntry" },
  },
  PricebookEntry: {
    product2: { field: "Product2Id", target: "Product2" },
    pricebook2: { field: "Pricebook2Id", target: "Pricebook2" },
  },
};

const CREATE_ONLY: Record<string, string[]> = {
  OrderItem: ["OrderId", "PricebookEntryId", "Product2Id"],
  PricebookEntry: ["Pricebook2Id", "Product2Id"],
};

const SYSTEM_FIELDS: Record<string, string[]> = {
  Account: ["Id"],
  Contact: ["Id"],
  Product2: ["Id"],
  PricebookEntry: ["Id"],
  Order: ["Id"],
  OrderItem: ["Id", "Product2Id"],
  Pricebook2: ["Id", "Name", "IsStandard", "IsActive"],
  RecordType: ["Id", "Name", "DeveloperName", "SobjectType", "IsPersonType", "IsActive"],
};

export class FakeSalesforceOrg implements SalesforceGateway {
  readonly log: CallLogEntry[] = [];
  readonly personAccounts: boolean;
  readonly standardPricebookId: string;
  readonly personRecordTypeId: string | undefined;
  private readonly tables = new Map<string, Map<string, StoredRecord>>();
  private readonly recordFaults = new Map<string, RecordFault>();
  private readonly callFaults: CallFault[] = [];
  private readonly schema = new Map<string, Map<string, string>>();
  private apiLimit: number;
  private apiUsedBefore: number;
  private idCounter = 0;
  /** Inside a Composite call subrequests are not calls of their own. */
  private inComposite = false;
  writeCollections?: (writes: readonly CollectionWrite[]) => Promise<WriteResult[]>;

  constructor(options: FakeOrgOptions = {}) {
    if (options.compositeWrites !== false) this.writeCollections = (writes) => this.writeCollectionsNow(writes);
    this.personAccounts = options.personAccounts ?? false;
    this.apiLimit = options.apiLimit ?? 100_000;
    this.apiUsedBefore = options.apiUsedBefore ?? 0;
    this.buildSchema();
    for (const missing of options.missingFields ?? []) {
      const [sobject = "", field = ""] = missing.split(".");
      this.schema.get(sobject)?.delete(field.toLowerCase());
    }
    this.standardPricebookId = this.insert("Pricebook2", {
      Name: "Standard Price Book",
      IsStandard: true,
      IsActive: true,
    });
    this.personRecordTypeId = this.personAccounts
      ? this.insert("RecordType", {
          Name: "Person Account",
          DeveloperName: "PersonAccount",
          SobjectType: "Account",
          IsPersonType: true,
          IsActive: true,
        })
      : undefined;
  }

  // ---------------------------------------------------------------- test controls

  /** Seeds a record directly (no API call counted). Returns its Id. */
  seed(sobject: string, fields: Record<string, unknown>): string {
    const id = this.insert(sobject, fields);
    if (sobject === "Account" && this.isPersonRecord(fields)) this.createPersonContact(id);
    return id;
  }

  /** All records of an object (copies). */
  records(sobject: string): StoredRecord[] {
    return [...this.table(sobject).values()].map((record) => ({ ...record }));
  }

  findBy(sobject: string, field: string, value: unknown): StoredRecord[] {
    return this.records(sobject).filter((record) => equalsValue(getField(record, field), value));
  }

  /** Fails the record whose external-id (or Id) value is `key` with a per-record error. */
  failRecord(key: string, statusCode: string, message = `simulated ${statusCode}`, times = Number.POSITIVE_INFINITY) {
    this.recordFaults.set(key.toLowerCase(), { statusCode, message, times });
  }

  /** Fails the next matching call(s) as a whole (e.g. REQUEST_LIMIT_EXCEEDED, SERVER_UNAVAILABLE). */
  failCall(match: Partial<CallLogEntry>, code: string, times = 1): void {
    this.callFaults.push({
      match: (entry) =>
        (match.op === undefined || match.op === entry.op) &&
        (match.sobject === undefined || match.sobject === entry.sobject),
      error: () => salesforceError(code, { scope: "call", object: match.sobject }, { detail: `simulated ${code}` }),
      times,
    });
  }

  setApiUsage(used: number, limit: number): void {
    this.apiUsedBefore = used - this.log.length;
    this.apiLimit = limit;
  }

  /** Calls of one kind, e.g. `calls("upsert", "Order")`. */
  calls(op?: CallLogEntry["op"], sobject?: string): CallLogEntry[] {
    return this.log.filter(
      (entry) => (op === undefined || entry.op === op) && (sobject === undefined || entry.sobject === sobject),
    );
  }

  resetLog(): void {
    this.apiUsedBefore += this.log.length;
    this.log.length = 0;
  }

  // ---------------------------------------------------------------- SalesforceGateway

  async upsertRecords(
    sobject: string,
    externalIdField: string,
    records: readonly SalesforceRecord[],
  ): Promise<WriteResult> {
    return this.inChunks(records, (chunk) => this.upsertRecordsNow(sobject, externalIdField, chunk));
  }

  private upsertRecordsNow(
    sobject: string,
    externalIdField: string,
    records: readonly SalesforceRecord[],
  ): RecordResult[] {
    this.begin({ op: "upsert", sobject, records: records.length });
    this.checkCollectionSize(records.length, sobject);
    const extField = this.requireField(sobject, externalIdField);
    for (const record of records) this.checkBodyFields(sobject, record);
    const keyCounts = new Map<string, number>();
    for (const record of records) {
      const key = String(getField(record, extField) ?? "").toLowerCase();
      keyCounts.set(key, (keyCounts.get(key) ?? 0) + 1);
    }
    return records.map((record): RecordResult => {
      const keyValue = getField(record, extField);
      if (keyValue === undefined || keyValue === null || keyValue === "") {
        return this.recordError(sobject, "UPSERT_KEY_MISSING", "External ID is not found in record.");
      }
      const key = String(keyValue);
      if ((keyCounts.get(key.toLowerCase()) ?? 0) > 1) {
        return this.recordError(sobject, "DUPLICATE_VALUE", `Duplicate external id specified: ${key}`, [extField]);
      }
      const fault = this.takeRecordFault(key);
      if (fault) return fault;
      const matches = this.rows(sobject).filter((existing) => equalsValue(getField(existing, extField), key));
      if (matches.length > 1)
        return this.recordError(sobject, "DUPLICATE_EXTERNAL_ID", "more than one record found", [extField]);
      const resolved = this.resolveReferences(sobject, record);
      if ("error" in resolved) return resolved.error;
      const existing = matches[0];
      if (existing) return this.applyUpdate(sobject, existing, resolved.fields);
      return this.applyCreate(sobject, resolved.fields);
    });
  }

  async createRecords(sobject: string, records: readonly SalesforceRecord[]): Promise<WriteResult> {
    return this.inChunks(records, (chunk) => this.createRecordsNow(sobject, chunk));
  }

  private createRecordsNow(sobject: string, records: readonly SalesforceRecord[]): RecordResult[] {
    this.begin({ op: "create", sobject, records: records.length });
    this.checkCollectionSize(records.length, sobject);
    for (const record of records) this.checkBodyFields(sobject, record);
    return records.map((record): RecordResult => {
      const resolved = this.resolveReferences(sobject, record);
      if ("error" in resolved) return resolved.error;
      return this.applyCreate(sobject, resolved.fields);
    });
  }

  async updateRecords(sobject: string, records: readonly SalesforceRecord[]): Promise<WriteResult> {
    return this.inChunks(records, (chunk) => this.updateRecordsNow(sobject, chunk));
  }

  private updateRecordsNow(sobject: string, records: readonly SalesforceRecord[]): RecordResult[] {
    this.begin({ op: "update", sobject, records: records.length });
    this.checkCollectionSize(records.length, sobject);
    for (const record of records) this.checkBodyFields(sobject, record);
    return records.map((record): RecordResult => {
      const id = typeof record.Id === "string" ? record.Id : undefined;
      if (!id) return this.recordError(sobject, "RECORD_ID_MISSING", "record has no Id");
      const fault = this.takeRecordFault(id);
      if (fault) return fault;
      const existing = this.table(sobject).get(id);
      if (!existing) return this.recordError(sobject, "ENTITY_IS_DELETED", "entity is deleted");
      const { Id: _id, ...rest } = record;
      const resolved = this.resolveReferences(sobject, rest);
      if ("error" in resolved) return resolved.error;
      return this.applyUpdate(sobject, existing, resolved.fields);
    });
  }

  async deleteRecords(ids: readonly string[]): Promise<WriteResult> {
    return this.inChunks(ids, (chunk) => this.deleteRecordsNow(chunk));
  }

  private deleteRecordsNow(ids: readonly string[]): RecordResult[] {
    this.begin({ op: "delete", records: ids.length });
    this.checkCollectionSize(ids.length, undefined);
    return ids.map((id): RecordResult => {
      const fault = this.takeRecordFault(id);
      if (fault) return fault;
      for (const table of this.tables.values()) {
        if (table.delete(id)) return { ok: true, id, created: false };
      }
      // Like the adapter: deleting a row that is already gone counts as done.
      return { ok: true, id, created: false };
    });
  }

  async query<T>(soql: string): Promise<T[]> {
    this.begin({ op: "query", soql });
    const parsed = parseSoql(soql);
    if (!this.schema.has(parsed.from)) throw this.callError("INVALID_TYPE", parsed.from);
    for (const field of [...parsed.fields, ...parsed.conditions.map((c) => c.field)])
      this.requireField(parsed.from, field);
    const rows = this.rows(parsed.from).filter((record) =>
      parsed.conditions.every((condition) => matchesCondition(record, condition)),
    );
    const limited = parsed.limit === undefined ? rows : rows.slice(0, parsed.limit);
    return limited.map((record) => {
      const row: Record<string, unknown> = { attributes: { type: parsed.from } };
      for (const field of parsed.fields) row[this.requireField(parsed.from, field)] = getField(record, field) ?? null;
      return row as unknown as T;
    });
  }

  async queryIn<T>(values: Iterable<string>, buildSoql: (inList: string) => string): Promise<T[]> {
    const seen = new Set<string>();
    const rows: T[] = [];
    for (const inList of soqlInLists(values)) {
      for (const row of await this.query<SalesforceRecord>(buildSoql(inList))) {
        const id = String(row.Id ?? "");
        if (id && seen.has(id)) continue;
        seen.add(id);
        rows.push(row as T);
      }
    }
    return rows;
  }

  async describe(sobject: string): Promise<{ name: string; fields: { name: string; type: string }[] }> {
    this.begin({ op: "describe", sobject });
    const fields = this.schema.get(sobject);
    if (!fields) throw this.callError("NOT_FOUND", sobject);
    return { name: sobject, fields: [...fields.values()].map((name) => ({ name, type: "string" })) };
  }

  apiUsage(): ApiUsage | undefined {
    if (this.log.length === 0) return undefined;
    return { used: this.apiUsedBefore + this.log.length, limit: this.apiLimit };
  }

  get callCount(): number {
    return this.log.length;
  }

  /**
   * Like CompositeCollectionsGateway: ≤200-record pieces, ≤5 per Composite call (one API call), a
   * lone piece sent as a plain Collections call; a failed subrequest fails its records and sets
   * `stopped` on its write; a failed Composite call stops everything after it.
   */
  private async writeCollectionsNow(writes: readonly CollectionWrite[]): Promise<WriteResult[]> {
    const results: { outcomes: (RecordResult | undefined)[]; stopped?: SyncError }[] = writes.map((write) => ({
      outcomes: new Array(write.operation === "delete" ? write.ids.length : write.records.length).fill(undefined),
    }));
    const pieces: { writeIndex: number; indexes: number[] }[] = [];
    writes.forEach((write, writeIndex) => {
      const size = write.operation === "delete" ? write.ids.length : write.records.length;
      for (let start = 0; start < size; start += 200) {
        pieces.push({ writeIndex, indexes: Array.from({ length: Math.min(200, size - start) }, (_, i) => start + i) });
      }
    });
    const runPiece = (piece: { writeIndex: number; indexes: number[] }): RecordResult[] => {
      const write = writes[piece.writeIndex] as CollectionWrite;
      if (write.operation === "delete") return this.deleteRecordsNow(piece.indexes.map((i) => write.ids[i] ?? ""));
      const records = piece.indexes.map((i) => write.records[i] ?? {});
      return write.operation === "upsert"
        ? this.upsertRecordsNow(write.objectType, write.externalIdField, records)
        : this.updateRecordsNow(write.objectType, records);
    };
    const fail = (piece: { writeIndex: number; indexes: number[] }, error: SyncError) => {
      const result = results[piece.writeIndex];
      if (!result) return;
      result.stopped = error;
      for (const index of piece.indexes) result.outcomes[index] = { ok: false, error };
    };
    for (let start = 0; start < pieces.length; start += 5) {
      const group = pieces.slice(start, start + 5);
      try {
        if (group.length === 1) {
          runPieceAsPlainCall(group[0] as { writeIndex: number; indexes: number[] }, results, runPiece);
          continue;
        }
        this.begin({ op: "composite", records: group.reduce((sum, piece) => sum + piece.indexes.length, 0) });
      } catch (error) {
        for (const piece of pieces.slice(start)) fail(piece, error as SyncError);
        break;
      }
      this.inComposite = true;
      try {
        for (const piece of group) {
          try {
            const outcomes = runPiece(piece);
            piece.indexes.forEach((index, at) => {
              const result = results[piece.writeIndex];
              if (result) result.outcomes[index] = outcomes[at];
            });
          } catch (error) {
            fail(piece, error as SyncError);
          }
        }
      } finally {
        this.inComposite = false;
      }
    }
    return results.map((result) => ({
      outcomes: result.outcomes.map(
        (outcome) => outcome ?? { ok: false as const, error: this.callError("UNEXPECTED_RESPONSE", undefined) },
      ),
      ...(result.stopped ? { stopped: result.stopped } : {}),
    }));
  }

  // ---------------------------------------------------------------- internals

  /**
   * Like the adapter: chunks of 200, one call each, sequential; a whole-call failure stops the write
   * and every record not written carries its error.
   */
  private inChunks<R>(items: readonly R[], write: (chunk: readonly R[]) => RecordResult[]): WriteResult {
    const outcomes: RecordResult[] = [];
    for (let start = 0; start < items.length; start += 200) {
      const chunk = items.slice(start, start + 200);
      try {
        outcomes.push(...write(chunk));
      } catch (error) {
        const stopped = error as SyncError;
        while (outcomes.length < items.length) outcomes.push({ ok: false, error: stopped });
        return { outcomes, stopped };
      }
    }
    return { outcomes };
  }

  private begin(entry: CallLogEntry): void {
    if (this.inComposite) return;
    this.log.push(entry);
    const fault = this.callFaults.find((candidate) => candidate.times > 0 && candidate.match(entry));
    if (fault) {
      fault.times -= 1;
      throw fault.error();
    }
  }

  private checkCollectionSize(size: number, sobject: string | undefined): void {
    if (size > 200) throw this.callError("EXCEEDED_ID_LIMIT", sobject);
  }

  private callError(code: string, sobject: string | undefined, field?: string): SyncError {
    return salesforceError(
      code,
      { scope: "call", ...(sobject ? { object: sobject } : {}) },
      { detail: `simulated ${code}`, ...(field ? { fields: [field] } : {}) },
    );
  }

  private recordError(
    sobject: string | undefined,
    statusCode: string,
    message: string,
    fields?: string[],
  ): RecordResult {
    return {
      ok: false,
      error: classifyRecordErrors([{ statusCode, message, fields: fields ?? [] }], {
        scope: "record",
        ...(sobject ? { object: sobject } : {}),
      }),
    };
  }

  private takeRecordFault(key: string): RecordResult | undefined {
    const fault = this.recordFaults.get(key.toLowerCase());
    if (!fault || fault.times <= 0) return undefined;
    fault.times -= 1;
    return this.recordError(undefined, fault.statusCode, fault.message, fault.fields);
  }

  private buildSchema(): void {
    const add = (sobject: string, names: readonly string[]) => {
      const fields = this.schema.get(sobject) ?? new Map<string, string>();
      for (const name of names) fields.set(name.toLowerCase(), name);
      this.schema.set(sobject, fields);
    };
    const names = (specs: readonly FieldSpec[]) => specs.map((spec) => spec.name);
    add("Account", [...SYSTEM_FIELDS.Account!, ...names(FIELD_CATALOG.Account)]);
    if (this.personAccounts) {
      add("Account", [...names(FIELD_CATALOG.PersonAccount), "IsPersonAccount", "PersonContactId"]);
      add("Contact", ["IsPersonAccount"]);
    }
    add("Contact", [...SYSTEM_FIELDS.Contact!, ...names(FIELD_CATALOG.Contact)]);
    for (const sobject of ["Product2", "PricebookEntry", "Order", "OrderItem"] as const) {
      add(sobject, [...SYSTEM_FIELDS[sobject]!, ...names(FIELD_CATALOG[sobject])]);
    }
    add("Pricebook2", SYSTEM_FIELDS.Pricebook2!);
    add("RecordType", SYSTEM_FIELDS.RecordType!);
  }

  private requireField(sobject: string, field: string): string {
    const name = this.schema.get(sobject)?.get(field.toLowerCase());
    if (!name) throw this.callError("INVALID_FIELD", sobject, field);
    return name;
  }

  private checkBodyFields(sobject: string, record: SalesforceRecord): void {
    for (const [name, value] of Object.entries(record)) {
      if (name === "attributes") continue;
      if (isReference(value)) {
        if (!RELATIONSHIPS[sobject]?.[name.toLowerCase()]) throw this.callError("INVALID_FIELD", sobject, name);
        continue;
      }
      this.requireField(sobject, name);
    }
  }

  private resolveReferences(
    sobject: string,
    record: SalesforceRecord,
  ): { fields: Record<string, unknown> } | { error: RecordResult } {
    const fields: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(record)) {
      if (name === "attributes") continue;
      if (!isReference(value)) {
        fields[this.requireField(sobject, name)] = value;
        continue;
      }
      const relation = RELATIONSHIPS[sobject]?.[name.toLowerCase()];
      if (!relation) throw this.callError("INVALID_FIELD", sobject, name);
      const [refField, refValue] = Object.entries(value)[0] ?? [];
      const parent = this.rows(relation.target).find((candidate) =>
        equalsValue(getField(candidate, refField ?? ""), refValue),
      );
      if (!parent) {
        return {
          error: this.recordError(
            sobject,
            "INVALID_FIELD",
            `Foreign key external ID: ${String(refValue)} not found for field ${refField} in entity ${relation.target}`,
          ),
        };
      }
      fields[relation.field] = parent.Id;
    }
    return { fields };
  }

  private applyCreate(sobject: string, fields: Record<string, unknown>): RecordResult {
    const missing = this.missingRequired(sobject, fields);
    if (missing)
      return this.recordError(sobject, "REQUIRED_FIELD_MISSING", `Required fields are missing: [${missing}]`, [
        missing,
      ]);
    const problem = this.integrityProblem(sobject, fields);
    if (problem) return problem;
    const stored = { ...fields };
    if (sobject === "OrderItem") {
      const entry = this.table("PricebookEntry").get(String(fields.PricebookEntryId));
      stored.Product2Id = entry?.Product2Id;
    }
    if (sobject === "Account" && this.personAccounts) stored.IsPersonAccount = this.isPersonRecord(fields);
    if (sobject === "Contact" && this.personAccounts) stored.IsPersonAccount = false;
    const id = this.insert(sobject, stored);
    if (sobject === "Account" && this.isPersonRecord(fields)) this.createPersonContact(id);
    return { ok: true, id, created: true };
  }

  private applyUpdate(sobject: string, existing: StoredRecord, fields: Record<string, unknown>): RecordResult {
    const createOnly = (CREATE_ONLY[sobject] ?? []).filter((name) => name in fields);
    if (createOnly.length > 0) {
      return this.recordError(
        sobject,
        "INVALID_FIELD_FOR_INSERT_UPDATE",
        `Unable to create/update fields: ${createOnly.join(", ")}.`,
        createOnly,
      );
    }
    if (sobject === "Account" && existing.IsPersonAccount === true && "Name" in fields) {
      return this.recordError(sobject, "INVALID_FIELD_FOR_INSERT_UPDATE", "Name is not editable on a person account", [
        "Name",
      ]);
    }
    Object.assign(existing, fields);
    if (sobject === "Account" && existing.IsPersonAccount === true) this.syncPersonContact(existing);
    return { ok: true, id: existing.Id, created: false };
  }

  private missingRequired(sobject: string, fields: Record<string, unknown>): string | undefined {
    const required: Record<string, string[]> = {
      Account: this.isPersonRecord(fields) ? ["LastName"] : ["Name"],
      Contact: ["LastName"],
      Product2: ["Name"],
      PricebookEntry: ["Pricebook2Id", "Product2Id", "UnitPrice"],
      Order: ["AccountId", "EffectiveDate", "Status"],
      OrderItem: ["OrderId", "PricebookEntryId", "Quantity", "UnitPrice"],
    };
    return (required[sobject] ?? []).find(
      (name) => fields[name] === undefined || fields[name] === null || fields[name] === "",
    );
  }

  private integrityProblem(sobject: string, fields: Record<string, unknown>): RecordResult | undefined {
    if (sobject === "OrderItem") {
      const order = this.table("Order").get(String(fields.OrderId));
      const entry = this.table("PricebookEntry").get(String(fields.PricebookEntryId));
      if (!order || !entry)
        return this.recordError(sobject, "INVALID_CROSS_REFERENCE_KEY", "invalid cross reference id");
      if (!order.Pricebook2Id || order.Pricebook2Id !== entry.Pricebook2Id || entry.IsActive !== true) {
        return this.recordError(
          sobject,
          "FIELD_INTEGRITY_EXCEPTION",
          "PricebookEntry is inactive or not in the order's price book",
          ["PricebookEntryId"],
        );
      }
    }
    if (sobject === "PricebookEntry") {
      const duplicate = this.rows("PricebookEntry").some(
        (entry) => entry.Product2Id === fields.Product2Id && entry.Pricebook2Id === fields.Pricebook2Id,
      );
      if (duplicate) return this.recordError(sobject, "DUPLICATE_VALUE", "This price definition already exists");
    }
    return undefined;
  }

  private isPersonRecord(fields: Record<string, unknown>): boolean {
    return this.personAccounts && fields.RecordTypeId !== undefined && fields.RecordTypeId === this.personRecordTypeId;
  }

  private createPersonContact(accountId: string): void {
    const account = this.table("Account").get(accountId);
    if (!account) return;
    const contactId = this.insert("Contact", { AccountId: accountId, IsPersonAccount: true });
    account.PersonContactId = contactId;
    account.IsPersonAccount = true;
    this.syncPersonContact(account);
  }

  private syncPersonContact(account: StoredRecord): void {
    const contact = this.table("Contact").get(String(account.PersonContactId));
    if (!contact) return;
    contact.Email = account.PersonEmail ?? null;
    contact.LastName = account.LastName ?? null;
    contact.FirstName = account.FirstName ?? null;
  }

  private insert(sobject: string, fields: Record<string, unknown>): string {
    this.idCounter += 1;
    const id = `${PREFIX[sobject] ?? "a00"}${String(this.idCounter).padStart(12, "0")}AAA`;
    this.table(sobject).set(id, { ...fields, Id: id });
    return id;
  }

  private rows(sobject: string): StoredRecord[] {
    return [...this.table(sobject).values()];
  }

  private table(sobject: string): Map<string, StoredRecord> {
    let table = this.tables.get(sobject);
    if (!table) {
      table = new Map();
      this.tables.set(sobject, table);
    }
    return table;
  }
}

// ---------------------------------------------------------------- helpers

/** A lone piece: one plain Collections call; its whole-call failure propagates (stops later pieces). */
function runPieceAsPlainCall(
  piece: { writeIndex: number; indexes: number[] },
  results: { outcomes: (RecordResult | undefined)[]; stopped?: SyncError }[],
  runPiece: (piece: { writeIndex: number; indexes: number[] }) => RecordResult[],
): void {
  const outcomes = runPiece(piece);
  const result = results[piece.writeIndex];
  if (!result) return;
  piece.indexes.forEach((index, at) => {
    result.outcomes[index] = outcomes[at];
  });
}

function isReference(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function getField(record: Record<string, unknown>, field: string): unknown {
  const lower = field.toLowerCase();
  for (const [name, value] of Object.entries(record)) if (name.toLowerCase() === lower) return value;
  return undefined;
}

function equalsValue(actual: unknown, expected: unknown): boolean {
  if (typeof actual === "string" && typeof expected === "string")
    return actual.toLowerCase() === expected.toLowerCase();
  return (actual ?? null) === (expected ?? null);
}

// ---------------------------------------------------------------- a small SOQL subset

type Literal = string | number | boolean | null;
interface Condition {
  field: string;
  op: "=" | "!=" | "IN";
  values: Literal[];
}
interface ParsedQuery {
  fields: string[];
  from: string;
  conditions: Condition[];
  limit?: number;
}

function matchesCondition(record: Record<string, unknown>, condition: Condition): boolean {
  const actual = getField(record, condition.field);
  const hit = condition.values.some((value) => equalsValue(actual, value));
  return condition.op === "!=" ? !hit : hit;
}

/** SELECT f, … FROM T [WHERE c AND c …] [LIMIT n]; c := F (=|!=) literal | F IN (literal, …). */
export function parseSoql(soql: string): ParsedQuery {
  const tokens = tokenize(soql);
  let index = 0;
  const next = () => tokens[index++] ?? "";
  const peek = () => tokens[index] ?? "";
  const expect = (word: string) => {
    const token = next();
    if (token.toUpperCase() !== word) throw new Error(`MALFORMED_QUERY: expected ${word}, got ${token} in ${soql}`);
  };
  expect("SELECT");
  const fields: string[] = [];
  do {
    fields.push(next());
  } while (peek() === "," && next() === ",");
  expect("FROM");
  const from = next();
  const conditions: Condition[] = [];
  let limit: number | undefined;
  if (peek().toUpperCase() === "WHERE") {
    next();
    do {
      const field = next();
      const op = next().toUpperCase();
      if (op === "IN") {
        if (next() !== "(") throw new Error(`MALFORMED_QUERY: ${soql}`);
        const values: Literal[] = [];
        while (peek() !== ")") {
          values.push(literal(next()));
          if (peek() === ",") next();
        }
        next();
        conditions.push({ field, op: "IN", values });
      } else if (op === "=" || op === "!=") {
        conditions.push({ field, op, values: [literal(next())] });
      } else {
        throw new Error(`MALFORMED_QUERY: unsupported operator ${op} in ${soql}`);
      }
    } while (peek().toUpperCase() === "AND" && next());
  }
  if (peek().toUpperCase() === "LIMIT") {
    next();
    limit = Number(next());
  }
  if (index < tokens.length) throw new Error(`MALFORMED_QUERY: unexpected ${peek()} in ${soql}`);
  return { fields, from, conditions, ...(limit === undefined ? {} : { limit }) };
}

function tokenize(soql: string): string[] {
  const tokens: string[] = [];
  const pattern = /\s*('(?:\\.|[^'\\])*'|!=|[(),=]|[^\s(),=!']+)/gy;
  let match = pattern.exec(soql);
  while (match) {
    tokens.push(match[1] as string);
    match = pattern.exec(soql);
  }
  return tokens;
}

function literal(token: string): Literal {
  if (token.startsWith("'")) return token.slice(1, -1).replace(/\\(.)/g, "$1");
  const upper = token.toUpperCase();
  if (upper === "NULL") return null;
  if (upper === "TRUE") return true;
  if (upper === "FALSE") return false;
  return Number.isNaN(Number(token)) ? token : Number(token);
}
