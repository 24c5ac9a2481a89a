import { z } from "zod";

/**
 * IPC between the benchmark (parent: sandboxes, counters, end-state check) and a side process
 * (child: the product pipeline or the naive baseline). The child announces each measured phase
 * and waits for the parent's ack, so the parent's counters bracket exactly that phase; the child
 * measures its own wall time and peak RSS, so the sandboxes' memory is never counted against it.
 */
export const PeakRssReadingSchema = z.object({
  startBytes: z.number(),
  sampledPeakBytes: z.number(),
  processMaxRssBytes: z.number(),
  samples: z.number(),
  windowMs: z.number(),
});

export const ChildMessageSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("phase-start"), phase: z.string() }),
  z.object({
    type: z.literal("phase-end"),
    phase: z.string(),
    wallMs: z.number(),
    rss: PeakRssReadingSchema,
    detail: z.unknown(),
  }),
  z.object({ type: z.literal("done") }),
  z.object({ type: z.literal("failed"), message: z.string() }),
]);
export type ChildMessage = z.infer<typeof ChildMessageSchema>;
export type PhaseEndMessage = Extract<ChildMessage, { type: "phase-end" }>;

export const ParentMessageSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("job"), job: z.unknown() }),
  z.object({ type: z.literal("ack") }),
]);
export type ParentMessage = z.infer<typeof ParentMessageSchema>;
