import { writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { loadLocalConfig } from "../../shared/config/load-local-config";
import type { LoadedConfig } from "../../shared/config/loaded-config";
import { isSyncError } from "../../shared/errors/sync-error";
import { type AwsEmulators, startAwsEmulators } from "../../sim/aws/start-aws-emulators";
import { type LocalSystems, startLocalSystems } from "../local/local-systems";
import { LOG_FILE_NAME, runLocalCycle } from "../local/run-local-cycle";
import type { RunReport } from "../local/run-report";
import { stateScopeFor } from "../local/state-scope";
import { formatRunSummary } from "../output/print-run-summary";
import { createProgressDisplay } from "../output/progress-display";

export interface RunCommandOptions {
  watch?: boolean;
  report?: string;
  sandbox?: boolean;
  dataDir: string;
  settings?: string;
}

/** Exit code for errors before or outside a cycle (bad configuration, a data dir in use, …). */
const FATAL = 1;

/**
 * `jortt-sf run` (= `npm start`): one full cycle (or one per schedule tick with --watch) on this
 * machine, with the Lambda handlers, the AWS emulators in-process and state under the data dir.
 * Returns the exit code.
 */
export async function runCommand(options: RunCommandOptions): Promise<number> {
  const out = process.stdout;
  const err = process.stderr;
  const dataDir = resolve(options.dataDir);

  let config: LoadedConfig;
  try {
    config = loadLocalConfig(options.settings ? { settingsFile: options.settings } : {});
  } catch (error) {
    return printFatal(error);
  }

  let emulators: AwsEmulators | undefined;
  let systems: LocalSystems | undefined;
  const stopping = watchForInterrupt();
  try {
    emulators = await startAwsEmulators({ dynamoDbPath: join(dataDir, "dynamodb") }).catch((error: unknown) => {
      throw explainEmulatorFailure(error, dataDir);
    });
    systems = await startLocalSystems(config, { forceSandbox: options.sandbox === true });
    announce(systems, options.sandbox === true);

    let exitCode = 0;
    for (;;) {
      const progress = createProgressDisplay(err);
      let report: RunReport;
      try {
        report = await runLocalCycle({
          endpoints: emulators.endpoints,
          jortt: systems.jortt,
          salesforce: systems.salesforce,
          settings: config.settings,
          dataDir,
          resourcePrefix: stateScopeFor(systems),
          sandbox: systems.sandbox,
          progress,
        });
      } finally {
        progress.stop();
      }
      if (options.report) writeFileSync(resolve(options.report), `${JSON.stringify(report, null, 2)}\n`);
      const paths = {
        logFile: join(dataDir, LOG_FILE_NAME),
        ...(options.report ? { reportFile: resolve(options.report) } : {}),
      };
      out.write(formatRunSummary(report, paths, { color: out.isTTY === true }));
      exitCode = report.exitCode;
      if (!options.watch || stopping.requested) break;
      const minutes = config.settings.schedule.rateMinutes;
      err.write(`Next run in ${minutes} min (settings.schedule.rateMinutes); Ctrl-C to stop.\n`);
      if (!(await stopping.sleep(minutes * 60_000))) break;
    }
    return exitCode;
  } catch (error) {
    return printFatal(error);
  } finally {
    stopping.dispose();
    await systems?.close();
    await emulators?.stop();
  }
}

function announce(systems: LocalSystems, forced: boolean): void {
  const why = forced ? "--sandbox was given" : "no credentials are configured";
  const lines: string[] = [];
  if (systems.sandbox.jortt) {
    lines.push(
      `Jortt: using the built-in SANDBOX with demo data (${why}; set JORTT_CLIENT_ID/JORTT_CLIENT_SECRET to use Jortt).`,
    );
  } else {
    lines.push(`Jortt: ${systems.jortt.JORTT_API_URL}`);
  }
  if (systems.sandbox.salesforce) {
    lines.push(
      `Salesforce: using the built-in SANDBOX org (${why}; set the SALESFORCE_* credentials to use your org).`,
    );
  } else {
    lines.push(
      `Salesforce: ${systems.salesforce.SALESFORCE_INSTANCE_URL ?? systems.salesforce.SALESFORCE_LOGIN_URL ?? "configured org"}`,
    );
  }
  process.stderr.write(`${lines.join("\n")}\n`);
}

function printFatal(error: unknown): number {
  if (isSyncError(error)) {
    process.stderr.write(`Error: ${error.message} [${error.code}]\n`);
    if (error.hint) process.stderr.write(`Next step: ${error.hint}\n`);
  } else {
    process.stderr.write(`Error: ${error instanceof Error ? error.message : String(error)}\n`);
  }
  return FATAL;
}

function explainEmulatorFailure(error: unknown, dataDir: string): Error {
  const message = error instanceof Error ? error.message : String(error);
  if (/lock/i.test(message)) {
    return new Error(`The data directory ${dataDir} is in use by another jortt-sf run (${message}).`);
  }
  return new Error(`The local AWS emulators could not start: ${message}`);
}

/** Ctrl-C ends --watch after the current cycle (a second Ctrl-C exits at once). */
function watchForInterrupt(): { requested: boolean; sleep(ms: number): Promise<boolean>; dispose(): void } {
  let wake: (() => void) | undefined;
  const state = {
    requested: false,
    sleep(ms: number): Promise<boolean> {
      return new Promise((resolveSleep) => {
        const timer = setTimeout(() => resolveSleep(true), ms);
        wake = () => {
          clearTimeout(timer);
          resolveSleep(false);
        };
      });
    },
    dispose() {
      process.off("SIGINT", onInterrupt);
    },
  };
  const onInterrupt = () => {
    if (state.requested) process.exit(130);
    state.requested = true;
    process.stderr.write("\nStopping after the current run (Ctrl-C again to exit now)…\n");
    wake?.();
  };
  process.on("SIGINT", onInterrupt);
  return state;
}
