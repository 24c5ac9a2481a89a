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
function childEnvironment(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of ["HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy"]) delete env[name];
  return env;
}

/**
 * Runs `bench/<entry>` in a fresh Node process (TypeScript through tsx), hands it the job, and
 * brackets each phase it announces with the hooks. Resolves when the child reported done and exited.
 */
export function runSideProcess(entry: string, job: unknown, hooks: SideHooks): Promise<void> {
  const child = fork(path.join(__dirname, entry), [], {
    cwd: projectRoot,
    execArgv: ["--import", "tsx"],
    env: childEnvironment(),
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const reply = (message: ParentMessage) => child.send(message);

  return new Promise<void>((resolve, reject) => {
    let outcome: { error?: Error } | undefined;
    let killTimer: NodeJS.Timeout | undefined;
    // Settles only once the child has exited, so no side process outlives the benchmark.
    const finish = (error?: Error) => {
      if (outcome) return;
      outcome = error ? { error } : {};
      if (child.exitCode !== null || child.signalCode !== null) return settle();
      if (error) child.kill("SIGTERM");
      else killTimer = setTimeout(() => child.kill("SIGTERM"), EXIT_GRACE_MS);
    };
    const settle = () => {
      if (killTimer) clearTimeout(killTimer);
      if (outcome?.error) reject(outcome.error);
      else resolve();
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
      finish(new Error(`${entry} exited (${signal ?? code}) before it reported done`));
      settle();
    });
    child.once("error", (error) => {
      finish(error);
      // A process that never started sends no exit event.
      if (child.pid === undefined) settle();
    });
    reply({ type: "job", job });
  });
}
