/**
 * `jortt-sf replay`: puts dead-lettered records back on the sync queue after their cause was fixed.
 *
 * SKELETON — to be completed. The intended flow, with the pieces that exist:
 * 1. resource names from the function environment (`pipelineResourceNamesFromEnv`) or, locally,
 *    the emulators + `stateScopeFor` like `run`;
 * 2. `readDeadLetters({ queueUrl: DEAD_LETTER_QUEUE_URL, max })` (shared/adapters/aws/sqs-dead-letter-reader.ts)
 *    gives each letter's body and reason (RecordKey, ErrorCode, ErrorMessage, Hint);
 * 3. filter by `--key`/`--code`; with `--dry-run` only list them;
 * 4. re-send each body to the sync queue (SqsSyncQueue accepts SyncMessages: parse the body with
 *    SyncMessageSchema first), record a `replayed` activity entry, then `deleteDeadLetters`.
 *    fauxqs/SQS have no StartMessageMoveTask locally, so the move is receive → send → delete.
 */
export interface ReplayCommandOptions {
  key?: string[];
  code?: string[];
  dryRun?: boolean;
  dataDir: string;
}

export async function replayCommand(_options: ReplayCommandOptions): Promise<number> {
  process.stderr.write("jortt-sf replay is not implemented yet.\n");
  return 1;
}
