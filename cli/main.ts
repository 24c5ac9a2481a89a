import { Command, Option } from "commander";
import { type ReplayCommandOptions, replayCommand } from "./commands/replay-command";
import { runCommand } from "./commands/run-command";

// The SDK's Node-version notice would interleave with the progress bar.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";

/** The `jortt-sf` command line (`npm start` = `jortt-sf run`). */
export function buildProgram(): Command {
  const program = new Command("jortt-sf").description("Keeps Salesforce in step with Jortt.").showHelpAfterError();

  program
    .command("run")
    .description(
      "Run the sync pipeline on this machine (AWS emulators in-process; sandboxes when no credentials are set).",
    )
    .addOption(new Option("--once", "run one cycle and exit (default)").conflicts("watch"))
    .addOption(new Option("--watch", "run a cycle every settings.schedule.rateMinutes until Ctrl-C"))
    .option("--report <file>", "write the run report (JSON) to this file")
    .option("--sandbox", "use the built-in Jortt and Salesforce sandboxes even when credentials are set")
    .option("--data-dir <dir>", "where state and logs are kept", ".data")
    .option("--settings <file>", "settings JSON file (default: SETTINGS_FILE, else the defaults)")
    .action(
      async (options: { watch?: boolean; report?: string; sandbox?: boolean; dataDir: string; settings?: string }) => {
        process.exitCode = await runCommand(options);
      },
    );

  program
    .command("replay")
    .description(
      "Put dead-lettered records back on the sync queue once their cause is fixed (local data dir by default; --aws for the deployed stack).",
    )
    .option("--key <key...>", "only these record keys, e.g. invoice:<id> (or a bare Jortt id)")
    .option("--code <code...>", "only records dead-lettered with these error codes")
    .option("--dry-run", "list what would be replayed")
    .option("--data-dir <dir>", "local data directory", ".data")
    .option("--settings <file>", "settings JSON file (local; default: SETTINGS_FILE, else the defaults)")
    .option("--sandbox", "local: use the built-in sandboxes even when credentials are set")
    .option("--aws", "replay on the deployed stack (AWS credentials from the usual chain)")
    .option(
      "--stack-outputs <file>",
      "the stack outputs JSON (aws cloudformation describe-stacks … --query 'Stacks[0].Outputs')",
    )
    .option("--dead-letter-queue-url <url>", "deployed DLQ URL (default: stack output, else DEAD_LETTER_QUEUE_URL)")
    .option("--sync-queue-url <url>", "deployed sync queue URL (default: stack output, else SYNC_QUEUE_URL)")
    .option("--state-table <name>", "deployed state table (default: stack output, else STATE_TABLE_NAME)")
    .option("--max <n>", "read at most this many dead letters (default 10000)")
    .action(async (options: ReplayCommandOptions) => {
      process.exitCode = await replayCommand(options);
    });

  return program;
}

if (require.main === module) {
  buildProgram()
    .parseAsync(process.argv)
    .catch((error: unknown) => {
      process.stderr.write(`Error: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 1;
    });
}
