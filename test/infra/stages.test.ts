import * as fs from "node:fs";
import * as path from "node:path";
import { Template } from "aws-cdk-lib/assertions";
import { RetentionDays } from "aws-cdk-lib/aws-logs";
import { buildApp, ContextKey } from "../../infra/build-app";
import { apiUsageAlarmPercent, resolveStage, type StageInput, selectStage, stages } from "../../infra/stages";
import { fixtureEntries, testContext } from "./support/synth-stage";

const valid: StageInput = stages.dev;

describe("stage records", () => {
  it.each(Object.keys(stages))("%s is valid, settings included", (name) => {
    const stage = selectStage(name);
    expect(stage.name).toBe(name);
    expect(stage.settings.schedule.rateMinutes).toBeGreaterThan(0);
    expect(stage.settings.sync.maxConcurrency).toBeGreaterThanOrEqual(2);
  });

  it("differ per stage in schedule, concurrency, alert e-mail and retention", () => {
    const dev = selectStage("dev");
    const prod = selectStage("prod");
    expect(dev.settings.schedule.rateMinutes).not.toBe(prod.settings.schedule.rateMinutes);
    expect(dev.settings.sync.maxConcurrency).not.toBe(prod.settings.sync.maxConcurrency);
    expect(dev.alertEmail).not.toBe(prod.alertEmail);
    expect(dev.logRetention).not.toBe(prod.logRetention);
    expect(prod.terminationProtection).toBe(true);
  });

  it("rejects an unknown stage name, listing the known ones", () => {
    expect(() => selectStage("staging")).toThrow('Unknown stage "staging": use -c stage=dev|prod');
    expect(() => selectStage(undefined)).toThrow(/Unknown stage/);
  });

  it("rejects settings the functions would reject, naming the field", () => {
    expect(() => resolveStage({ ...valid, settings: { sync: { maxConcurrency: 1 } } })).toThrow(/sync\.maxConcurrency/);
    expect(() => resolveStage({ ...valid, settings: { salesforce: { apiBudgetShare: 2 } } })).toThrow(
      /salesforce\.apiBudgetShare/,
    );
  });

  it("rejects invalid stage fields", () => {
    expect(() => resolveStage({ ...valid, alertEmail: "nobody" })).toThrow(/alertEmail/);
    expect(() => resolveStage({ ...valid, logRetention: 13 as RetentionDays })).toThrow(/logRetention/);
    expect(() => resolveStage({ ...valid, sync: { ...valid.sync, timeoutSeconds: 901 } })).toThrow(/timeoutSeconds/);
    expect(() => resolveStage({ ...valid, silenceAlarmHours: 25 })).toThrow(/silenceAlarmHours/);
  });

  it("rejects a silence window shorter than two scheduled runs", () => {
    expect(() =>
      resolveStage({ ...valid, silenceAlarmHours: 1, settings: { ...valid.settings, schedule: { rateMinutes: 60 } } }),
    ).toThrow(/at least two scheduled runs/);
  });

  it("rejects batches above 10 without a batching window (SQS event source rule)", () => {
    expect(() =>
      resolveStage({
        ...valid,
        sync: { ...valid.sync, maxBatchingWindowSeconds: 0 },
        settings: { ...valid.settings, sync: { batchSize: 11, maxConcurrency: 2, maxReceiveCount: 3 } },
      }),
    ).toThrow(/batching window|maxBatchingWindowSeconds/);
  });

  it("derives the API-usage alarm from the settings' budget share", () => {
    const stage = resolveStage({ ...valid, settings: { salesforce: { apiBudgetShare: 0.07 } } });
    expect(apiUsageAlarmPercent(stage)).toBe(7);
    expect(RetentionDays.TWO_WEEKS).toBe(14);
  });
});

describe("app", () => {
  it("synthesizes the stage named with -c stage=… as JorttSalesforceSync-<stage>", () => {
    const { stack } = buildApp({
      appProps: { context: { ...testContext, [ContextKey.stage]: "prod" } },
      entries: fixtureEntries,
    });
    expect(stack.stackName).toBe("JorttSalesforceSync-prod");
    expect(stack.terminationProtection).toBe(true);
    Template.fromStack(stack).hasResourceProperties("AWS::Scheduler::Schedule", {
      ScheduleExpression: "rate(30 minutes)",
    });
  });

  it("is what cdk.json runs: tsx on infra/bin/app.ts, stage dev by default, cdk-nag on", () => {
    const cdkJson = JSON.parse(fs.readFileSync(path.join(__dirname, "..", "..", "cdk.json"), "utf8"));
    expect(cdkJson.app).toBe("npx tsx infra/bin/app.ts");
    expect(cdkJson.context).toMatchObject({ [ContextKey.stage]: "dev", [ContextKey.nag]: true });
    expect(fs.existsSync(path.join(__dirname, "..", "..", "infra", "bin", "app.ts"))).toBe(true);
  });

  it("refuses to synthesize without a known stage", () => {
    expect(() => buildApp({ appProps: { context: { ...testContext } }, entries: fixtureEntries })).toThrow(
      /Unknown stage/,
    );
  });
});
