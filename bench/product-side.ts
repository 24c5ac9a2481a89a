/**
 * Side process: the product's pipeline through the local runtime (the same handlers and use cases
 * as Lambda), a first sync and then a re-run with nothing changed, each one measured phase.
 */
import { z } from "zod";
import { runSideChild } from "./side-child";

export const ProductJobSchema = z.object({
  /** Credentials in the configuration contract's names (ARCHITECTURE.md). */
  jortt: z.record(z.string(), z.string()),
  salesforce: z.record(z.string(), z.string()),
  aws: z.object({ region: z.string(), sqs: z.string(), sns: z.string(), dynamodb: z.string() }),
  dataDir: z.string(),
});
export type ProductJob = z.infer<typeof ProductJobSchema>;

export const FIRST_SYNC_PHASE = "first-sync";
export const STEADY_STATE_PHASE = "steady-state";

if (require.main === module) {
  runSideChild(async (rawJob) => {
    ProductJobSchema.parse(rawJob);
    // Wired to cli/'s runLocalCycle once the local runtime exists.
    throw new Error("the local runtime (runLocalCycle in cli/) is not available yet");
  });
}
