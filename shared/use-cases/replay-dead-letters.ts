import type { SyncMessage } from "../domain/sync-message";
import type { ActivityEntry, RunRecord, StateStore } from "../ports/state-store";
import type { SyncQueue } from "../ports/sync-queue";
import { asSyncError } from "./as-sync-error";
import type { DeadLetterSource, StoredDeadLetter } from "./replay/dead-letter-source";
import {
  checkAgainstState,
  REPLAY_ACTIONS,
  type ReplayAction,
  type ReplayDecision,
  type ReplayFilter,
  selectLetters,
} from "./replay/plan-replay";
import type { UseCaseRuntime } from "./use-case-deps";

export type { DeadLetterSource, StoredDeadLetter } from "./replay/dead-letter-source";
export type { ReplayAction, ReplayFilter } from "./replay/plan-replay";

export interface ReplayDeadLettersDeps extends UseCaseRuntime {
  deadLetters: DeadLetterSource;
  queue: SyncQueue;
  state: Pick<StateStore, "getRecordStates" | "appendActivity" | "putRun">;
}

export interface ReplayInput {
  runId: string;
  filter: ReplayFilter;
  /** List what would happen; move nothing. */
  dryRun: boolean;
  /** Letters read at most (default 10 000). */
  max?: number;
}

export interface ReplayEntry {
  key: string;
  /** The error code the letter carries. */
  code: string;
  action: ReplayAction;
  /** The letter's reason (ErrorMessage) and, for anything but a replay, why it was not replayed. */
  reason: string;
  note?: string;
  hint?: string;
}

export interface ReplaySummary {
  runId: string;
  dryRun: boolean;
  /** Letters read from the DLQ. */
  found: number;
  counts: Record<ReplayAction, number>;
  /** One per letter, replayed first. */
  entries: ReplayEntry[];
}

const DEFAULT_MAX_LETTERS = 10_000;
/** Letters that leave the DLQ: replayed, or no longer needed. */
const MOVED_OR_OBSOLETE: readonly ReplayAction[] = ["replay", "duplicate", "already-synced", "superseded"];

/**
 * Moves dead letters back to the sync queue once their cause is fixed (`jortt-sf replay`):
 * take → select (filter; newest letter per record key) → one state BatchGet (a record synced since
 * is not replayed) → send to the sync queue → delete from the DLQ → activity log + run record.
 *
 * Safe to run twice: a replayed letter is deleted, so a second replay finds nothing; if the delete
 * is lost (a crash after the send), the second replay sends the message again, which the sync skips
 * as unchanged or upserts again by external id (idempotent): no duplicate in Salesforce. Letters
 * taken but not moved are released at once. Messages keep their body (record data and hash) and get
 * this replay's run id, so the sync's logs name the replay.
 */
export async function replayDeadLetters(deps: ReplayDeadLettersDeps, input: ReplayInput): Promise<ReplaySummary> {
  const started = deps.now();
  const letters = await deps.deadLetters.take(input.max ?? DEFAULT_MAX_LETTERS);
  const decisions = selectLetters(letters, input.filter);
  let sent = false;
  try {
    const candidates = decisions.filter((decision) => decision.action === "replay");
    if (candidates.length > 0) {
      checkAgainstState(decisions, await deps.state.getRecordStates([...new Set(candidates.map((d) => d.key))]));
    }
    if (input.dryRun) {
      await deps.deadLetters.release(letters);
      return summarize(input, letters.length, decisions);
    }
    const keep = lettersWith(decisions, ["not-selected", "unreplayable"]);
    if (keep.length > 0) await deps.deadLetters.release(keep);
    const toSend = decisions.filter((decision) => decision.action === "replay");
    if (toSend.length > 0) {
      await deps.queue.enqueue(customersFirst(toSend).map((decision) => withRunId(decision, input.runId)));
    }
    // Sent: from here on a failure must not make them visible again (they would be sent twice).
    sent = true;
    const done = lettersWith(decisions, MOVED_OR_OBSOLETE);
    if (done.length > 0) await deps.deadLetters.delete(done);
  } catch (error) {
    if (!sent) await deps.deadLetters.release(lettersWith(decisions, MOVED_OR_OBSOLETE)).catch(() => undefined);
    throw error;
  }
  const summary = summarize(input, letters.length, decisions);
  await record(deps, input, summary, started);
  return summary;
}

function lettersWith(decisions: readonly ReplayDecision[], actions: readonly ReplayAction[]): StoredDeadLetter[] {
  return decisions.filter((decision) => actions.includes(decision.action)).map((decision) => decision.letter);
}

/** Customers before invoices: an invoice's batch then finds its Account written already. */
function customersFirst(decisions: readonly ReplayDecision[]): ReplayDecision[] {
  const rank = (decision: ReplayDecision) => (decision.message?.kind === "customer" ? 0 : 1);
  return [...decisions].sort((a, b) => rank(a) - rank(b));
}

function withRunId(decision: ReplayDecision, runId: string): SyncMessage {
  if (!decision.message) throw new Error(`internal: ${decision.key} has no parsed message`);
  return { ...decision.message, runId };
}

function summarize(input: ReplayInput, found: number, decisions: readonly ReplayDecision[]): ReplaySummary {
  const counts = Object.fromEntries(REPLAY_ACTIONS.map((action) => [action, 0])) as Record<ReplayAction, number>;
  for (const decision of decisions) counts[decision.action] += 1;
  const order = (action: ReplayAction) => REPLAY_ACTIONS.indexOf(action);
  const entries = [...decisions]
    .sort((a, b) => order(a.action) - order(b.action) || a.key.localeCompare(b.key))
    .map(
      (decision): ReplayEntry => ({
        key: decision.key,
        code: decision.letter.reason.code,
        action: decision.action,
        reason: decision.letter.reason.message,
        ...(decision.note ? { note: decision.note } : {}),
        ...(decision.letter.reason.hint ? { hint: decision.letter.reason.hint } : {}),
      }),
    );
  return { runId: input.runId, dryRun: input.dryRun, found, counts, entries };
}

/** The activity log (ids and codes only) and the run record; losing them must not undo the move. */
async function record(
  deps: ReplayDeadLettersDeps,
  input: ReplayInput,
  summary: ReplaySummary,
  started: Date,
): Promise<void> {
  const at = deps.now().toISOString();
  const activity: ActivityEntry[] = summary.entries
    .filter((entry) => entry.action !== "not-selected" && entry.action !== "unreplayable")
    .map((entry) => ({
      runId: input.runId,
      key: entry.key,
      event: entry.action === "replay" ? "replayed" : `replay-dropped:${entry.action}`,
      code: entry.code,
      at,
    }));
  const finished = deps.now();
  const run: RunRecord = {
    runId: input.runId,
    kind: "replay",
    startedAt: started.toISOString(),
    finishedAt: finished.toISOString(),
    durationMs: finished.getTime() - started.getTime(),
    status: "succeeded",
    counts: { found: summary.found, ...summary.counts },
  };
  try {
    if (activity.length > 0) await deps.state.appendActivity(activity);
    await deps.state.putRun(run);
  } catch (error) {
    deps.logger.error("replay could not be recorded in the state table", {
      runId: input.runId,
      error: asSyncError(error).toJSON(),
    });
  }
  deps.logger.info("replay done", { runId: input.runId, found: summary.found, counts: summary.counts });
}
