import type { ApiCallKind, FaultRule, FaultSettings } from "./fault-settings";
import { seededRandom } from "./seeded-random";

export type CallFault = "serverUnavailable" | "sessionExpired" | "requestLimit";

interface RuleState {
  rule: FaultRule;
  remaining: number;
}

/** Decides, call by call and record by record, whether an injected fault fires. */
export class FaultInjector {
  private random: () => number = seededRandom(1);
  private rules = new Map<string, RuleState>();
  private latency = 0;
  private readonly fired = new Map<string, number>();

  constructor(initialLatencyMs = 0) {
    this.latency = initialLatencyMs;
  }

  get latencyMs(): number {
    return this.latency;
  }

  set latencyMs(value: number) {
    this.latency = value;
  }

  /** Merges the given settings into the current ones (a rule given replaces that rule). */
  configure(settings: FaultSettings): void {
    if (settings.seed !== undefined) this.random = seededRandom(settings.seed);
    if (settings.latencyMs !== undefined) this.latency = settings.latencyMs;
    for (const name of ["lockRow", "serverUnavailable", "sessionExpired", "requestLimit"] as const) {
      const rule = settings[name];
      if (rule) this.rules.set(name, { rule, remaining: rule.next ?? 0 });
    }
  }

  clear(): void {
    this.rules.clear();
    this.fired.clear();
    this.random = seededRandom(1);
  }

  /** How often each fault has fired since the last clear. */
  firedCounts(): Record<string, number> {
    return Object.fromEntries(this.fired);
  }

  callFault(kind: ApiCallKind): CallFault | undefined {
    for (const name of ["sessionExpired", "requestLimit", "serverUnavailable"] as const) {
      if (this.fires(name, kind)) return name;
    }
    return undefined;
  }

  lockRow(kind: ApiCallKind): boolean {
    return this.fires("lockRow", kind);
  }

  private fires(name: string, kind: ApiCallKind): boolean {
    const state = this.rules.get(name);
    if (!state) return false;
    if (state.rule.kinds && !state.rule.kinds.includes(kind)) return false;
    let fire = false;
    if (state.remaining > 0) {
      state.remaining -= 1;
      fire = true;
    } else if (state.rule.rate !== undefined && state.rule.rate > 0) {
      fire = this.random() < state.rule.rate;
    }
    if (fire) this.fired.set(name, (this.fired.get(name) ?? 0) + 1);
    return fire;
  }
}
