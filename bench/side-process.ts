import { fork } from "node:child_process";
import * as path from "node:path";
import { projectRoot } from "../infra/project-paths";
import { ChildMessageSchema, type ParentMessage, type PhaseEndMessage } from "./side-protocol";

export interface SideHooks {
  /** Called before the child starts a phase (reset counters here). */
  onPhaseStart(phase: string): void | Promise<void>;
  /** Called when the phase ended (read counters here). */
  onPhaseEnd(message: PhaseEndMessage): void | Promise<void>;
}

/** A child must exit on its own after `done`; past this it is stopped (it may hold idle sockets). */
const EXIT_GRACE_MS = 5_000;

/** Proxy variables would send jsforce's 127.0.0.1 traffic elsewhere (reference/salesforce-api.md §1.2). */
function childEnvironment(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...extra };
  for (const name of ["HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy"]) delete env[name];
  return env;
}

/**
 * Runs `bench/<entry>` in a fresh Node process (TypeScript through tsx), hands it the job, and
 * brackets each phase it announces with the hooks. Resolves when the child reported done.
 */
export function runSideProcess(
  entry: string,
  job: unknown,
  hooks: SideHooks,
  env: Record<string, string> = {},
): Promise<void> {
  const child = fork(path.join(__dirname, entry), [], {
    cwd: projectRoot,
    execArgv: ["--import", "tsx"],
    env: childEnvironment(env),
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const reply = (message: ParentMessage) => child.send(message);

  return new Promise<void>((resolve, reject) => {
    let finished = false;
    let killTimer: NodeJS.Timeout | undefined;
    const finish = (error?: Error) => {
      if (finished) return;
      finished = true;
      if (error) {
        if (child.exitCode === null) child.kill("SIGTERM");
        reject(error);
        return;
      }
      killTimer = setTimeout(() => child.kill("SIGTERM"), EXIT_GRACE_MS);
      killTimer.unref();
      resolve();
    };
    child.on("message", (raw: unknown) => {
      const handle = async () => {
        const message = ChildMessageSchema.parse(raw);
        if (message.type === "phase-start") {
          await hooks.onPhaseStart(message.phase);
          reply({ type: "ack" });
        } else if (message.type === "phase-end") {
          await hooks.onPhaseEnd(message);
          reply({ type: "ack" });
        } else if (message.type === "done") {
          finish();
        } else {
          finish(new Error(`${entry} failed:\n${message.message}`));
        }
      };
      handle().catch((error: unknown) => finish(error instanceof Error ? error : new Error(String(error))));
    });
    child.once("exit", (code, signal) => {
      if (killTimer) clearTimeout(killTimer);
      finish(new Error(`${entry} exited (${signal ?? code}) before it reported done`));
    });
    child.once("error", (error) => finish(error));
    reply({ type: "job", job });
  });
}
