import type { ChildProcess } from "node:child_process";

/** Jest globalTeardown: stops the emulator process started by aws-emulators-global-setup.ts. */
export default async function stopAwsEmulatorsForJest(): Promise<void> {
  const child = (globalThis as { __awsEmulatorsProcess?: ChildProcess }).__awsEmulatorsProcess;
  if (!child || child.exitCode !== null) return;
  await new Promise<void>((resolve) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      resolve();
    }, 5_000);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill("SIGTERM");
  });
}
