import { JorttClient, type JorttClientOptions } from "../../../shared/adapters/jortt/jortt-client";
import type { JorttSandbox } from "../../../sim/jortt";

/** A client wired to a sandbox, fast by default (tests override the limiter/backoff knobs). */
export function clientFor(sandbox: JorttSandbox, overrides: Partial<JorttClientOptions> = {}): JorttClient {
  return new JorttClient({
    clientId: sandbox.clientId,
    clientSecret: sandbox.clientSecret,
    baseUrl: sandbox.url,
    tokenUrl: sandbox.tokenUrl,
    maxRequestsPerSecond: 1_000,
    backoffBaseMs: 5,
    backoffMaxMs: 20,
    timeoutMs: 10_000,
    ...overrides,
  });
}

/** Runs `fn` expecting it to throw; returns the error. */
export async function caught(fn: () => Promise<unknown>): Promise<unknown> {
  try {
    await fn();
  } catch (error) {
    return error;
  }
  throw new Error("expected the call to fail");
}
