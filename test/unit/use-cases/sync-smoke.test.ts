import { Logger } from "@aws-lambda-powertools/logger";
import { syncRecords } from "../../../shared/use-cases/sync-records";
import { FakeSalesforceOrg } from "../../support/fakes/fake-salesforce-org";
import { InMemoryDeadLetterQueue } from "../../support/fakes/in-memory-queues";
import { InMemoryStateStore } from "../../support/fakes/in-memory-state-store";
import { rawCustomer, rawInvoice } from "../../support/fakes/jortt-records";
import { customerMessage, defaultSettings, incoming, invoiceMessage } from "../../support/fakes/sync-messages";

test("smoke", async () => {
  const org = new FakeSalesforceOrg();
  const state = new InMemoryStateStore();
  const dlq = new InMemoryDeadLetterQueue();
  const deps = { salesforce: org, state, deadLetters: dlq, settings: defaultSettings(), now: () => new Date("2026-11-28T12:00:00Z"), logger: new Logger({ logLevel: "SILENT" }) };
  const messages = [];
  for (let i = 0; i < 200; i++) {
    const c = rawCustomer();
    messages.push(incoming(invoiceMessage(rawInvoice(c), c)));
  }
  const r = await syncRecords(deps, messages, { runId: "r1", maxReceiveCount: 3 });
  console.log(JSON.stringify(r.counts), r.salesforceApiCalls, org.log.map((e) => `${e.op} ${e.sobject ?? ""} ${e.records ?? ""}`), r.results.slice(0,2), dlq.entries.slice(0,1));
  const r2 = await syncRecords(deps, messages, { runId: "r2", maxReceiveCount: 3 });
  console.log(JSON.stringify(r2.counts), r2.salesforceApiCalls);
});
