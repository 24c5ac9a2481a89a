import { RetentionDays } from "aws-cdk-lib/aws-logs";
import { z } from "zod";
import { parseSettings } from "../shared/config/parse-settings";
import type { Settings, SettingsInput } from "../shared/config/settings-schema";

/**
 * Per-stage deployment record, selected with `cdk … -c stage=<name>`. Everything that differs
 * between dev and prod lives here.
 *
 * `settings` is the seed of the stage's settings SSM parameter, validated at synth by the same
 * schema the functions use. The deploy-time parts of it are read from there, so the parameter and
 * the deployed resources cannot disagree: `schedule.rateMinutes` (EventBridge Scheduler rate),
 * `sync.batchSize`, `sync.maxConcurrency`, `sync.maxReceiveCount` (event source, DLQ) and
 * `salesforce.apiBudgetShare` (API-usage alarm threshold). Changing those takes a deploy.
 */
const functionSizeSchema = z.strictObject({
  timeoutSeconds: z.int().min(1).max(900),
  memoryMb: z.int().min(128).max(10_240),
});

export const stageConfigSchema = z.strictObject({
  name: z.string().regex(/^[a-z][a-z0-9-]{1,15}$/),
  /** Default for the `AlertEmail` stack parameter (override with `--parameters AlertEmail=…`). */
  alertEmail: z.email(),
  /** Slack channel through AWS Chatbot; authorise the workspace once in the console first (docs/deploy.md). */
  slack: z.strictObject({ workspaceId: z.string().min(1), channelId: z.string().min(1) }).optional(),
  /** "Silence" alarm: no completed fetch run for this many hours (CloudWatch caps an alarm window at one day). */
  silenceAlarmHours: z.int().min(1).max(24),
  fetch: functionSizeSchema.extend({
    /** 1 = runs never overlap. Leave unset in accounts whose Lambda concurrency quota is still 10. */
    reservedConcurrency: z.int().min(1).optional(),
  }),
  sync: functionSizeSchema.extend({
    /** Wait up to this long to fill a batch (required above 10 messages per batch). */
    maxBatchingWindowSeconds: z.int().min(0).max(300),
  }),
  logRetention: z.enum(RetentionDays),
  logLevel: z.enum(["DEBUG", "INFO", "WARN", "ERROR"]),
  /** X-Ray active tracing on both functions. */
  tracing: z.boolean(),
  /** Refuse `cdk destroy` until switched off. */
  terminationProtection: z.boolean(),
  settings: z.record(z.string(), z.unknown()),
});

export type StageInput = Omit<z.input<typeof stageConfigSchema>, "settings"> & { settings: SettingsInput };

/** A validated stage; `settings` holds the parsed settings (defaults applied), `settingsSeed` the JSON written to SSM. */
export type StageConfig = Omit<z.output<typeof stageConfigSchema>, "settings"> & {
  readonly settings: Settings;
  readonly settingsSeed: SettingsInput;
};

export const stages = {
  dev: {
    name: "dev",
    alertEmail: "alerts-dev@example.com",
    silenceAlarmHours: 6,
    fetch: { timeoutSeconds: 300, memoryMb: 512 },
    sync: { timeoutSeconds: 120, memoryMb: 1024, maxBatchingWindowSeconds: 5 },
    logRetention: RetentionDays.TWO_WEEKS,
    logLevel: "DEBUG",
    tracing: true,
    terminationProtection: false,
    settings: {
      schedule: { rateMinutes: 60 },
      sync: { batchSize: 25, maxConcurrency: 2, maxReceiveCount: 3 },
      salesforce: { apiBudgetShare: 0.5 },
    },
  },
  prod: {
    name: "prod",
    alertEmail: "alerts@example.com",
    silenceAlarmHours: 3,
    fetch: { timeoutSeconds: 300, memoryMb: 512, reservedConcurrency: 1 },
    sync: { timeoutSeconds: 120, memoryMb: 1024, maxBatchingWindowSeconds: 10 },
    logRetention: RetentionDays.THREE_MONTHS,
    logLevel: "INFO",
    tracing: false,
    terminationProtection: true,
    settings: {
      schedule: { rateMinutes: 30 },
      sync: { batchSize: 100, maxConcurrency: 3, maxReceiveCount: 5 },
      salesforce: { apiBudgetShare: 0.5 },
    },
  },
} satisfies Record<string, StageInput>;

export type StageName = keyof typeof stages;

/** Validates a stage record: its own fields, its settings (same schema as the functions) and their combination. */
export function resolveStage(input: StageInput): StageConfig {
  const parsed = stageConfigSchema.safeParse(input);
  if (!parsed.success) throw new Error(`Stage "${input.name}" is invalid:\n${z.prettifyError(parsed.error)}`);
  const settings = parseSettings(input.settings, `stage "${input.name}" settings (infra/stages.ts)`);
  const stage: StageConfig = { ...parsed.data, settings, settingsSeed: input.settings };
  const problems = [
    stage.silenceAlarmHours * 60 < 2 * settings.schedule.rateMinutes &&
      "silenceAlarmHours must cover at least two scheduled runs (settings.schedule.rateMinutes)",
    settings.sync.batchSize > 10 &&
      stage.sync.maxBatchingWindowSeconds === 0 &&
      "settings.sync.batchSize above 10 needs sync.maxBatchingWindowSeconds of at least 1 (SQS event source rule)",
  ].filter((problem): problem is string => typeof problem === "string");
  if (problems.length > 0) throw new Error(`Stage "${input.name}" is invalid:\n${problems.join("\n")}`);
  return stage;
}

/** Resolves the stage named by `-c stage=…`; an unknown or invalid stage stops synth with the reason. */
export function selectStage(name: unknown): StageConfig {
  if (typeof name !== "string" || !Object.hasOwn(stages, name)) {
    throw new Error(`Unknown stage ${JSON.stringify(name)}: use -c stage=${Object.keys(stages).join("|")}`);
  }
  return resolveStage(stages[name as StageName]);
}

/** The API-usage alarm threshold in percent: the settings' Salesforce API budget share. */
export function apiUsageAlarmPercent(stage: StageConfig): number {
  return Number((stage.settings.salesforce.apiBudgetShare * 100).toFixed(2));
}
