import * as fs from "node:fs";
import * as path from "node:path";
import { App, Duration, Stack } from "aws-cdk-lib";
import { Template } from "aws-cdk-lib/assertions";
import { RetentionDays } from "aws-cdk-lib/aws-logs";
import { HouseFunction } from "../../infra/constructs/house-function";
import { handlerEntries } from "../../infra/project-paths";

process.env.CDK_VALIDATION = "false";

/**
 * The one test that really bundles (local esbuild, never Docker): a two-line probe handler, so it
 * stays fast. The full handlers are bundled by `npm run synth`.
 */
describe("HouseFunction", () => {
  const app = new App(); // bundling on (no `aws:cdk:bundling-stacks` override)
  const stack = new Stack(app, "Probe");
  const house = new HouseFunction(stack, "Probe", {
    entry: path.join(__dirname, "fixtures", "bundle-probe-handler.ts"),
    description: "bundling probe",
    timeout: Duration.seconds(30),
    memorySize: 256,
    environment: { EXAMPLE: "1" },
    logRetention: RetentionDays.ONE_WEEK,
    tracing: false,
  });
  const template = Template.fromStack(stack);
  const assetHash = (template.toJSON().Resources as Record<string, { Properties: { Code?: { S3Key?: string } } }>)[
    stack.getLogicalId(house.function.node.defaultChild as never)
  ]?.Properties.Code?.S3Key?.replace(/\.zip$/, "");
  const assetDir = path.join(app.outdir, `asset.${assetHash}`);
  afterAll(() => fs.rmSync(app.outdir, { recursive: true, force: true }));

  it("bundles with the local esbuild into minified CommonJS with a source map, leaving the AWS SDK external", () => {
    const files = fs.readdirSync(assetDir).sort();
    expect(files).toEqual(["index.js", "index.js.map"]);
    const code = fs.readFileSync(path.join(assetDir, "index.js"), "utf8");
    expect(code).toContain('require("@aws-sdk/client-sns")');
    expect(code).not.toContain("descriptiveLocalNameForTheMinifier");
    expect(code).toMatch(/module\.exports|exports\.handler|__export/);
    expect(code).toMatch(/\/\/# sourceMappingURL=index\.js\.map\s*$/);
    expect(code.length).toBeLessThan(2_000);
    const map = JSON.parse(fs.readFileSync(path.join(assetDir, "index.js.map"), "utf8"));
    expect(map.sourcesContent).toBeUndefined();
  });

  it("runs on arm64 with a Node 22+ runtime, source maps enabled and its own log group", () => {
    template.hasResourceProperties("AWS::Lambda::Function", {
      Architectures: ["arm64"],
      Runtime: "nodejs24.x",
      Timeout: 30,
      MemorySize: 256,
      Environment: { Variables: { NODE_OPTIONS: "--enable-source-maps", EXAMPLE: "1" } },
    });
    template.hasResourceProperties("AWS::Logs::LogGroup", { RetentionInDays: 7 });
    template.resourceCountIs("Custom::LogRetention", 0);
  });

  it("defaults to the handler files of functions/", () => {
    expect(path.relative(path.join(__dirname, "..", ".."), handlerEntries.fetch)).toBe(
      path.join("functions", "fetch", "handler.ts"),
    );
    expect(path.relative(path.join(__dirname, "..", ".."), handlerEntries.sync)).toBe(
      path.join("functions", "sync", "handler.ts"),
    );
  });
});
