import { spawn } from "node:child_process";
import { join } from "node:path";

export interface CliResult {
  exitCode: number | null;
  stdout: string;
  stderr: string;
}

const REPO = join(__dirname, "..", "..", "..");

/**
 * Runs the real `jortt-sf` CLI (cli/bin.cjs) in a child process, as an operator would: it starts
 * its own in-process AWS emulators (state persisted under --data-dir). The Jest workers' emulator
 * variables are removed so the CLI uses its own.
 */
export function runCli(args: readonly string[], env: Record<string, string>, timeoutMs = 60_000): Promise<CliResult> {
  const childEnv: Record<string, string> = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (
      value !== undefined &&
      !name.startsWith("AWS_") &&
      !name.startsWith("JORTT_") &&
      !name.startsWith("SALESFORCE_")
    ) {
      childEnv[name] = value;
    }
  }
  Object.assign(childEnv, { ENV_FILE: "/dev/null", AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" }, env);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(REPO, "cli", "bin.cjs"), ...args], { cwd: REPO, env: childEnv });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString("utf8");
    });
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString("utf8");
    });
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`jortt-sf ${args.join(" ")} timed out after ${timeoutMs} ms\n${stderr}`));
    }, timeoutMs);
    child.on("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on("close", (exitCode) => {
      clearTimeout(timer);
      resolve({ exitCode, stdout, stderr });
    });
  });
}
