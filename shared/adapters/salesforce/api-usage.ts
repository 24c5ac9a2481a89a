import { salesforceError } from "./classify-salesforce-error";

/** Org-wide rolling 24 h API usage, from `Sforce-Limit-Info: api-usage=N/M` (jsforce: `conn.limitInfo`). */
export interface ApiUsage {
  used: number;
  limit: number;
}

export interface ApiBudget {
  /** Stop once used/limit reaches this share (0–1). */
  budgetShare?: number;
  /** Stop once this client has made this many calls. */
  maxCalls?: number;
}

/** Keeps the latest usage seen (jsforce resets `limitInfo` on re-authorization) and enforces a budget. */
export class ApiUsageTracker {
  private readonly budget: ApiBudget;
  private last: ApiUsage | undefined;

  constructor(budget: ApiBudget = {}) {
    if (budget.budgetShare !== undefined && !(budget.budgetShare > 0 && budget.budgetShare <= 1)) {
      throw new RangeError("apiBudgetShare must be in (0, 1]");
    }
    this.budget = budget;
  }

  record(usage: { used: number; limit: number } | undefined): void {
    if (usage && Number.isFinite(usage.used) && Number.isFinite(usage.limit) && usage.limit > 0) {
      this.last = { used: usage.used, limit: usage.limit };
    }
  }

  latest(): ApiUsage | undefined {
    return this.last ? { ...this.last } : undefined;
  }

  /** Throws API_BUDGET_REACHED (rate-limit: stop the run, resume next schedule) when the budget is used. */
  assertWithinBudget(callsSoFar: number): void {
    const { budgetShare, maxCalls } = this.budget;
    if (maxCalls !== undefined && callsSoFar >= maxCalls) {
      throw salesforceError(
        "API_BUDGET_REACHED",
        { scope: "call" },
        { detail: `this client made ${callsSoFar} calls (max ${maxCalls})` },
      );
    }
    if (budgetShare !== undefined && this.last && this.last.used >= this.last.limit * budgetShare) {
      const percent = Math.round(budgetShare * 100);
      throw salesforceError(
        "API_BUDGET_REACHED",
        { scope: "call" },
        { detail: `org API usage ${this.last.used}/${this.last.limit} reached the ${percent}% budget share` },
      );
    }
  }
}
