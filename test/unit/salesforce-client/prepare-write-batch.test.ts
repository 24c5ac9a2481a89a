import { prepareWriteBatch, type ShapedRecord } from "../../../shared/adapters/salesforce/prepare-write-batch";

const shape = (record: Readonly<Record<string, unknown>>): ShapedRecord => ({ ok: true, body: { ...record } });

describe("prepareWriteBatch", () => {
  it("rejects records without a usable key individually and keeps the rest", () => {
    const records = [
      { Ext__c: "A", Name: "a" },
      { Ext__c: "", Name: "empty" },
      { Name: "missing" },
      { Ext__c: null, Name: "null" },
      { Ext__c: "   ", Name: "blank" },
      { Ext__c: { nested: true }, Name: "object" },
      { Ext__c: 0, Name: "zero is a key" },
    ];
    const batch = prepareWriteBatch(records, { object: "Account", keyField: "Ext__c", shape });
    expect(batch.rejected.map((r) => r.index)).toEqual([1, 2, 3, 4, 5]);
    for (const rejected of batch.rejected) {
      expect(rejected.error).toMatchObject({ code: "UPSERT_KEY_MISSING", errorClass: "data", source: "salesforce" });
    }
    expect(batch.entries.map((e) => e.key)).toEqual(["A", "0"]);
  });

  it("merges records sharing a key (last wins, case-insensitive by default) and reports them", () => {
    const records = [
      { Ext__c: "k1", Name: "first" },
      { Ext__c: "k2", Name: "other" },
      { Ext__c: "K1", Name: "second" },
      { Ext__c: " k1 ", Name: "third" },
    ];
    const batch = prepareWriteBatch(records, { object: "Account", keyField: "Ext__c", shape });
    expect(batch.entries).toHaveLength(2);
    const merged = batch.entries[0];
    expect(merged).toMatchObject({ key: "k1", keptIndex: 3, inputIndexes: [0, 2, 3] });
    expect(merged?.body.Name).toBe("third");
    expect(batch.duplicates).toEqual([{ key: "k1", indexes: [0, 2, 3], keptIndex: 3 }]);
  });

  it("keeps keys differing in case apart when the field is case-sensitive", () => {
    const batch = prepareWriteBatch([{ Id: "a" }, { Id: "A" }], {
      object: "Account",
      keyField: "Id",
      caseSensitiveKeys: true,
      shape,
    });
    expect(batch.entries).toHaveLength(2);
    expect(batch.duplicates).toEqual([]);
  });

  it("a shape rejection applies to every input merged into that record", () => {
    const batch = prepareWriteBatch([{ K: "x" }, { K: "x" }], {
      object: "Account",
      keyField: "K",
      shape: () => ({ ok: false, code: "UPSERT_RECORD_HAS_ID", detail: "has Id" }),
    });
    expect(batch.entries).toEqual([]);
    expect(batch.rejected.map((r) => [r.index, r.error.code])).toEqual([
      [0, "UPSERT_RECORD_HAS_ID"],
      [1, "UPSERT_RECORD_HAS_ID"],
    ]);
  });

  it("an empty Id is RECORD_ID_MISSING", () => {
    const batch = prepareWriteBatch([{ Name: "x" }], { object: "Account", keyField: "Id", shape });
    expect(batch.rejected[0]?.error.code).toBe("RECORD_ID_MISSING");
  });
});
