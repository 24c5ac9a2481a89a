import type { Logger } from "@aws-lambda-powertools/logger";
import type { Alert, Notifier } from "../../ports/notifier";
import { asSyncError } from "../as-sync-error";

/**
 * Publishes alerts one by one. A failed publish is logged (incident and error code, not the body)
 * and does not fail the caller: the records' outcomes are already durable and must not be redone
 * because a notification could not be sent; the DLQ-depth alarm still fires in AWS.
 * Returns the alerts that were handed to the notifier without error.
 */
export async function publishAlerts(notifier: Notifier, alerts: readonly Alert[], logger: Logger): Promise<Alert[]> {
  const sent: Alert[] = [];
  for (const alert of alerts) {
    try {
      await notifier.notify(alert);
      sent.push(alert);
    } catch (error) {
      const syncError = asSyncError(error);
      logger.error("alert could not be published", { incident: alert.incident, code: syncError.code });
    }
  }
  return sent;
}
