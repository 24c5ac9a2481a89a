import { buildId, keyPrefixOf, normalizeId } from "../../../sim/salesforce/store/salesforce-ids";

describe("Salesforce ids", () => {
  it("builds 18-character ids with the key prefix and the case checksum", () => {
    const id = buildId("001", 123456);
    expect(id).toHaveLength(18);
    expect(keyPrefixOf(id)).toBe("001");
    expect(normalizeId(id)).toBe(id);
  });

  it("computes the checksum of a known id", () => {
    // Salesforce's documented algorithm: 001A0000006Vm9r → 001A0000006Vm9rIAC
    expect(normalizeId("001A0000006Vm9r")).toBe("001A0000006Vm9rIAC");
  });

  it("treats the 18-character form case-insensitively and rejects non-ids", () => {
    expect(normalizeId("001a0000006vm9riac")).toBe("001A0000006Vm9rIAC");
    expect(normalizeId("not an id")).toBeUndefined();
    expect(normalizeId("001A0000006Vm9rI")).toBeUndefined();
  });
});
