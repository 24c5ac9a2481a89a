import { Connection } from "jsforce";
import type { SalesforceSandbox } from "../../../sim/salesforce";

export const API_VERSION = "62.0";

/** A jsforce connection authorized with client credentials (no refreshFn: a 401 fails as jsforce does). */
export async function connectWithClientCredentials(sandbox: SalesforceSandbox): Promise<Connection> {
  const conn = new Connection({
    version: API_VERSION,
    oauth2: { loginUrl: sandbox.loginUrl, clientId: sandbox.clientId, clientSecret: sandbox.clientSecret },
  });
  await conn.authorize({ grant_type: "client_credentials" });
  return conn;
}

/** What jsforce throws for HTTP ≥ 400: an HttpApiError with `errorCode` (not exported by jsforce). */
export async function caught(
  promise: PromiseLike<unknown>,
): Promise<{ name: string; errorCode?: string; message: string; data?: unknown }> {
  try {
    await promise;
  } catch (error) {
    return error as { name: string; errorCode?: string; message: string; data?: unknown };
  }
  throw new Error("expected the call to fail");
}
