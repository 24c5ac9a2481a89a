import { type ChildProcess, spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { awsEmulatorEnvironment } from "../../sim/aws/emulator-environment";
import type { AwsEndpoints } from "../../sim/aws/start-aws-emulators";

/**
 * Jest globalSetup: starts fauxqs + dynalite in a child process (fauxqs is ESM-only, Jest's CommonJS
 * runtime cannot load it) and exports the standard `AWS_ENDPOINT_URL_*` variables, which the test
 * workers inherit. Test files create uniquely named queues/tables, so they share the emulators.
 */
export default async function startAwsEmulatorsForJest(): Promise<void> {
  const child = spawn(process.execPath, ["--import", "tsx", "sim/aws/emulators-process.ts"], {
    cwd: `${__dirname}/../..`,
    stdio: ["pipe", "pipe", "inherit"],
    env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" },
  });
  const endpoints = await readEndpoints(child);
  Object.assign(process.env, awsEmulatorEnvironment(endpoints));
  (globalThis as { __awsEmulatorsProcess?: ChildProcess }).__awsEmulatorsProcess = child;
}

function readEndpoints(child: ChildProcess): Promise<AwsEndpoints> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error("AWS emulators did not start within 20 s"));
    }, 20_000);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`AWS emulators process exited early with code ${code}`));
    });
    const lines = createInterface({ input: child.stdout! });
    lines.once("line", (line) => {
      clearTimeout(timer);
      lines.close();
      child.removeAllListeners("exit");
      try {
        resolve((JSON.parse(line) as { endpoints: AwsEndpoints }).endpoints);
      } catch (error) {
        reject(new Error(`Unexpected output from the AWS emulators process: ${line}`, { cause: error }));
      }
    });
  });
}
