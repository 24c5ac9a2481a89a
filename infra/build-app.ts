import { App, type AppProps, Validations } from "aws-cdk-lib";
import { AwsSolutionsChecks } from "cdk-nag";
import { NagSummaryPlugin } from "./nag-summary-plugin";
import type { HandlerEntries } from "./project-paths";
import { selectStage } from "./stages";
import { SyncStack, stackNameFor } from "./sync-stack";

/** Context keys read by the app (cdk.json or `-c key=value`). */
export const ContextKey = {
  /** Stage to synthesize: dev | prod. */
  stage: "stage",
  /** Run the cdk-nag AwsSolutions pack as a validation plugin (synth fails on any unacknowledged finding). */
  nag: "jortt-sf:nag",
} as const;

export interface BuildAppOptions {
  readonly appProps?: AppProps;
  readonly entries?: HandlerEntries;
  /** Where the nag verdict line goes (default stderr). */
  readonly printNagSummary?: (line: string) => void;
}

/** Builds the CDK app for the stage named in context; used by infra/bin/app.ts and the infra tests. */
export function buildApp(options: BuildAppOptions = {}): { app: App; stack: SyncStack } {
  const app = new App(options.appProps);
  const stage = selectStage(app.node.tryGetContext(ContextKey.stage));
  const stack = new SyncStack(app, stackNameFor(stage.name), { stage, entries: options.entries });
  if (isEnabled(app.node.tryGetContext(ContextKey.nag))) {
    Validations.of(app).addPlugins(new NagSummaryPlugin(new AwsSolutionsChecks(app), app, options.printNagSummary));
  }
  return { app, stack };
}

function isEnabled(value: unknown): boolean {
  return value === true || value === "true";
}
