import Table from "cli-table3";
import type { ReplayAction, ReplaySummary } from "../shared/use-cases/replay-dead-letters";

const MAX_ENTRIES_SHOWN = 50;

const ACTION_TEXT: Record<ReplayAction, string> = {
  replay: "replayed",
  duplicate: "dropped (older copy)",
  "already-synced": "dropped (already synced)",
  superseded: "dropped (newer data synced)",
  "not-selected": "kept (not selected)",
  unreplayable: "kept (cannot replay)",
};

/** The terminal summary of a replay: one row per dead letter, then the counts. */
export function formatReplaySummary(summary: ReplaySummary, options: { color?: boolean } = {}): string {
  if (summary.found === 0) return "The dead-letter queue is empty: nothing to replay.\n";
  const style = options.color ? {} : { style: { head: [], border: [] } };
  const table = new Table({
    head: ["record", "code", summary.dryRun ? "would be" : "action", "reason"],
    wordWrap: true,
    colWidths: [null, null, null, 60],
    ...style,
  });
  for (const entry of summary.entries.slice(0, MAX_ENTRIES_SHOWN)) {
    const action = summary.dryRun && entry.action === "replay" ? "replayed" : ACTION_TEXT[entry.action];
    const reason = [entry.reason, entry.hint ? `Hint: ${entry.hint}` : "", entry.note ? `→ ${entry.note}` : ""]
      .filter(Boolean)
      .join("\n");
    table.push([entry.key, entry.code, action, reason]);
  }
  const lines = [table.toString()];
  if (summary.entries.length > MAX_ENTRIES_SHOWN)
    lines.push(`… and ${summary.entries.length - MAX_ENTRIES_SHOWN} more.`);
  const counts = (Object.entries(summary.counts) as [ReplayAction, number][])
    .filter(([, count]) => count > 0)
    .map(([action, count]) => `${count} ${ACTION_TEXT[action]}`)
    .join(", ");
  lines.push(`${summary.dryRun ? "Dry run, nothing moved: " : ""}${summary.found} dead letter(s): ${counts}.`);
  return `${lines.join("\n")}\n`;
}
