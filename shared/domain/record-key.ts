/** Record keys name one synced record across queue, state, logs and reports. */
export type RecordKind = "customer" | "invoice" | "order";

export type RecordKey = `${RecordKind}:${string}`;

export function recordKey(kind: RecordKind, id: string): RecordKey {
  return `${kind}:${id}`;
}

export function parseRecordKey(key: string): { kind: RecordKind; id: string } | undefined {
  const match = /^(customer|invoice|order):(.+)$/.exec(key);
  if (!match) return undefined;
  return { kind: match[1] as RecordKind, id: match[2] as string };
}
