import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadConfig, resetConfigCache } from "../../../shared/config/load-config";
import { isSyncError } from "../../../shared/errors/sync-error";

describe("loadConfig (local runtime)", () => {
  let dir: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "config-local-"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  beforeEach(() => resetConfigCache());

  function file(name: string, text: string): string {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  }

  it("runs on defaults with no credentials (the built-in sandboxes are used)", async () => {
    const config = await loadConfig({ env: {}, envFile: false });
    expect(config.runtime).toBe("local");
    expect(config.settingsOrigin).toBe("defaults");
    expect(config.jortt).toBeNull();
    expect(config.salesforce).toBeNull();
    expect(config.settings.invoiceStatuses).toEqual(["sent"]);
  });

  it("reads a .env file and the settings file named by SETTINGS_FILE; the environment wins over .env", async () => {
    const settingsFile = file(
      "settings.json",
      JSON.stringify({ schedule: { rateMinutes: 5 }, salesforce: { apiVersion: "64.0" } }),
    );
    const envFile = file(
      "local.env",
      [
        "# Jortt",
        "JORTT_CLIENT_ID=from-file",
        'JORTT_CLIENT_SECRET="file secret"',
        "JORTT_API_URL=http://127.0.0.1:4010",
        "SALESFORCE_INSTANCE_URL=http://127.0.0.1:4020",
        "SALESFORCE_ACCESS_TOKEN=token-from-file",
        `SETTINGS_FILE=${settingsFile}`,
      ].join("\n"),
    );
    const config = await loadConfig({ env: { JORTT_CLIENT_ID: "from-env" }, envFile });
    expect(config.jortt).toMatchObject({
      JORTT_CLIENT_ID: "from-env",
      JORTT_CLIENT_SECRET: "file secret",
      JORTT_API_URL: "http://127.0.0.1:4010",
    });
    expect(config.salesforce).toMatchObject({
      SALESFORCE_ACCESS_TOKEN: "token-from-file",
      SALESFORCE_API_VERSION: "64.0",
    });
    expect(config.settings.schedule.rateMinutes).toBe(5);
    expect(config.settingsOrigin).toBe(settingsFile);
  });

  it("does not write .env values into process.env", async () => {
    const envFile = file("leak.env", "JORTT_LEAK_CHECK=1\n");
    await loadConfig({ env: {}, envFile });
    expect(process.env.JORTT_LEAK_CHECK).toBeUndefined();
  });

  it("fails fast on invalid settings, naming the file and the path", async () => {
    const settingsFile = file("bad.json", JSON.stringify({ products: { strategy: "by-sku-pattern" } }));
    await expect(loadConfig({ env: {}, envFile: false, settingsFile })).rejects.toMatchObject({
      errorClass: "configuration",
      field: "products.skuPattern",
    });
  });

  it("fails fast on half-configured credentials, without echoing the secret", async () => {
    const error = await loadConfig({ env: { JORTT_CLIENT_SECRET: "hunter2-very-secret" }, envFile: false }).catch(
      (e) => e,
    );
    expect(isSyncError(error) && error.errorClass === "configuration").toBe(true);
    expect((error as Error).message).toContain("JORTT_CLIENT_ID");
    expect((error as Error).message).not.toContain("hunter2");
  });

  it("requires credentials when asked to", async () => {
    await expect(loadConfig({ env: {}, envFile: false, require: ["salesforce"] })).rejects.toMatchObject({
      errorClass: "configuration",
    });
  });

  it("reports a named settings or env file that does not exist", async () => {
    await expect(
      loadConfig({ env: {}, envFile: false, settingsFile: join(dir, "missing.json") }),
    ).rejects.toMatchObject({
      errorClass: "configuration",
      field: "SETTINGS_FILE",
    });
    await expect(loadConfig({ env: {}, envFile: join(dir, "missing.env") })).rejects.toMatchObject({
      errorClass: "configuration",
      field: "ENV_FILE",
    });
  });

  it("reuses a loaded configuration until forced to reload", async () => {
    const settingsFile = file("cached.json", JSON.stringify({ schedule: { rateMinutes: 7 } }));
    const first = await loadConfig({ env: {}, envFile: false, settingsFile });
    writeFileSync(settingsFile, JSON.stringify({ schedule: { rateMinutes: 8 } }));
    expect(await loadConfig({ env: {}, envFile: false, settingsFile })).toBe(first);
    const reloaded = await loadConfig({ env: {}, envFile: false, settingsFile, forceReload: true });
    expect(reloaded.settings.schedule.rateMinutes).toBe(8);
  });
});
