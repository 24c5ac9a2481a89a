/** Side process: runs the naive baseline over the sample as one measured phase. */
import { z } from "zod";
import { runNaiveBaseline } from "./naive-baseline";
import { runSideChild } from "./side-child";

export const BaselineJobSchema = z.object({
  jortt: z.object({ apiUrl: z.string(), tokenUrl: z.string(), clientId: z.string(), clientSecret: z.string() }),
  salesforce: z.object({
    loginUrl: z.string(),
    clientId: z.string(),
    clientSecret: z.string(),
    apiVersion: z.string(),
  }),
  limit: z.number().int().positive(),
});
export type BaselineJob = z.infer<typeof BaselineJobSchema>;

export const BASELINE_PHASE = "baseline-sample";

if (require.main === module) {
  runSideChild(async (rawJob, phase) => {
    const job = BaselineJobSchema.parse(rawJob);
    await phase(
      BASELINE_PHASE,
      () => runNaiveBaseline(job),
      (result) => result,
    );
  });
}
