import { type SyncMessage, SyncMessageSchema } from "../../domain/sync-message";
import type { RecordState } from "../../ports/state-store";
import type { StoredDeadLetter } from "./dead-letter-source";

/** Which letters to replay: by record key and/or error code (both given: a letter must match both). */
export interface ReplayFilter {
  /** `invoice:<id>`, `customer:<id>`, or a bare Jortt id (any kind). */
  keys?: readonly string[];
  /** Error codes as in the DLQ attribute ErrorCode (case-insensitive). */
  codes?: readonly string[];
}

/**
 * - replay: sent back to the sync queue, then deleted from the DLQ
 * - duplicate: an older letter of a key that has a newer one in this replay: deleted
 * - already-synced: state says synced with the same content: deleted, nothing to do
 * - superseded: the record was synced again after it was dead-lettered (a newer change): deleted,
 *   so replay never overwrites newer data with the old body
 * - not-selected: outside the filter: left in the DLQ
 * - unreplayable: the body is not a sync message (garbage, old format, a reverse-flow order): left in
 *   the DLQ with the reason; it needs a re-fetch or manual removal
 */
export type ReplayAction = "replay" | "duplicate" | "already-synced" | "superseded" | "not-selected" | "unreplayable";

export const REPLAY_ACTIONS: readonly ReplayAction[] = [
  "replay",
  "duplicate",
  "already-synced",
  "superseded",
  "not-selected",
  "unreplayable",
];

export interface ReplayDecision {
  letter: StoredDeadLetter;
  key: string;
  action: ReplayAction;
  /** Why this action (for the operator); free of personal data. */
  note: string;
  /** The parsed message, for letters whose body is a sync message. */
  message?: SyncMessage;
}

/** Step 1 (no I/O): filter, parse, and keep the newest letter per record key. */
export function selectLetters(letters: readonly StoredDeadLetter[], filter: ReplayFilter): ReplayDecision[] {
  const decisions: ReplayDecision[] = [];
  const newestByKey = new Map<string, ReplayDecision>();
  for (const letter of letters) {
    const key = letter.reason.key;
    if (!matchesFilter(letter, filter)) {
      decisions.push({ letter, key, action: "not-selected", note: "outside the --key/--code filter; left in the DLQ" });
      continue;
    }
    const parsed = parseSyncMessage(letter.body);
    if (!parsed.ok) {
      decisions.push({ letter, key, action: "unreplayable", note: parsed.note });
      continue;
    }
    const decision: ReplayDecision = {
      letter,
      key: parsed.message.key,
      action: "replay",
      note: "",
      message: parsed.message,
    };
    const previous = newestByKey.get(decision.key);
    if (previous && !isNewer(letter, previous.letter)) {
      decisions.push({ ...decision, action: "duplicate", note: "an older letter of a record replayed by a newer one" });
      continue;
    }
    if (previous) {
      previous.action = "duplicate";
      previous.note = "an older letter of a record replayed by a newer one";
    }
    newestByKey.set(decision.key, decision);
    decisions.push(decision);
  }
  return decisions;
}

/**
 * Step 2: compare the letters still to replay with the stored state of their records (one BatchGet
 * by the caller). A record synced since it was dead-lettered is not replayed.
 */
export function checkAgainstState(
  decisions: readonly ReplayDecision[],
  states: ReadonlyMap<string, RecordState>,
): void {
  for (const decision of decisions) {
    if (decision.action !== "replay" || !decision.message) continue;
    const state = states.get(decision.key);
    if (state?.outcome !== "synced") continue;
    if (state.hash === decision.message.hash) {
      decision.action = "already-synced";
      decision.note = "already synced with this content (a replay ran before, or a later run synced it)";
    } else if (decision.letter.deadLetteredAt && state.updatedAt > decision.letter.deadLetteredAt) {
      decision.action = "superseded";
      decision.note = "synced again with newer content after it was dead-lettered; the old body is not replayed";
    }
  }
}

function matchesFilter(letter: StoredDeadLetter, filter: ReplayFilter): boolean {
  const keys = filter.keys ?? [];
  const codes = filter.codes ?? [];
  const key = letter.reason.key;
  const id = key.slice(key.indexOf(":") + 1);
  if (keys.length > 0 && !keys.some((wanted) => wanted === key || (!wanted.includes(":") && wanted === id))) {
    return false;
  }
  const code = letter.reason.code.toLowerCase();
  return codes.length === 0 || codes.some((wanted) => wanted.toLowerCase() === code);
}

function parseSyncMessage(body: string): { ok: true; message: SyncMessage } | { ok: false; note: string } {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return { ok: false, note: "the body is not JSON; it cannot be synced (delete it from the DLQ)" };
  }
  const parsed = SyncMessageSchema.safeParse(json);
  if (!parsed.success) {
    return {
      ok: false,
      note: "the body is not a sync message (old format or truncated); the next fetch re-reads the record if it changes",
    };
  }
  if (parsed.data.kind === "order") {
    return {
      ok: false,
      note: "an order (Salesforce → Jortt) message; the next reverse-flow poll selects the Order again",
    };
  }
  return { ok: true, message: parsed.data };
}

function isNewer(candidate: StoredDeadLetter, current: StoredDeadLetter): boolean {
  if (candidate.deadLetteredAt && current.deadLetteredAt) return candidate.deadLetteredAt >= current.deadLetteredAt;
  return true;
}
