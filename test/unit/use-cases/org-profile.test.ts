import {
  ACCOUNT_MODEL_CURSOR,
  resolveAccountModel,
  resolvePersonAccountRecordTypeId,
  resolveStandardPricebookId,
} from "../../../shared/use-cases/org-profile";
import { UseCaseHarness } from "../../support/fakes/use-case-harness";

describe("org profile (cached in state for 24 h)", () => {
  test("auto: one describe decides the model, then the cursor answers until it is 24 h old", async () => {
    const h = new UseCaseHarness();
    const deps = h.syncDeps();
    expect(await resolveAccountModel(deps, "auto")).toBe("account-contact");
    expect(await resolveAccountModel(deps, "auto")).toBe("account-contact");
    expect(h.org.calls("describe")).toHaveLength(1);
    h.advance(24 * 60 * 60 * 1000);
    await resolveAccountModel(deps, "auto");
    expect(h.org.calls("describe")).toHaveLength(2);
  });

  test("a changed setting is not answered from the cache", async () => {
    const h = new UseCaseHarness({ org: { personAccounts: true } });
    const deps = h.syncDeps();
    expect(await resolveAccountModel(deps, "auto")).toBe("person-accounts");
    expect(await resolveAccountModel(deps, "account-contact")).toBe("account-contact");
    expect(JSON.parse(h.state.cursors.get(ACCOUNT_MODEL_CURSOR) ?? "{}")).toMatchObject({ setting: "account-contact" });
  });

  test("person-accounts set for an org without them is a configuration error before any record moves", async () => {
    const h = new UseCaseHarness();
    await expect(resolveAccountModel(h.syncDeps(), "person-accounts")).rejects.toMatchObject({
      errorClass: "configuration",
      code: "config.account-model.unavailable",
    });
  });

  test("record type and standard price book: one query each, then cached", async () => {
    const h = new UseCaseHarness({ org: { personAccounts: true } });
    const deps = h.syncDeps();
    expect(await resolvePersonAccountRecordTypeId(deps, "auto")).toBe(h.org.personRecordTypeId);
    expect(await resolvePersonAccountRecordTypeId(deps, "auto")).toBe(h.org.personRecordTypeId);
    expect(await resolveStandardPricebookId(deps)).toBe(h.org.standardPricebookId);
    expect(await resolveStandardPricebookId(deps)).toBe(h.org.standardPricebookId);
    expect(h.org.log.map((entry) => entry.op)).toEqual(["describe", "query", "query"]);
  });

  test("a corrupt cursor is ignored and resolved again", async () => {
    const h = new UseCaseHarness();
    h.state.cursors.set(ACCOUNT_MODEL_CURSOR, "{not json");
    expect(await resolveAccountModel(h.syncDeps(), "auto")).toBe("account-contact");
  });

  test("an expired cache is still used when the describe fails transiently (asked again next time)", async () => {
    const h = new UseCaseHarness({ org: { personAccounts: true } });
    const deps = h.syncDeps();
    expect(await resolveAccountModel(deps, "auto")).toBe("person-accounts");
    h.advance(25 * 60 * 60 * 1000);
    h.org.failCall({ op: "describe" }, "SERVER_UNAVAILABLE");
    expect(await resolveAccountModel(deps, "auto")).toBe("person-accounts");
    h.org.failCall({ op: "describe" }, "INVALID_SESSION_ID");
    await expect(resolveAccountModel(deps, "auto")).rejects.toMatchObject({ errorClass: "configuration" });
    expect(await resolveAccountModel(deps, "auto")).toBe("person-accounts");
    expect(h.org.calls("describe")).toHaveLength(4);
  });
});
