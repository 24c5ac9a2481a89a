import { mulberry32 } from "./prng";

/** A failure the sandbox answers instead of the real response. */
export interface SandboxFault {
  status: 429 | 500 | 502 | 503;
  /** Answer with an nginx HTML page instead of the Jortt error envelope (502 default). */
  html?: boolean;
  /** Send a Retry-After header (seconds); Jortt sends none, a gateway might. */
  retryAfterSeconds?: number;
}

/**
 * Fault injection for API requests (not the token endpoint, not the control API). Random faults
 * draw from their own seeded PRNG, so a run with the same seed and request sequence fails the
 * same way. `failNext` queues exact faults for the next requests, ahead of the random ones.
 */
export interface JorttSandboxFaults {
  /** Probability 0–1 of a 429 `request.throttled`. */
  rate429?: number;
  /** Probability 0–1 of a 503 `server.maintenance`. */
  rate503?: number;
  /** Probability 0–1 of an HTML 502 Bad Gateway page. */
  rateHtml502?: number;
  /** Added to every API response. */
  latencyMs?: number;
  seed?: number;
  failNext?: SandboxFault[];
}

export class FaultInjector {
  private faults: Required<Omit<JorttSandboxFaults, "failNext" | "seed">> = {
    rate429: 0,
    rate503: 0,
    rateHtml502: 0,
    latencyMs: 0,
  };
  private queue: SandboxFault[] = [];
  private random: () => number;

  constructor(private readonly defaultSeed: number) {
    this.random = mulberry32(defaultSeed);
  }

  /** Replaces the fault settings (fields left out are reset to "no fault"). */
  set(faults: JorttSandboxFaults): void {
    this.faults = {
      rate429: clampRate(faults.rate429),
      rate503: clampRate(faults.rate503),
      rateHtml502: clampRate(faults.rateHtml502),
      latencyMs: Math.max(0, faults.latencyMs ?? 0),
    };
    this.queue = [...(faults.failNext ?? [])];
    this.random = mulberry32(faults.seed ?? this.defaultSeed);
  }

  current(): JorttSandboxFaults {
    return { ...this.faults, failNext: [...this.queue] };
  }

  get latencyMs(): number {
    return this.faults.latencyMs;
  }

  /** The fault for this request, if any. */
  draw(): SandboxFault | undefined {
    const queued = this.queue.shift();
    if (queued) return queued;
    const { rate429, rate503, rateHtml502 } = this.faults;
    if (rate429 + rate503 + rateHtml502 === 0) return undefined;
    const roll = this.random();
    if (roll < rate429) return { status: 429 };
    if (roll < rate429 + rate503) return { status: 503 };
    if (roll < rate429 + rate503 + rateHtml502) return { status: 502, html: true };
    return undefined;
  }
}

function clampRate(rate: number | undefined): number {
  if (rate === undefined || !Number.isFinite(rate)) return 0;
  return Math.min(1, Math.max(0, rate));
}
