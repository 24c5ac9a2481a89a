import { assertCompositeLimits, type CompositeSubrequest } from "../../../shared/adapters/salesforce/composite-request";

const sub = (i: number, url = `/sobjects/Account/Ext__c/K${i}`): CompositeSubrequest => ({
  method: "PATCH",
  url,
  referenceId: `ref${i}`,
  body: { Name: "x" },
});

describe("assertCompositeLimits", () => {
  it("allows 25 subrequests and refuses 26 before anything is sent", () => {
    expect(() => assertCompositeLimits(Array.from({ length: 25 }, (_, i) => sub(i)))).not.toThrow();
    expect(() => assertCompositeLimits(Array.from({ length: 26 }, (_, i) => sub(i)))).toThrow(
      expect.objectContaining({ code: "SUBREQUEST_LIMIT", errorClass: "configuration" }),
    );
  });

  it("allows at most 5 collections or query subrequests", () => {
    const heavy = Array.from({ length: 6 }, (_, i) =>
      sub(i, i % 2 ? "/query?q=SELECT+Id+FROM+Account" : "/composite/sobjects"),
    );
    expect(() => assertCompositeLimits(heavy)).toThrow(expect.objectContaining({ code: "SUBREQUEST_LIMIT" }));
    expect(() => assertCompositeLimits(heavy.slice(0, 5))).not.toThrow();
  });

  it("refuses empty, duplicate or malformed reference ids", () => {
    expect(() => assertCompositeLimits([])).toThrow();
    expect(() => assertCompositeLimits([sub(1), sub(1)])).toThrow(/duplicate referenceId/);
    expect(() => assertCompositeLimits([{ ...sub(1), referenceId: "a-b" }])).toThrow(/invalid referenceId/);
  });
});
