import { prepareWriteBatch } from "../../../shared/adapters/salesforce/prepare-write-batch";
import { assembleWriteResult } from "../../../shared/adapters/salesforce/write-result";

describe("assembleWriteResult", () => {
  it("gives every input its outcome in input order: rejected, merged duplicates, sent", () => {
    const records = [{ K: "a" }, { K: "" }, { K: "b" }, { K: "A" }];
    const prepared = prepareWriteBatch(records, {
      object: "Account",
      keyField: "K",
      shape: (r) => ({ ok: true, body: { ...r } }),
    });
    // entries: a (kept index 3), b
    const result = assembleWriteResult(records.length, prepared, {
      outcomes: [
        { ok: true, id: "001A", created: true, attempts: 1 },
        { ok: true, id: "001B", created: false, attempts: 1 },
      ],
    });
    expect(result.outcomes).toEqual([
      { index: 0, key: "A", ok: true, id: "001A", created: true, attempts: 1, supersededBy: 3 },
      expect.objectContaining({ index: 1, key: "", ok: false, attempts: 0 }),
      { index: 2, key: "b", ok: true, id: "001B", created: false, attempts: 1 },
      { index: 3, key: "A", ok: true, id: "001A", created: true, attempts: 1 },
    ]);
    expect(result.duplicates).toEqual([{ key: "A", indexes: [0, 3], keptIndex: 3 }]);
  });
});
