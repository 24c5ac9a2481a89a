import { PublishCommand, SNSClient } from "@aws-sdk/client-sns";
import type { Alert, Notifier } from "../../ports/notifier";
import { toSyncError } from "./aws-error";

/** SNS subjects: ASCII, no line breaks, at most 100 characters. */
const MAX_SUBJECT_CHARS = 100;

export interface SnsNotifierOptions {
  topicArn: string;
  /** Defaults to `new SNSClient({})` (endpoint from AWS_ENDPOINT_URL_SNS). */
  client?: SNSClient;
}

/**
 * The Notifier port on SNS (e-mail and Slack subscribe to the topic). The incident and severity
 * travel as message attributes so subscriptions can filter on them.
 */
export class SnsNotifier implements Notifier {
  private readonly topicArn: string;
  private readonly client: SNSClient;

  constructor(options: SnsNotifierOptions) {
    this.topicArn = options.topicArn;
    this.client = options.client ?? new SNSClient({});
  }

  async notify(alert: Alert): Promise<void> {
    try {
      await this.client.send(
        new PublishCommand({
          TopicArn: this.topicArn,
          Subject: snsSubject(`[${alert.severity}] ${alert.subject}`),
          Message: alert.body,
          MessageAttributes: {
            incident: { DataType: "String", StringValue: alert.incident },
            severity: { DataType: "String", StringValue: alert.severity },
          },
        }),
      );
    } catch (error) {
      throw toSyncError(error, { operation: "SNS Publish", resourceHint: "ALERT_TOPIC_ARN and that the topic exists" });
    }
  }
}

/** SNS rejects a subject with non-ASCII or control characters, or over 100 characters. */
export function snsSubject(text: string): string {
  const ascii = text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[\u2010-\u2015]/g, "-")
    .replace(/[^\x20-\x7e]/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  return ascii.length <= MAX_SUBJECT_CHARS ? ascii : `${ascii.slice(0, MAX_SUBJECT_CHARS - 3)}...`;
}
