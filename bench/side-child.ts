import { performance } from "node:perf_hooks";
import { startPeakRssSampler } from "./peak-rss-sampler";
import { type ChildMessage, type ParentMessage, ParentMessageSchema } from "./side-protocol";

/** Runs one measured phase: counters are bracketed by the parent, time and RSS by this process. */
export type PhaseRunner = <T>(phase: string, run: () => Promise<T>, detail?: (result: T) => unknown) => Promise<T>;

function send(message: ChildMessage): Promise<void> {
  return new Promise((resolve, reject) => {
    if (!process.send) return reject(new Error("not started by the benchmark (no IPC channel)"));
    process.send(message, undefined, undefined, (error: Error | null) => (error ? reject(error) : resolve()));
  });
}

/** Resolves with the next message from the parent (the job, or an ack). */
function nextParentMessage(): Promise<ParentMessage> {
  return new Promise((resolve) => {
    process.once("message", (raw: unknown) => resolve(ParentMessageSchema.parse(raw)));
  });
}

async function sendAndWaitForAck(message: ChildMessage): Promise<void> {
  const ack = nextParentMessage();
  await send(message);
  const reply = await ack;
  if (reply.type !== "ack") throw new Error(`expected ack, got ${reply.type}`);
}

const runPhase: PhaseRunner = async (phase, run, detail) => {
  await sendAndWaitForAck({ type: "phase-start", phase });
  const sampler = startPeakRssSampler();
  const started = performance.now();
  const result = await run();
  const wallMs = performance.now() - started;
  const rss = sampler.stop();
  await sendAndWaitForAck({ type: "phase-end", phase, wallMs, rss, detail: detail ? detail(result) : undefined });
  return result;
};

/**
 * Entry point of a side process: waits for its job, runs `main` with the phase runner, reports
 * done or failed, and closes the channel so the process can exit.
 */
export function runSideChild(main: (job: unknown, phase: PhaseRunner) => Promise<void>): void {
  const work = async () => {
    const first = await nextParentMessage();
    if (first.type !== "job") throw new Error(`expected a job, got ${first.type}`);
    await main(first.job, runPhase);
    await send({ type: "done" });
  };
  work()
    .catch(async (error: unknown) => {
      const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
      await send({ type: "failed", message }).catch(() => undefined);
      process.exitCode = 1;
    })
    .finally(() => process.disconnect?.());
}
