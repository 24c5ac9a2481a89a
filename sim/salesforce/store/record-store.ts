/**
 * The in-memory org data: one table per sObject, a recycle bin, indexes on external-id/unique fields,
 * and an undo journal so allOrNone requests and composite calls can roll back.
 */
export type FieldValue = string | number | boolean | null;
export type SObjectRecord = Record<string, FieldValue>;

type UndoEntry = { objectName: string; id: string; previous: SObjectRecord | undefined };

export interface Savepoint {
  readonly journalLength: number;
}

function indexKey(value: FieldValue): string | undefined {
  if (value === null || value === undefined || value === "") return undefined;
  return String(value).toLowerCase();
}

export class RecordStore {
  private readonly tables = new Map<string, Map<string, SObjectRecord>>();
  private readonly recycleBin = new Map<string, Map<string, SObjectRecord>>();
  /** objectName → field → lower-cased value → ids */
  private readonly indexes = new Map<string, Map<string, Map<string, Set<string>>>>();
  private journal: UndoEntry[] | undefined;
  private openTransactions = 0;
  private sequence = 0;
  private readonly autoNumbers = new Map<string, number>();

  constructor(indexedFields: Map<string, string[]>) {
    for (const [objectName, fields] of indexedFields) {
      this.indexes.set(objectName, new Map(fields.map((name) => [name, new Map<string, Set<string>>()])));
    }
  }

  nextSequence(): number {
    this.sequence += 1;
    return this.sequence;
  }

  /** Next value of an auto-number field (OrderNumber, OrderItemNumber); restarts on clear. */
  nextAutoNumber(key: string, start: number): number {
    const next = (this.autoNumbers.get(key) ?? start - 1) + 1;
    this.autoNumbers.set(key, next);
    return next;
  }

  get(objectName: string, id: string): SObjectRecord | undefined {
    return this.tables.get(objectName)?.get(id);
  }

  getDeleted(objectName: string, id: string): SObjectRecord | undefined {
    return this.recycleBin.get(objectName)?.get(id);
  }

  all(objectName: string): SObjectRecord[] {
    return [...(this.tables.get(objectName)?.values() ?? [])];
  }

  allIncludingDeleted(objectName: string): SObjectRecord[] {
    return [...this.all(objectName), ...(this.recycleBin.get(objectName)?.values() ?? [])];
  }

  count(objectName: string): number {
    return this.tables.get(objectName)?.size ?? 0;
  }

  /** Ids of live records whose field equals value (case-insensitive, as Salesforce text matching is). */
  findIds(objectName: string, fieldName: string, value: FieldValue): string[] {
    const key = indexKey(value);
    if (key === undefined) return [];
    const index = this.indexes.get(objectName)?.get(fieldName);
    if (index) return [...(index.get(key) ?? [])];
    return this.all(objectName)
      .filter((record) => indexKey(record[fieldName] ?? null) === key)
      .map((record) => String(record.Id));
  }

  /** Live records whose field equals value (indexed fields are looked up, others scanned). */
  findRecords(objectName: string, fieldName: string, value: FieldValue): SObjectRecord[] {
    return this.findIds(objectName, fieldName, value).flatMap((id) => {
      const record = this.get(objectName, id);
      return record ? [record] : [];
    });
  }

  /** Inserts or replaces a live record. */
  put(objectName: string, record: SObjectRecord): void {
    const id = String(record.Id);
    const table = this.tableOf(this.tables, objectName);
    const previous = table.get(id);
    this.remember(objectName, id, previous);
    if (previous) this.unindex(objectName, previous);
    table.set(id, record);
    this.index(objectName, record);
  }

  /** Moves a record to the recycle bin (queryAll still sees it, with IsDeleted = true). */
  delete(objectName: string, id: string): void {
    const table = this.tables.get(objectName);
    const previous = table?.get(id);
    if (!table || !previous) return;
    this.remember(objectName, id, previous);
    this.unindex(objectName, previous);
    table.delete(id);
    this.tableOf(this.recycleBin, objectName).set(id, { ...previous, IsDeleted: true });
  }

  savepoint(): Savepoint {
    if (this.openTransactions === 0) this.journal = [];
    this.openTransactions += 1;
    return { journalLength: this.journal?.length ?? 0 };
  }

  release(_savepoint: Savepoint): void {
    this.openTransactions -= 1;
    if (this.openTransactions === 0) this.journal = undefined;
  }

  rollbackTo(savepoint: Savepoint): void {
    const journal = this.journal;
    if (!journal) return;
    const undo = journal.splice(savepoint.journalLength);
    const saved = this.journal;
    this.journal = undefined;
    for (const entry of undo.reverse()) this.restore(entry);
    this.journal = saved;
  }

  clear(): void {
    this.tables.clear();
    this.recycleBin.clear();
    this.autoNumbers.clear();
    for (const fields of this.indexes.values()) for (const index of fields.values()) index.clear();
    this.journal = this.openTransactions > 0 ? [] : undefined;
  }

  private restore(entry: UndoEntry): void {
    const table = this.tableOf(this.tables, entry.objectName);
    const current = table.get(entry.id);
    if (current) this.unindex(entry.objectName, current);
    this.recycleBin.get(entry.objectName)?.delete(entry.id);
    if (entry.previous) {
      table.set(entry.id, entry.previous);
      this.index(entry.objectName, entry.previous);
    } else {
      table.delete(entry.id);
    }
  }

  private remember(objectName: string, id: string, previous: SObjectRecord | undefined): void {
    this.journal?.push({ objectName, id, previous });
  }

  private index(objectName: string, record: SObjectRecord): void {
    for (const [fieldName, index] of this.indexes.get(objectName) ?? []) {
      const key = indexKey(record[fieldName] ?? null);
      if (key === undefined) continue;
      const ids = index.get(key) ?? new Set<string>();
      ids.add(String(record.Id));
      index.set(key, ids);
    }
  }

  private unindex(objectName: string, record: SObjectRecord): void {
    for (const [fieldName, index] of this.indexes.get(objectName) ?? []) {
      const key = indexKey(record[fieldName] ?? null);
      if (key === undefined) continue;
      const ids = index.get(key);
      ids?.delete(String(record.Id));
      if (ids && ids.size === 0) index.delete(key);
    }
  }

  private tableOf(tables: Map<string, Map<string, SObjectRecord>>, objectName: string): Map<string, SObjectRecord> {
    let table = tables.get(objectName);
    if (!table) {
      table = new Map();
      tables.set(objectName, table);
    }
    return table;
  }
}
