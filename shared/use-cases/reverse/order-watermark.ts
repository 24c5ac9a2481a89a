import { z } from "zod";
import { parseSalesforceDateTime } from "../../domain/reverse/order-modstamp";

/** State cursor of the Order poll. */
export const ORDER_WATERMARK_CURSOR = "reverse.orders.watermark";

/** Orders remembered as "already enqueued" inside the overlap window (bounds the cursor item's size). */
export const MAX_REMEMBERED_ORDERS = 2000;

const CursorSchema = z.object({
  v: z.literal(1),
  /** Highest SystemModstamp seen (epoch ms). */
  watermarkMs: z.number().int(),
  /** Orders enqueued whose SystemModstamp is inside the overlap window: id → SystemModstamp. */
  recent: z.record(z.string(), z.string()),
});

export interface OrderWatermark {
  watermarkMs: number | undefined;
  recent: ReadonlyMap<string, string>;
}

export const NO_WATERMARK: OrderWatermark = { watermarkMs: undefined, recent: new Map() };

/**
 * The stored cursor; a missing or unreadable one means "from the start" (the state hashes still
 * keep an already handled Order from being sent again).
 */
export function readOrderWatermark(raw: string | undefined): OrderWatermark {
  if (raw === undefined) return NO_WATERMARK;
  try {
    const parsed = CursorSchema.safeParse(JSON.parse(raw));
    if (!parsed.success) return NO_WATERMARK;
    return { watermarkMs: parsed.data.watermarkMs, recent: new Map(Object.entries(parsed.data.recent)) };
  } catch {
    return NO_WATERMARK;
  }
}

/** The lower bound of the next poll: the watermark minus the overlap (undefined: no bound). */
export function pollSince(watermark: OrderWatermark, overlapMinutes: number): number | undefined {
  return watermark.watermarkMs === undefined ? undefined : watermark.watermarkMs - overlapMinutes * 60_000;
}

/**
 * The cursor after a poll: the highest SystemModstamp seen, and the Orders (seen now or
 * remembered) whose SystemModstamp falls inside the next poll's overlap window, newest first, at
 * most `maxRemembered` (beyond that a duplicate message is possible, and harmless: the push is
 * exactly-once on its own). Undefined while no Order was ever seen (nothing to store).
 */
export function advanceOrderWatermark(
  previous: OrderWatermark,
  seen: readonly { Id: string; SystemModstamp: string }[],
  overlapMinutes: number,
  maxRemembered = MAX_REMEMBERED_ORDERS,
): string | undefined {
  let watermarkMs = previous.watermarkMs;
  const stamps = new Map<string, { stamp: string; ms: number }>();
  for (const [id, stamp] of previous.recent) {
    const ms = parseSalesforceDateTime(stamp);
    if (ms !== undefined) stamps.set(id, { stamp, ms });
  }
  for (const row of seen) {
    const ms = parseSalesforceDateTime(row.SystemModstamp);
    if (ms === undefined) continue;
    stamps.set(row.Id, { stamp: row.SystemModstamp, ms });
    if (watermarkMs === undefined || ms > watermarkMs) watermarkMs = ms;
  }
  if (watermarkMs === undefined) return undefined;
  const since = watermarkMs - overlapMinutes * 60_000;
  const recent = [...stamps]
    .filter(([, entry]) => entry.ms >= since)
    .sort(([, a], [, b]) => b.ms - a.ms)
    .slice(0, maxRemembered)
    .map(([id, entry]) => [id, entry.stamp] as const);
  return JSON.stringify({ v: 1, watermarkMs, recent: Object.fromEntries(recent) });
}
