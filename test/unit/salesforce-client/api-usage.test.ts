import { ApiUsageTracker } from "../../../shared/adapters/salesforce/api-usage";
import { redactMessage } from "../../../shared/adapters/salesforce/redact-message";

describe("ApiUsageTracker", () => {
  it("keeps the latest usage seen and ignores empty or broken values", () => {
    const tracker = new ApiUsageTracker();
    expect(tracker.latest()).toBeUndefined();
    tracker.record({ used: 10, limit: 15_000 });
    tracker.record(undefined);
    tracker.record({ used: Number.NaN, limit: 1 });
    expect(tracker.latest()).toEqual({ used: 10, limit: 15_000 });
  });

  it("refuses calls past the budget share with a rate-limit error", () => {
    const tracker = new ApiUsageTracker({ budgetShare: 0.5 });
    tracker.record({ used: 7_499, limit: 15_000 });
    expect(() => tracker.assertWithinBudget(0)).not.toThrow();
    tracker.record({ used: 7_500, limit: 15_000 });
    expect(() => tracker.assertWithinBudget(0)).toThrow(
      expect.objectContaining({ code: "API_BUDGET_REACHED", errorClass: "rate-limit" }),
    );
  });

  it("refuses calls past maxCalls", () => {
    const tracker = new ApiUsageTracker({ maxCalls: 3 });
    expect(() => tracker.assertWithinBudget(2)).not.toThrow();
    expect(() => tracker.assertWithinBudget(3)).toThrow(expect.objectContaining({ code: "API_BUDGET_REACHED" }));
  });

  it("rejects a nonsensical share", () => {
    expect(() => new ApiUsageTracker({ budgetShare: 0 })).toThrow(RangeError);
    expect(() => new ApiUsageTracker({ budgetShare: 1.5 })).toThrow(RangeError);
  });
});

describe("redactMessage", () => {
  it("removes e-mail addresses and SOQL literals, keeps the rest", () => {
    expect(redactMessage("invalid email address: jan.de.vries+x@example.co.uk")).toBe("invalid email address: <email>");
    expect(redactMessage("SELECT Id FROM Contact WHERE LastName = 'O\\'Brien' AND Email IN ('a@b.nl')")).toBe(
      "SELECT Id FROM Contact WHERE LastName = '…' AND Email IN ('…')",
    );
    expect(redactMessage("Required fields are missing: [Name]")).toBe("Required fields are missing: [Name]");
  });
});
