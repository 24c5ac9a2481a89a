import { Validations } from "aws-cdk-lib";
import { Template } from "aws-cdk-lib/assertions";
import * as sqs from "aws-cdk-lib/aws-sqs";
import { AwsSolutionsChecks } from "cdk-nag";
import type { IConstruct } from "constructs";
import { buildApp, ContextKey } from "../../infra/build-app";
import { selectStage } from "../../infra/stages";
import {
  actionsOf,
  fixtureEntries,
  resourceByPrefix,
  roleStatements,
  synthStage,
  testContext,
} from "./support/synth-stage";

/** Each variant is synthesized once, on first use. */
function once<T>(make: () => T): () => T {
  let value: T | undefined;
  return () => {
    value ??= make();
    return value;
  };
}
const dev = once(() => synthStage("dev"));
const variants = [
  ["dev (tracing on)", dev],
  ["prod (reserved concurrency, termination protection)", once(() => synthStage("prod"))],
  [
    "prod with Slack",
    once(() => synthStage({ ...selectStage("prod"), slack: { workspaceId: "T0123ABCD", channelId: "C0456EFGH" } })),
  ],
] as const;

/**
 * Every `Validations.of(x).acknowledge()` in the tree: construct path, rule id, reason. CDK records
 * them as metadata `{ "<namespace>::<rule id>": reason }`.
 */
function acknowledgements(root: IConstruct): { path: string; id: string; reason: string }[] {
  return root.node.findAll().flatMap((construct) =>
    construct.node.metadata
      .filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap((entry) =>
        Object.entries(entry.data as Record<string, string>).map(([key, reason]) => ({
          path: construct.node.path,
          id: key.replace(/^\w+::/, ""),
          reason,
        })),
      ),
  );
}

describe("cdk-nag AwsSolutions", () => {
  it.each(variants)("finds nothing unacknowledged in %s", (_name, synth) => {
    const { app, stack } = synth();
    const report = new AwsSolutionsChecks(app).validateScope(stack);
    const findings = report.violations.map(
      (v) => `${v.ruleName} @ ${v.violatingResources.map((r) => r.constructPath)}`,
    );
    expect(findings).toEqual([]);
    expect(report.success).toBe(true);
  });

  it.each(variants)("has a reason for every acknowledgement in %s", (_name, synth) => {
    const acks = acknowledgements(synth().stack);
    expect(acks.length).toBeGreaterThan(0);
    for (const ack of acks) {
      expect(ack.id).toMatch(/^AwsSolutions-[A-Z]+\d+/);
      expect(ack.reason.length).toBeGreaterThan(60);
    }
  });

  it("acknowledges only the expected findings (a new finding must be fixed or argued here)", () => {
    const ids = acknowledgements(dev().stack).map((ack) => `${ack.path.split("/").slice(1).join("/")}: ${ack.id}`);
    expect(ids.map((id) => id.replace(/<Pipeline\w+\.Arn>/, "<fetch.Arn>")).sort()).toEqual(
      [
        "Configuration/JorttCredentials: AwsSolutions-SMG4",
        "Configuration/SalesforceCredentials: AwsSolutions-SMG4",
        "Pipeline/Fetch/Role: AwsSolutions-IAM5[Resource::*]",
        "Pipeline/Sync/Role: AwsSolutions-IAM5[Resource::*]",
        "Pipeline/Fetch/Role: AwsSolutions-IAM5[Action::kms:GenerateDataKey*]",
        "Pipeline/Sync/Role: AwsSolutions-IAM5[Action::kms:GenerateDataKey*]",
        "Pipeline/FetchScheduleRole: AwsSolutions-IAM5[Resource::<fetch.Arn>:*]",
      ].sort(),
    );
  });

  it("acknowledges Resource::* on the function roles only for X-Ray's resource-less actions", () => {
    const { template } = dev();
    for (const prefix of ["PipelineFetchRole", "PipelineSyncRole"]) {
      const [roleId] = resourceByPrefix(template, "AWS::IAM::Role", prefix);
      const wildcard = roleStatements(template, roleId).filter((s) => s.Resource === "*");
      expect(wildcard.flatMap(actionsOf).sort()).toEqual(["xray:PutTelemetryRecords", "xray:PutTraceSegments"]);
    }
  });

  it("runs as a validation plugin in the app when the nag context is on, failing synth on a finding", () => {
    const context = { ...testContext, [ContextKey.stage]: "dev", [ContextKey.nag]: true };
    const printed: string[] = [];
    const printNagSummary = (line: string) => printed.push(line);
    const clean = buildApp({ appProps: { context }, entries: fixtureEntries, printNagSummary });
    expect(() => Template.fromStack(clean.stack)).not.toThrow();
    expect(printed).toEqual(["cdk-nag AwsSolutions: clean (0 unacknowledged findings; 7 acknowledged with a reason)"]);

    // Negative control: one non-TLS queue without a DLQ must stop synth.
    const dirty = buildApp({ appProps: { context }, entries: fixtureEntries, printNagSummary });
    new sqs.Queue(dirty.stack, "Careless");
    expect(() => Template.fromStack(dirty.stack)).toThrow(/AwsSolutions-SQS/);
    expect(printed[1]).toBe("cdk-nag AwsSolutions: 2 unacknowledged finding(s); synth fails");
  });

  it("is not registered when the nag context is off", () => {
    const context = { ...testContext, [ContextKey.stage]: "dev", [ContextKey.nag]: false };
    const { stack } = buildApp({ appProps: { context }, entries: fixtureEntries });
    new sqs.Queue(stack, "Careless");
    expect(() => Template.fromStack(stack)).not.toThrow();
  });
});
