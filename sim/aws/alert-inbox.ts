import { DeleteMessageBatchCommand, ReceiveMessageCommand, SQSClient } from "@aws-sdk/client-sqs";
import { z } from "zod";
import type { Alert } from "../../shared/ports/notifier";

/** The SNS → SQS envelope (RawMessageDelivery off). */
const SnsEnvelopeSchema = z.object({
  Type: z.literal("Notification"),
  Subject: z.string().optional(),
  Message: z.string(),
  MessageAttributes: z.record(z.string(), z.object({ Type: z.string(), Value: z.string() })).optional(),
});

export interface ReceivedAlert extends Alert {
  /** The subject as SNS delivered it (with the `[severity]` prefix the notifier adds). */
  deliveredSubject: string;
}

/** Takes every alert that reached the inbox queue (the local stand-in for e-mail/Slack) and deletes it. */
export async function drainAlertInbox(
  inboxUrl: string,
  client: SQSClient = new SQSClient({}),
): Promise<ReceivedAlert[]> {
  const alerts: ReceivedAlert[] = [];
  for (;;) {
    const output = await client.send(
      new ReceiveMessageCommand({ QueueUrl: inboxUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 0 }),
    );
    const messages = output.Messages ?? [];
    if (messages.length === 0) return alerts;
    for (const message of messages) alerts.push(toAlert(message.Body ?? ""));
    await client.send(
      new DeleteMessageBatchCommand({
        QueueUrl: inboxUrl,
        Entries: messages.map((message, index) => ({ Id: String(index), ReceiptHandle: message.ReceiptHandle ?? "" })),
      }),
    );
  }
}

function toAlert(body: string): ReceivedAlert {
  const envelope = SnsEnvelopeSchema.parse(JSON.parse(body));
  const attributes = envelope.MessageAttributes ?? {};
  const severity = attributes.severity?.Value === "critical" ? "critical" : "warning";
  const deliveredSubject = envelope.Subject ?? "";
  return {
    incident: attributes.incident?.Value ?? "unknown",
    severity,
    subject: deliveredSubject.replace(/^\[(warning|critical)\] /, ""),
    body: envelope.Message,
    deliveredSubject,
  };
}
