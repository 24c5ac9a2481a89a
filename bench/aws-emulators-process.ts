import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { createInterface } from "node:readline";
import { z } from "zod";
import { projectRoot } from "../infra/project-paths";
import type { AwsEndpoints } from "../sim/aws/start-aws-emulators";

/**
 * The SQS/SNS and DynamoDB emulators in their own process (sim/aws/emulators-process.ts), so the
 * product's measured RSS is the pipeline's alone, as in AWS where those are services.
 */
export interface AwsEmulatorsProcess {
  endpoints: AwsEndpoints;
  /** The emulators' own RSS high-water mark so far (Linux /proc VmHWM), or null elsewhere. */
  peakRssBytes(): number | null;
  stop(): Promise<void>;
}

const START_TIMEOUT_MS = 20_000;
const EndpointsLineSchema = z.object({
  endpoints: z.object({ region: z.string(), sqs: z.string(), sns: z.string(), dynamodb: z.string() }),
});

function highWaterMark(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  try {
    const match = /^VmHWM:\s+(\d+)\s+kB$/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return match ? Number(match[1]) * 1024 : null;
  } catch {
    return null;
  }
}

export function startAwsEmulatorsProcess(): Promise<AwsEmulatorsProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", "sim/aws/emulators-process.ts"], {
    cwd: projectRoot,
    stdio: ["pipe", "pipe", "inherit"],
    env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" },
  });
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once("exit", () => resolve());
      // The emulators process exits when its stdin closes.
      child.stdin?.end();
    });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGTERM");
      reject(new Error(`AWS emulators did not start within ${START_TIMEOUT_MS / 1000} s`));
    }, START_TIMEOUT_MS);
    const onEarlyExit = (code: number | null) => {
      clearTimeout(timer);
      reject(new Error(`AWS emulators process exited early (${code})`));
    };
    child.once("exit", onEarlyExit);
    const lines = createInterface({ input: child.stdout! });
    lines.once("line", (line) => {
      clearTimeout(timer);
      child.off("exit", onEarlyExit);
      lines.close();
      // Drain anything else it prints, so a full pipe can never block it.
      child.stdout?.resume();
      try {
        const { endpoints } = EndpointsLineSchema.parse(JSON.parse(line));
        resolve({ endpoints, peakRssBytes: () => highWaterMark(child.pid), stop });
      } catch (error) {
        child.kill("SIGTERM");
        reject(new Error(`unexpected output from the AWS emulators process: ${line}`, { cause: error }));
      }
    });
  });
}
