import type { Alert, Notifier } from "../ports/notifier";
import type { StateStore } from "../ports/state-store";

/** One alert per incident per hour: a failing schedule must not page someone every 15 minutes. */
export const ALERT_WINDOW_SECONDS = 3600;

/**
 * A Notifier that sends an incident's alert at most once per window, agreed across concurrent
 * functions through the state store's conditional claim. When the claim itself cannot be made
 * (the state table is the thing that is broken), the alert is sent anyway.
 */
export class OncePerWindowNotifier implements Notifier {
  constructor(
    private readonly inner: Notifier,
    private readonly claims: Pick<StateStore, "claimOnce">,
    private readonly windowSeconds = ALERT_WINDOW_SECONDS,
  ) {}

  async notify(alert: Alert): Promise<void> {
    let claimed = true;
    try {
      claimed = await this.claims.claimOnce(`alert:${alert.incident}`, this.windowSeconds);
    } catch {
      claimed = true;
    }
    if (claimed) await this.inner.notify(alert);
  }
}
