import {
  type IPolicyValidationContext,
  type IPolicyValidationPlugin,
  type PolicyValidationPluginReport,
  Validations,
} from "aws-cdk-lib";
import type { IConstruct } from "constructs";

/**
 * Wraps a cdk-nag pack so that synth says its verdict: CDK prints plugin reports only on failure,
 * and `cdk synth --quiet` should still show that nag ran and was clean.
 */
export class NagSummaryPlugin implements IPolicyValidationPlugin {
  readonly name: string;
  readonly version?: string;
  readonly ruleIds?: string[];

  constructor(
    private readonly pack: IPolicyValidationPlugin,
    private readonly root: IConstruct,
    private readonly print: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
  ) {
    this.name = pack.name;
    this.version = pack.version;
    this.ruleIds = pack.ruleIds;
  }

  validate(context: IPolicyValidationContext): PolicyValidationPluginReport {
    const report = this.pack.validate(context);
    const findings = report.violations.reduce((sum, v) => sum + v.violatingResources.length, 0);
    const acknowledged = countAcknowledgements(this.root, `${this.name}-`);
    this.print(
      findings === 0
        ? `cdk-nag ${this.name}: clean (0 unacknowledged findings; ${acknowledged} acknowledged with a reason)`
        : `cdk-nag ${this.name}: ${findings} unacknowledged finding(s); synth fails`,
    );
    return report;
  }
}

/** Acknowledgements recorded with `Validations.of(x).acknowledge()` whose rule id starts with `prefix`. */
function countAcknowledgements(root: IConstruct, prefix: string): number {
  return root.node
    .findAll()
    .flatMap((construct) => construct.node.metadata)
    .filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
    .flatMap((entry) => Object.keys(entry.data as Record<string, string>))
    .filter((key) => key.replace(/^\w+::/, "").startsWith(prefix)).length;
}
