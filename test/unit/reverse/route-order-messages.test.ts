import { mergeBatchResults, partitionOrderMessages } from "../../../shared/use-cases/reverse/route-order-messages";
import type { SyncBatchResult } from "../../../shared/use-cases/sync/sync-batch-result";

const message = (messageId: string, body: unknown) => ({
  messageId,
  body: typeof body === "string" ? body : JSON.stringify(body),
  receiveCount: 1,
});

function part(results: SyncBatchResult["results"], extra: Partial<SyncBatchResult> = {}): SyncBatchResult {
  return {
    results,
    counts: { synced: 0, skipped: 0, quarantined: 0, "dead-lettered": 0, retry: 0 },
    salesforceApiCalls: 2,
    warnings: [],
    ...extra,
  };
}

describe("routing order messages in the sync handler", () => {
  it("sends kind 'order' to the push and everything else (unreadable bodies included) to syncRecords", () => {
    const batch = [
      message("a", { kind: "order", orderId: "801" }),
      message("b", { kind: "invoice" }),
      message("c", "{not json"),
      message("d", { kind: "order" }),
    ];
    const { orders, others } = partitionOrderMessages(batch);
    expect(orders.map((entry) => entry.messageId)).toEqual(["a", "d"]);
    expect(others.map((entry) => entry.messageId)).toEqual(["b", "c"]);
  });

  it("merges the two results in batch order; an unanswered message is retried; calls summed; the first stop kept", () => {
    const batch = [message("a", {}), message("b", {}), message("c", {})];
    const merged = mergeBatchResults(batch, [
      part([{ messageId: "b", outcome: "synced" }], { apiUsage: { used: 1, limit: 10 } }),
      part([{ messageId: "a", outcome: "dead-lettered", code: "x" }], {
        apiUsage: { used: 5, limit: 10 },
        stop: { reason: "rate-limit", code: "request.throttled", message: "m" },
        warnings: [{ key: "order:a", code: "w", message: "m" }],
      }),
    ]);
    expect(merged.results.map((result) => `${result.messageId}:${result.outcome}`)).toEqual([
      "a:dead-lettered",
      "b:synced",
      "c:retry",
    ]);
    expect(merged.counts).toEqual({ synced: 1, skipped: 0, quarantined: 0, "dead-lettered": 1, retry: 1 });
    expect(merged).toMatchObject({ salesforceApiCalls: 4, apiUsage: { used: 5 }, stop: { code: "request.throttled" } });
    expect(merged.warnings).toHaveLength(1);
  });
});
