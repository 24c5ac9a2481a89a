import * as path from "node:path";
import { App } from "aws-cdk-lib";
import { Template } from "aws-cdk-lib/assertions";
import type { HandlerEntries } from "../../../infra/project-paths";
import { type StageConfig, type StageName, selectStage } from "../../../infra/stages";
import { SyncStack, stackNameFor } from "../../../infra/sync-stack";

// Unit synths skip CDK's built-in CloudFormation schema pass (~2 s each); `npm run synth` keeps it.
process.env.CDK_VALIDATION = "false";

/**
 * Stand-in handler files: stack tests never bundle (`aws:cdk:bundling-stacks: []`), so the entry
 * only has to exist, and the template keeps its real shape (index.handler, S3 asset code). Real
 * bundling of functions/*\/handler.ts is covered by `npm run synth`.
 */
export const fixtureEntries: HandlerEntries = {
  fetch: path.join(__dirname, "..", "fixtures", "fetch-handler.ts"),
  sync: path.join(__dirname, "..", "fixtures", "sync-handler.ts"),
};

/** App context of every stack test: no asset bundling. */
export const testContext = { "aws:cdk:bundling-stacks": [] as string[] };

export interface SynthesizedStage {
  app: App;
  stack: SyncStack;
  template: Template;
  stage: StageConfig;
}

/** Synthesizes one stage (by name, or a modified stage record) the way the app does, without bundling. */
export function synthStage(stageOrName: StageName | StageConfig): SynthesizedStage {
  const stage = typeof stageOrName === "string" ? selectStage(stageOrName) : stageOrName;
  const app = new App({ context: testContext });
  const stack = new SyncStack(app, stackNameFor(stage.name), { stage, entries: fixtureEntries });
  return { app, stack, template: Template.fromStack(stack), stage };
}

type CfnResource = { Type: string; Properties: Record<string, unknown> } & Record<string, unknown>;

/** The one resource of a type whose logical id starts with `prefix` (logical ids carry a hash suffix). */
export function resourceByPrefix(template: Template, type: string, prefix: string): [string, CfnResource] {
  const matches = Object.entries(template.findResources(type) as Record<string, CfnResource>).filter(([id]) =>
    id.startsWith(prefix),
  );
  if (matches.length !== 1) throw new Error(`expected one ${type} ${prefix}*, found ${matches.length}`);
  return matches[0] as [string, CfnResource];
}

/** `{ Ref: <logical id> }` or `{ "Fn::GetAtt": [<logical id>, attr] }`. */
export const ref = (logicalId: string) => ({ Ref: logicalId });
export const arnOf = (logicalId: string) => ({ "Fn::GetAtt": [logicalId, "Arn"] });

export interface PolicyStatement {
  Effect: string;
  Action: string | string[];
  Resource: unknown;
  Principal?: unknown;
  Condition?: unknown;
}

/** All statements of the inline policies attached to a role (by the role's logical id). */
export function roleStatements(template: Template, roleLogicalId: string): PolicyStatement[] {
  const policies = Object.values(
    template.findResources("AWS::IAM::Policy") as Record<string, { Properties: Record<string, unknown> }>,
  ).filter((policy) => JSON.stringify(policy.Properties.Roles) === JSON.stringify([ref(roleLogicalId)]));
  return policies.flatMap((policy) => (policy.Properties.PolicyDocument as { Statement: PolicyStatement[] }).Statement);
}

export const actionsOf = (statement: PolicyStatement): string[] =>
  Array.isArray(statement.Action) ? statement.Action : [statement.Action];

/**
 * A template string value as text: `Fn::Join` parts concatenated, any other intrinsic shown as
 * `${Ref:Id}` / `${GetAtt:Id.Attr}` (dashboard bodies and descriptions that embed resource names).
 */
export function textOf(value: unknown): string {
  if (typeof value === "string") return value;
  if (value && typeof value === "object") {
    const join = (value as { "Fn::Join"?: [string, unknown[]] })["Fn::Join"];
    if (join) return join[1].map(textOf).join(join[0]);
    const refId = (value as { Ref?: string }).Ref;
    if (refId) return `\${Ref:${refId}}`;
    const getAtt = (value as { "Fn::GetAtt"?: [string, string] })["Fn::GetAtt"];
    if (getAtt) return `\${GetAtt:${getAtt[0]}.${getAtt[1]}}`;
  }
  throw new Error(`not a string value: ${JSON.stringify(value)}`);
}
