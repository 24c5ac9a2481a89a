import { RetentionDays } from "aws-cdk-lib/aws-logs";
import { z } from "zod";

/**
 * Per-stage deployment settings, selected with `cdk … -c stage=<name>`. Everything that differs
 * between dev and prod lives here; the constructs take their numbers from this record only.
 */
const functionSizeSchema = z.object({
  timeoutSeconds: z.number().int().min(1).max(900),
  memoryMb: z.number().int().min(128).max(10_240),
});

export const stageConfigSchema = z
  .object({
    name: z.string().regex(/^[a-z][a-z0-9-]{1,15}$/),
    /** EventBridge Scheduler rate for the fetch function. */
    fetchEveryMinutes: z.number().int().min(1).max(1440),
    /** "Silence" alarm: no completed fetch run for this many hours. CloudWatch caps an alarm's window at one day. */
    silenceAlarmHours: z.number().int().min(1).max(24),
    /** Default for the `AlertEmail` stack parameter (override with `--parameters AlertEmail=…`). */
    alertEmail: z.email(),
    /** Slack channel through AWS Chatbot; the workspace must be authorised once in the console (docs/deploy.md). */
    slack: z.object({ workspaceId: z.string().min(1), channelId: z.string().min(1) }).optional(),
    fetch: functionSizeSchema.extend({
      /** Reserved concurrency (1 = runs never overlap). Leave unset in accounts whose concurrency quota is 10. */
      reservedConcurrency: z.number().int().min(1).optional(),
    }),
    sync: functionSizeSchema.extend({
      batchSize: z.number().int().min(1).max(10_000),
      maxBatchingWindowSeconds: z.number().int().min(0).max(300),
      /** Event source cap on concurrent sync invocations (AWS minimum 2): Salesforce row locks and long-request limits. */
      maxConcurrency: z.number().int().min(2).max(1000),
      /** Receives before a message moves to the DLQ. */
      maxReceiveCount: z.number().int().min(1).max(1000),
    }),
    logRetention: z.enum(RetentionDays),
    logLevel: z.enum(["DEBUG", "INFO", "WARN", "ERROR"]),
    /** X-Ray active tracing on both functions. */
    tracing: z.boolean(),
    /** Alarm when the org's daily Salesforce API usage (percent) goes above this share. */
    salesforceApiUsageAlarmPercent: z.number().min(1).max(100),
    /** Seed value of the settings SSM parameter (JSON). Validated by the functions at run time. */
    settings: z.record(z.string(), z.unknown()),
  })
  .refine((stage) => stage.silenceAlarmHours * 60 >= 2 * stage.fetchEveryMinutes, {
    message: "silenceAlarmHours must cover at least two scheduled runs",
    path: ["silenceAlarmHours"],
  })
  .refine((stage) => stage.sync.batchSize <= 10 || stage.sync.maxBatchingWindowSeconds > 0, {
    message: "SQS batch sizes above 10 need a batching window of at least 1 second",
    path: ["sync", "maxBatchingWindowSeconds"],
  });

export type StageConfig = z.infer<typeof stageConfigSchema>;

const defaultSettings = { salesforceApiBudgetPercent: 50 };

export const stages = {
  dev: {
    name: "dev",
    fetchEveryMinutes: 60,
    silenceAlarmHours: 6,
    alertEmail: "alerts-dev@example.com",
    fetch: { timeoutSeconds: 300, memoryMb: 512 },
    sync: {
      timeoutSeconds: 120,
      memoryMb: 1024,
      batchSize: 25,
      maxBatchingWindowSeconds: 5,
      maxConcurrency: 2,
      maxReceiveCount: 3,
    },
    logRetention: RetentionDays.TWO_WEEKS,
    logLevel: "DEBUG",
    tracing: true,
    salesforceApiUsageAlarmPercent: 50,
    settings: defaultSettings,
  },
  prod: {
    name: "prod",
    fetchEveryMinutes: 30,
    silenceAlarmHours: 3,
    alertEmail: "alerts@example.com",
    fetch: { timeoutSeconds: 300, memoryMb: 512, reservedConcurrency: 1 },
    sync: {
      timeoutSeconds: 120,
      memoryMb: 1024,
      batchSize: 100,
      maxBatchingWindowSeconds: 10,
      maxConcurrency: 3,
      maxReceiveCount: 5,
    },
    logRetention: RetentionDays.THREE_MONTHS,
    logLevel: "INFO",
    tracing: false,
    salesforceApiUsageAlarmPercent: 50,
    settings: defaultSettings,
  },
} satisfies Record<string, StageConfig>;

export type StageName = keyof typeof stages;

/** Resolves and validates the stage named by `-c stage=…`; an unknown or invalid stage stops synth with the reason. */
export function selectStage(name: unknown): StageConfig {
  if (typeof name !== "string" || !Object.hasOwn(stages, name)) {
    throw new Error(`Unknown stage ${JSON.stringify(name)}: use -c stage=${Object.keys(stages).join("|")}`);
  }
  const parsed = stageConfigSchema.safeParse(stages[name as StageName]);
  if (!parsed.success) {
    throw new Error(`Stage "${name}" is invalid: ${z.prettifyError(parsed.error)}`);
  }
  return parsed.data;
}
