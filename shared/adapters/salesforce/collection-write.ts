import type { SyncError } from "../../errors/sync-error";
import { logger } from "../../observability/logger";
import { chunkList, MAX_COLLECTION_SIZE } from "./chunk-list";
import { classifyRecordErrors, policyFor } from "./classify-salesforce-error";
import { backoffDelayMs, type RetryPolicy, sleep } from "./retry-policy";
import { parseSaveResults, type SaveResult } from "./save-results";

/** One record to write; `key` names it in outcomes and errors (external id value or record Id). */
export interface WriteItem<P> {
  key: string;
  payload: P;
}

export type ItemOutcome =
  | { ok: true; id: string; created: boolean; attempts: number }
  | { ok: false; error: SyncError; attempts: number };

export interface CollectionWriteSpec<P> {
  object?: string;
  /** Sends one chunk (one attempt) and returns the raw body. */
  sendChunk: (payloads: P[]) => Promise<unknown>;
  /**
   * Whether a whole call that failed may be re-sent. True for upsert/update/delete; a create is
   * re-sent only when the error proves nothing was processed (see NOT_PROCESSED_CODES).
   */
  idempotent: boolean;
  chunkSize?: number;
  /** Turns a per-record failure into a success when it means "already done" (delete of a deleted row). */
  acceptFailure?: (result: SaveResult) => boolean;
}

export interface CollectionWriteResult {
  /** Aligned with the items. */
  outcomes: ItemOutcome[];
  /** The whole-call error that stopped the write (rate limit, configuration, or transient retries used up). */
  stopped?: SyncError;
}

/** Whole-call failures where the server cannot have processed the request. */
const NOT_PROCESSED_CODES = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "SERVER_UNAVAILABLE", "ERROR_HTTP_503"]);

/**
 * Writes items in Collections chunks (≤200), sequentially, and retries what is worth retrying:
 * a whole call that failed transiently (503, network, timeout) is re-sent; of a call that
 * succeeded, only the records that failed with a retryable code (UNABLE_TO_LOCK_ROW, collateral
 * rollback; DUPLICATE_VALUE once) are re-sent. Backoff is exponential with jitter and bounded by the
 * retry policy. After a non-retryable whole-call failure no further chunk is sent: the remaining
 * items carry that error (attempts 0) and `stopped` is set.
 */
export async function writeCollection<P>(
  items: readonly WriteItem<P>[],
  spec: CollectionWriteSpec<P>,
  policy: RetryPolicy,
): Promise<CollectionWriteResult> {
  const outcomes: (ItemOutcome | undefined)[] = new Array(items.length).fill(undefined);
  const indexes = items.map((_, index) => index);
  for (const chunk of chunkList(indexes, Math.min(spec.chunkSize ?? MAX_COLLECTION_SIZE, MAX_COLLECTION_SIZE))) {
    const stopped = await writeChunk(items, chunk, spec, policy, outcomes);
    if (stopped) {
      for (const [index, outcome] of outcomes.entries()) {
        if (!outcome) outcomes[index] = { ok: false, error: stopped, attempts: 0 };
      }
      return { outcomes: outcomes as ItemOutcome[], stopped };
    }
  }
  return { outcomes: outcomes as ItemOutcome[] };
}

async function writeChunk<P>(
  items: readonly WriteItem<P>[],
  chunk: number[],
  spec: CollectionWriteSpec<P>,
  policy: RetryPolicy,
  outcomes: (ItemOutcome | undefined)[],
): Promise<SyncError | undefined> {
  const attempts = new Map<number, number>();
  const retriedOnce = new Set<number>();
  let pending = chunk;
  for (let round = 1; pending.length > 0; round++) {
    for (const index of pending) attempts.set(index, (attempts.get(index) ?? 0) + 1);
    let results: SaveResult[];
    try {
      const body = await spec.sendChunk(pending.map((index) => (items[index] as WriteItem<P>).payload));
      results = parseSaveResults(body, pending.length, spec.object);
    } catch (error) {
      const syncError = error as SyncError;
      if (round < policy.maxAttempts && wholeCallRetryable(syncError, spec.idempotent)) {
        logger.warn("Salesforce write retried", {
          object: spec.object,
          code: syncError.code,
          records: pending.length,
          round,
        });
        await sleep(backoffDelayMs(round, policy));
        continue;
      }
      for (const index of pending)
        outcomes[index] = { ok: false, error: syncError, attempts: attempts.get(index) ?? 1 };
      return syncError;
    }
    const retry: number[] = [];
    for (const [position, index] of pending.entries()) {
      const result = results[position] as SaveResult;
      const key = (items[index] as WriteItem<P>).key;
      const attempt = attempts.get(index) ?? 1;
      if (result.success || spec.acceptFailure?.(result)) {
        outcomes[index] = { ok: true, id: result.id ?? key, created: result.created ?? false, attempts: attempt };
        continue;
      }
      const error = classifyRecordErrors(result.errors ?? [], {
        scope: "record",
        recordKey: key,
        ...(spec.object ? { object: spec.object } : {}),
      });
      const rule = policyFor(error.code, "record").retry;
      const again =
        (rule === "backoff" && attempt < policy.maxAttempts) || (rule === "once" && !retriedOnce.has(index));
      if (again) {
        if (rule === "once") retriedOnce.add(index);
        retry.push(index);
      } else {
        outcomes[index] = { ok: false, error, attempts: attempt };
      }
    }
    pending = retry;
    if (pending.length > 0) {
      logger.info("Salesforce records re-sent", { object: spec.object, records: pending.length, round });
      await sleep(backoffDelayMs(round, policy));
    }
  }
  return undefined;
}

function wholeCallRetryable(error: SyncError, idempotent: boolean): boolean {
  if (error.errorClass !== "transient" || policyFor(error.code, "call").retry === "never") return false;
  return idempotent || NOT_PROCESSED_CODES.has(error.code);
}
