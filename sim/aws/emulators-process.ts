import { startAwsEmulators } from "./start-aws-emulators";

/**
 * Runs the AWS emulators in their own process and prints one JSON line `{"endpoints":{…}}` on
 * stdout once they listen. Jest's globalSetup spawns this (`node --import tsx …`), because fauxqs is
 * ESM-only and cannot load inside Jest's CommonJS runtime. Exits on SIGTERM/SIGINT or when stdin
 * closes, so a crashed parent never leaves it running.
 */
async function main(): Promise<void> {
  const emulators = await startAwsEmulators({ region: process.env.AWS_REGION });
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await emulators.stop();
    process.exit(0);
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
  process.stdin.on("end", stop);
  process.stdin.on("close", stop);
  process.stdin.resume();
  process.stdout.write(`${JSON.stringify({ endpoints: emulators.endpoints })}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`AWS emulators failed to start: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
