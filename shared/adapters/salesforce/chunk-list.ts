/** SObject Collections take at most 200 records per call (reference §9.1). */
export const MAX_COLLECTION_SIZE = 200;

/** Splits a list into consecutive chunks of at most `size` items. */
export function chunkList<T>(items: readonly T[], size: number): T[][] {
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`chunk size must be a positive integer, got ${size}`);
  const chunks: T[][] = [];
  for (let start = 0; start < items.length; start += size) chunks.push(items.slice(start, start + size));
  return chunks;
}
