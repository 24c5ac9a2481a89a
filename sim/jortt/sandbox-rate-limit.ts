/**
 * Jortt's documented limit: 10 requests per second (reference/jortt-api.md §9), enforced here per
 * access token over a sliding 1-second window. Rejected requests do not use up the budget.
 */
export class SandboxRateLimit {
  private readonly recent = new Map<string, number[]>();

  constructor(private readonly limitPerSecond: number | null) {}

  /** True when the request may proceed (and is counted), false when it must get a 429. */
  admit(token: string, atMs: number): boolean {
    if (this.limitPerSecond === null) return true;
    const times = this.recent.get(token) ?? [];
    while (times.length > 0 && (times[0] as number) <= atMs - 1000) times.shift();
    if (times.length >= this.limitPerSecond) {
      this.recent.set(token, times);
      return false;
    }
    times.push(atMs);
    this.recent.set(token, times);
    return true;
  }

  reset(): void {
    this.recent.clear();
  }
}
