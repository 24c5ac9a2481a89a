/**
 * Peak resident set size of this process over a window. Two readings:
 * - `sampledPeakBytes`: the highest `process.memoryUsage.rss()` seen by a timer during the window
 *   (can miss a spike shorter than the interval, but resets per window);
 * - `processMaxRssBytes`: the kernel's high-water mark (`getrusage` ru_maxrss) for the whole
 *   process lifetime so far: exact, but never goes down, so it covers every earlier window too.
 */
export interface PeakRssReading {
  /** RSS when the window opened: modules loaded, nothing processed yet. */
  startBytes: number;
  sampledPeakBytes: number;
  processMaxRssBytes: number;
  samples: number;
  windowMs: number;
}

export interface PeakRssSampler {
  stop(): PeakRssReading;
}

export function startPeakRssSampler(intervalMs = 25): PeakRssSampler {
  const startedAt = Date.now();
  const startBytes = process.memoryUsage.rss();
  let peak = startBytes;
  let samples = 1;
  const sample = () => {
    const rss = process.memoryUsage.rss();
    if (rss > peak) peak = rss;
    samples += 1;
  };
  const timer = setInterval(sample, intervalMs);
  // A sampler must never keep a finished benchmark alive.
  timer.unref();
  return {
    stop(): PeakRssReading {
      clearInterval(timer);
      sample();
      return {
        startBytes,
        sampledPeakBytes: peak,
        // ru_maxrss is in kilobytes on Linux.
        processMaxRssBytes: process.resourceUsage().maxRSS * 1024,
        samples,
        windowMs: Date.now() - startedAt,
      };
    },
  };
}
