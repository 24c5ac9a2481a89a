for (const name of ["HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy"]) delete process.env[name];
import { Logger } from "@aws-lambda-powertools/logger";
import { createSalesforceClient } from "../shared/adapters/salesforce";
import { CompositeCollectionsGateway } from "../shared/adapters/salesforce/composite-collections-gateway";
import { syncRecords } from "../shared/use-cases/sync-records";
import { startSalesforceSandbox } from "../sim/salesforce";
import { InMemoryDeadLetterQueue } from "../test/support/fakes/in-memory-queues";
import { InMemoryStateStore } from "../test/support/fakes/in-memory-state-store";
import { rawCustomer, rawInvoice, rawLine } from "../test/support/fakes/jortt-records";
import { customerMessage, defaultSettings, incoming, invoiceMessage } from "../test/support/fakes/sync-messages";

(async () => {
  const personAccounts = process.argv[2] === "pa";
  const sandbox = await startSalesforceSandbox({ personAccounts });
  try {
    const client = createSalesforceClient({ SALESFORCE_LOGIN_URL: sandbox.loginUrl, SALESFORCE_CLIENT_ID: sandbox.clientId, SALESFORCE_CLIENT_SECRET: sandbox.clientSecret }, { retry: { maxAttempts: 2, baseDelayMs: 5, maxDelayMs: 10 } });
    const state = new InMemoryStateStore();
    const dlq = new InMemoryDeadLetterQueue();
    const deps = { salesforce: process.env.PLAIN ? client : new CompositeCollectionsGateway(client), state, deadLetters: dlq, settings: defaultSettings(), now: () => new Date(), logger: new Logger({ logLevel: "SILENT" }) };
    const model = personAccounts ? "person-accounts" as const : "account-contact" as const;
    // seed an adoptable contact and an ambiguous pair
    sandbox.insertRecords("Account", [{ Name: "Seed BV" }]);
    const seedAcc = sandbox.records("Account")[0]!;
    sandbox.insertRecords("Contact", [{ LastName: "Seed", Email: "seed@example.nl", AccountId: seedAcc.Id }, { LastName: "D1", Email: "dup@example.nl" }, { LastName: "D2", Email: "dup@example.nl" }]);
    const msgs = [];
    const adopt = rawCustomer({ email: "seed@example.nl" });
    const dup = rawCustomer({ email: "dup@example.nl" });
    msgs.push(incoming(customerMessage(adopt, { accountModel: model })), incoming(customerMessage(dup, { accountModel: model })));
    const priv = rawCustomer({ is_private: true, first_name: "Piet", last_name: "Vries", customer_name: "Piet Vries", email: "piet@example.nl" });
    msgs.push(incoming(customerMessage(priv, { accountModel: model })));
    const invs = [];
    for (let i = 0; i < 200; i++) { const c = rawCustomer(); const inv = rawInvoice(c); invs.push({c, inv}); msgs.push(incoming(invoiceMessage(inv, c, { accountModel: model }))); }
    msgs.push(incoming(invoiceMessage(rawInvoice(adopt), adopt, { accountModel: model })));
    const r = await syncRecords(deps, msgs, { runId: "r1", maxReceiveCount: 3 });
    console.log("batch1", r.counts, "calls", r.salesforceApiCalls, JSON.stringify(sandbox.apiCalls().byKind), r.stop, r.results.filter(x => x.outcome !== "synced").map(x => [x.key, x.outcome, x.code, x.reason]));
    console.log("counts", ["Account", "Contact", "Order", "OrderItem", "Product2", "PricebookEntry"].map((o) => `${o}=${sandbox.records(o).length}`).join(" "));
    // change: remove a line from one invoice
    const { c, inv } = invs[0]!;
    const changed = { ...inv, line_items: [rawLine({ description: "only" })] };
    const r2 = await syncRecords(deps, [incoming(invoiceMessage(changed, c, { accountModel: model }))], { runId: "r2", maxReceiveCount: 3 });
    console.log("batch2", r2.counts, "calls", r2.salesforceApiCalls, r2.results.map(x=>[x.outcome,x.code,x.reason]));
    // crash: state fails; redeliver
    state.failNextPuts = 1;
    const batch3 = []; for (let i = 0; i < 5; i++) { const c = rawCustomer(); batch3.push(incoming(invoiceMessage(rawInvoice(c), c, { accountModel: model }))); }
    const r3 = await syncRecords(deps, batch3, { runId: "r3", maxReceiveCount: 3 });
    const r4 = await syncRecords(deps, batch3.map(m => ({...m, receiveCount: 2})), { runId: "r4", maxReceiveCount: 3 });
    console.log("crash", r3.counts, r4.counts, r4.salesforceApiCalls, r4.results.filter(x=>x.outcome!=="synced"));
    console.log("counts", ["Account", "Contact", "Order", "OrderItem"].map((o) => `${o}=${sandbox.records(o).length}`).join(" "));
    // lock fault
    sandbox.setFaults({ lockRow: { next: 20 } });
    const c5 = rawCustomer();
    const r5 = await syncRecords(deps, [incoming(invoiceMessage(rawInvoice(c5), c5, { accountModel: model }))], { runId: "r5", maxReceiveCount: 3 });
    console.log("lock", r5.results, sandbox.faultsFired());
    sandbox.clearFaults();
    sandbox.setFaults({ requestLimit: { next: 1, kinds: ["upsert"] } });
    const c6 = rawCustomer();
    const r6 = await syncRecords(deps, [incoming(invoiceMessage(rawInvoice(c6), c6, { accountModel: model }))], { runId: "r6", maxReceiveCount: 3 });
    console.log("limit", r6.results, r6.stop);
  } finally { await sandbox.close(); }
})().catch((e) => { console.error(e); process.exit(1); });
