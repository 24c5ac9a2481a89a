import { Logger } from "@aws-lambda-powertools/logger";
import { syncRecords } from "../shared/use-cases/sync-records";
import { FakeSalesforceOrg } from "../test/support/fakes/fake-salesforce-org";
import { InMemoryDeadLetterQueue } from "../test/support/fakes/in-memory-queues";
import { InMemoryStateStore } from "../test/support/fakes/in-memory-state-store";
import { rawCustomer, rawInvoice } from "../test/support/fakes/jortt-records";
import { defaultSettings, incoming, invoiceMessage } from "../test/support/fakes/sync-messages";
(async () => {
  let t = Date.now();
  const messages = [];
  for (let i = 0; i < 200; i++) { const c = rawCustomer(); messages.push(incoming(invoiceMessage(rawInvoice(c), c))); }
  console.log("build", Date.now() - t); t = Date.now();
  const org = new FakeSalesforceOrg();
  const deps = { salesforce: org, state: new InMemoryStateStore(), deadLetters: new InMemoryDeadLetterQueue(), settings: defaultSettings(), now: () => new Date(), logger: new Logger({ logLevel: "SILENT" }) };
  const r = await syncRecords(deps, messages, { runId: "r1", maxReceiveCount: 3 });
  console.log("sync", Date.now() - t, r.counts);
})();
