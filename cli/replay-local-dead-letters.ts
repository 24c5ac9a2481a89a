import { chmodSync, existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import type { DeadLetter } from "../shared/adapters/aws/sqs-dead-letter-reader";
import type { DeadLetterSource, StoredDeadLetter } from "../shared/use-cases/replay/dead-letter-source";

/**
 * The local DLQ's durable copy. The SQS emulator lives in memory and dies with the process, so at
 * the end of each local cycle the dead letters are kept here (next to the state's DynamoDB files),
 * and `jortt-sf replay` takes them from here. Like the SQS DLQ it holds the original message
 * bodies, i.e. record data (never logs or state): owner-only permissions, kept 14 days (SQS's
 * maximum retention), gone once replayed.
 */
export const LOCAL_DEAD_LETTER_FILE = "dead-letter-queue.json";
const RETENTION_MS = 14 * 24 * 3600 * 1000;

const LetterSchema = z.object({
  id: z.string().min(1),
  body: z.string(),
  reason: z.object({
    key: z.string(),
    code: z.string(),
    message: z.string(),
    hint: z.string().optional(),
  }),
  deadLetteredAt: z.string().optional(),
});
const FileSchema = z.object({ version: z.literal(1), letters: z.array(LetterSchema) });

/** Adds the letters read from the emulated DLQ (by message id, so a letter is kept once). */
export function saveLocalDeadLetters(dataDir: string, letters: readonly DeadLetter[], now = new Date()): void {
  if (letters.length === 0) return;
  const stored = readLetters(dataDir, now);
  const known = new Set(stored.map((letter) => letter.id));
  for (const letter of letters) {
    if (known.has(letter.messageId)) continue;
    known.add(letter.messageId);
    stored.push({
      id: letter.messageId,
      body: letter.body,
      reason: letter.reason,
      deadLetteredAt: letter.sentAt ?? now.toISOString(),
    });
  }
  writeLetters(dataDir, stored);
}

/** The DeadLetterSource of the local runtime (one process at a time holds the data dir). */
export class LocalDeadLetterFile implements DeadLetterSource {
  constructor(
    private readonly dataDir: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async take(max: number): Promise<StoredDeadLetter[]> {
    return readLetters(this.dataDir, this.now()).slice(0, max);
  }

  async delete(letters: readonly StoredDeadLetter[]): Promise<void> {
    const ids = new Set(letters.map((letter) => letter.id));
    writeLetters(
      this.dataDir,
      readLetters(this.dataDir, this.now()).filter((letter) => !ids.has(letter.id)),
    );
  }

  /** Nothing to do: a file has no visibility timeout. */
  async release(_letters: readonly StoredDeadLetter[]): Promise<void> {}

  /** How many letters wait (for the CLI's messages). */
  count(): number {
    return readLetters(this.dataDir, this.now()).length;
  }
}

function readLetters(dataDir: string, now: Date): StoredDeadLetter[] {
  const path = join(dataDir, LOCAL_DEAD_LETTER_FILE);
  if (!existsSync(path)) return [];
  const parsed = FileSchema.safeParse(JSON.parse(readFileSync(path, "utf8")));
  if (!parsed.success) {
    throw new Error(`${path} is not a dead-letter file this version understands; move it aside and re-run.`);
  }
  const oldest = now.getTime() - RETENTION_MS;
  return parsed.data.letters
    .filter((letter) => !letter.deadLetteredAt || Date.parse(letter.deadLetteredAt) >= oldest)
    .map(({ id, body, reason, deadLetteredAt }) => ({
      id,
      body,
      reason: {
        key: reason.key,
        code: reason.code,
        message: reason.message,
        ...(reason.hint ? { hint: reason.hint } : {}),
      },
      ...(deadLetteredAt ? { deadLetteredAt } : {}),
    }));
}

/** Write-then-rename, so a crash leaves the old or the new file, never half of one. */
function writeLetters(dataDir: string, letters: readonly StoredDeadLetter[]): void {
  const path = join(dataDir, LOCAL_DEAD_LETTER_FILE);
  const temporary = `${path}.tmp`;
  writeFileSync(temporary, `${JSON.stringify({ version: 1, letters }, null, 1)}\n`, { mode: 0o600 });
  chmodSync(temporary, 0o600);
  renameSync(temporary, path);
}
