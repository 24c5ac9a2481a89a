import { contentHash } from "../content-hash";

const REVERSE_HASH_VERSION = "reverse-order-1";
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,3})?(?:Z|[+-]\d{2}:?\d{2})$/;

/**
 * A Salesforce DateTime as served ("2026-11-28T10:00:00.000+0000") → epoch ms; undefined when it
 * is not one. The offset is written with a colon first so parsing does not depend on the engine.
 */
export function parseSalesforceDateTime(value: string): number | undefined {
  if (!DATE_TIME.test(value)) return undefined;
  const ms = Date.parse(value.replace(/([+-]\d{2})(\d{2})$/, "$1:$2"));
  return Number.isNaN(ms) ? undefined : ms;
}

/**
 * A SOQL DateTime literal (`2026-11-28T09:55:00Z`), floored to the second: SOQL documents literals
 * without fractions, and flooring only widens a `>=` window.
 */
export function soqlDateTimeLiteral(ms: number): string {
  return `${new Date(Math.floor(ms / 1000) * 1000).toISOString().slice(0, 19)}Z`;
}

/**
 * The version of an Order the reverse flow has seen: its id and SystemModstamp. Equal hashes mean
 * "this Order has not changed since", which is how the poll avoids re-sending an Order that was
 * dead-lettered and not touched since.
 */
export function orderVersionHash(orderId: string, systemModstamp: string): string {
  const ms = parseSalesforceDateTime(systemModstamp);
  const stamp = ms === undefined ? systemModstamp : new Date(ms).toISOString();
  // Own version tag: a forward-mapping version bump must not make every held Order look changed.
  return contentHash({ order: orderId, systemModstamp: stamp }, REVERSE_HASH_VERSION);
}
