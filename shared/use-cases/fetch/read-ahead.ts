/**
 * Yields the items of `source` while already requesting the next one. The Jortt scan is paced by
 * the client's rate limit (8 requests/s); reading one page ahead overlaps that wait with the work
 * on the current page (map, hash, state read, enqueue), so the scan's wall time stays near its
 * floor of pages ÷ 8 s instead of adding the processing time of every page.
 */
export async function* readAhead<T>(source: AsyncIterable<T>): AsyncGenerator<T> {
  const iterator = source[Symbol.asyncIterator]();
  let pending = iterator.next();
  let finished = false;
  try {
    while (true) {
      const result = await pending;
      if (result.done) {
        finished = true;
        return;
      }
      pending = iterator.next();
      // The consumer may stop (or throw) before awaiting it; the failure then surfaces nowhere else.
      pending.catch(() => undefined);
      yield result.value;
    }
  } finally {
    if (!finished) await iterator.return?.();
  }
}
