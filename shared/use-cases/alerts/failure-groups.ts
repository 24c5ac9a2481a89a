/** One record that did not sync, as the sync result, the run report and the DLQ describe it. */
export interface RecordFailure {
  key: string;
  outcome: "dead-lettered" | "quarantined";
  code: string;
  /** Readable and free of personal data (field names, lengths, codes; never values). */
  reason: string;
  hint?: string | undefined;
}

/** Records that failed the same way: one line of an alert instead of one alert each. */
export interface FailureGroup {
  code: string;
  outcome: RecordFailure["outcome"];
  count: number;
  /** The first few record keys, so a person can look one up. */
  sampleKeys: string[];
  /** The first record's reason (records of one code usually share it). */
  reason: string;
  hint?: string;
}

export const SAMPLE_KEYS_PER_GROUP = 3;

/**
 * Groups failures by outcome and error code, largest group first (ties by code, so the text is
 * stable). A key that failed twice (e.g. two deliveries) counts once.
 */
export function groupFailures(failures: readonly RecordFailure[]): FailureGroup[] {
  const groups = new Map<string, FailureGroup & { keys: Set<string> }>();
  for (const failure of failures) {
    const id = `${failure.outcome}\u0000${failure.code}`;
    let group = groups.get(id);
    if (!group) {
      group = {
        code: failure.code,
        outcome: failure.outcome,
        count: 0,
        sampleKeys: [],
        reason: failure.reason,
        ...(failure.hint ? { hint: failure.hint } : {}),
        keys: new Set(),
      };
      groups.set(id, group);
    }
    if (group.keys.has(failure.key)) continue;
    group.keys.add(failure.key);
    group.count += 1;
    if (group.sampleKeys.length < SAMPLE_KEYS_PER_GROUP) group.sampleKeys.push(failure.key);
    if (!group.hint && failure.hint) group.hint = failure.hint;
  }
  return [...groups.values()]
    .map(({ keys: _keys, ...group }) => group)
    .sort((a, b) => b.count - a.count || a.code.localeCompare(b.code));
}
