import { createHash, randomBytes } from "node:crypto";
import type { LocalSystems } from "./local-systems";

/**
 * The resource prefix (state table, queues) for a pair of target systems. State says "this record
 * is synced to *that* org": runs against the sandboxes and against a real org must never share it,
 * or switching to real credentials would skip every record. Ids only, no secrets, go into the hash.
 */
export function stateScopeFor(systems: Pick<LocalSystems, "jortt" | "salesforce" | "sandbox">): string {
  const jortt = systems.sandbox.jortt ? "sandbox" : `${systems.jortt.JORTT_API_URL}|${systems.jortt.JORTT_CLIENT_ID}`;
  const salesforce = systems.sandbox.salesforce
    ? "sandbox"
    : [
        systems.salesforce.SALESFORCE_LOGIN_URL,
        systems.salesforce.SALESFORCE_INSTANCE_URL,
        systems.salesforce.SALESFORCE_CLIENT_ID,
        systems.salesforce.SALESFORCE_USERNAME,
      ].join("|");
  // The demo data is seeded, so sandbox state stays true across runs even though the sandbox org
  // lives in memory. Real Jortt data changes between runs, and state about an org that died with
  // the last process would be false: that combination gets state for this process only.
  if (jortt === "sandbox" && salesforce === "sandbox") return "jortt-sf-sandbox";
  if (salesforce === "sandbox") return `jortt-sf-ephemeral-${randomBytes(4).toString("hex")}`;
  return `jortt-sf-${createHash("sha256").update(`${jortt}\n${salesforce}`).digest("hex").slice(0, 12)}`;
}
