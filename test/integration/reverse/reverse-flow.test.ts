import type { JorttClient } from "../../../shared/adapters/jortt/jortt-client";
import { parseSettings } from "../../../shared/config/parse-settings";
import type { RecordState, StateStore } from "../../../shared/ports/state-store";
import { useAwsEmulators } from "../../support/aws-emulators";
import { clientFor } from "../jortt/sandbox-client";
import {
  PAYMENT_METHODS,
  PAYMENT_TERMS,
  PRICES,
  QUANTITIES,
  type SeededOrg,
  seedReverseOrg,
  VAT_RATES,
} from "./reverse-org-fixtures";
import { ReversePipeline } from "./reverse-pipeline";
import { useReverseHarness } from "./support/reverse-harness";
import { REVERSE_PAYMENT_SETTINGS } from "./support/reverse-payment-settings";

useAwsEmulators();

const harness = useReverseHarness();

/**
 * A fetch for the Jortt client that delivers the chosen `POST /v3/invoices` calls to Jortt (the
 * invoice IS created) and then loses the response, as a timeout or a dropped connection would.
 */
function losingCreateResponses(lose: ReadonlySet<number>): { fetch: typeof fetch; lost: () => number } {
  let creates = 0;
  let lost = 0;
  const wrapped: typeof fetch = async (input, init) => {
    const response = await fetch(input, init);
    if (init?.method === "POST" && String(input).endsWith("/v3/invoices")) {
      creates += 1;
      if (lose.has(creates)) {
        lost += 1;
        await response.text();
        throw new TypeError("fetch failed", {
          cause: Object.assign(new Error("socket hang up"), { code: "ECONNRESET" }),
        });
      }
    }
    return response;
  };
  return { fetch: wrapped, lost: () => lost };
}

/** The first `failures` single-record state writes fail: a crash between the Jortt create and state. */
function failingFirstStateWrites(failures: number): { wrap: (state: StateStore) => StateStore; failed: () => number } {
  let failed = 0;
  return {
    failed: () => failed,
    wrap: (state) =>
      new Proxy(state, {
        get(target, property, receiver) {
          if (property !== "putRecordStates") return Reflect.get(target, property, receiver);
          return async (states: readonly RecordState[]) => {
            if (states.length === 1 && failed < failures) {
              failed += 1;
              throw new Error("simulated crash before the state write");
            }
            return target.putRecordStates(states);
          };
        },
      }),
  };
}

function invoicesByReference(): Map<string, string[]> {
  const byReference = new Map<string, string[]>();
  for (const invoice of harness.jorttSandbox.store.invoices.values()) {
    if (!invoice.reference) continue;
    byReference.set(invoice.reference, [...(byReference.get(invoice.reference) ?? []), invoice.id]);
  }
  return byReference;
}

function addDays(date: string, days: number): string {
  const [year, month, day] = date.split("-").map(Number);
  return new Date(Date.UTC(year ?? 0, (month ?? 1) - 1, (day ?? 1) + days)).toISOString().slice(0, 10);
}

describe("reverse flow end to end (select → SQS → push; Salesforce and Jortt sandboxes over HTTP)", () => {
  it("turns 50 selected Orders into exactly 50 draft Jortt invoices through lost responses, failed writes, a crash and duplicate deliveries", async () => {
    const org: SeededOrg = seedReverseOrg(harness.salesforceSandbox, harness.jorttSandbox, 50);
    const losing = losingCreateResponses(new Set([3, 11, 19, 27, 35]));
    const jortt: JorttClient = clientFor(harness.jorttSandbox, { fetch: losing.fetch });
    const stateFaults = failingFirstStateWrites(2);
    // Jortt: the first calls answer 503 (rejected before processing; the client may repeat them).
    harness.jorttSandbox.setFaults({ failNext: [{ status: 503 }, { status: 503 }] });
    // Salesforce: the first 12 updates answer 503: the first Account link and the first Order
    // write-back exhaust their 4 attempts each (the Jortt invoices exist; Salesforce does not know yet).
    harness.salesforceSandbox.setFaults({ serverUnavailable: { next: 12, kinds: ["update"] } });
    const pipeline = await ReversePipeline.create({
      salesforce: harness.salesforce,
      jortt,
      settings: parseSettings({ flows: { salesforceToJortt: true }, reverse: REVERSE_PAYMENT_SETTINGS }),
      wrapState: stateFaults.wrap,
      // The third invocation dies after its work is done (a Lambda timeout): SQS redelivers all of it.
      afterPush: (_result, invocation) => {
        if (invocation === 3) throw new Error("simulated crash after the push");
      },
    });
    try {
      const first = await pipeline.select("poll-1");
      expect(first.status).toBe("succeeded");
      expect(first.counts.ordersSelected).toBe(52); // 50 good + no products + ambiguous; 3 unselected left out
      expect(first.counts.ordersEnqueued).toBe(52);
      // The same messages delivered twice (a replay, or an overlap the cursor could not remember).
      const replayed = await pipeline.select("poll-1-replayed");
      expect(replayed.counts.ordersAlreadyQueued).toBe(52);
      const duplicates = org.good.slice(0, 10).map((order) => ({
        v: 1 as const,
        runId: "replay",
        key: `order:${order.id}`,
        hash: "replayed",
        kind: "order" as const,
        orderId: order.id,
        systemModstamp: String(harness.order(order.id).SystemModstamp),
      }));
      await pipeline.enqueue(duplicates);

      const drained = await pipeline.drain();
      expect(drained.failedDeliveries).toBeGreaterThan(0);

      // Converge: later polls re-select nothing that is done; dead-lettered Orders stay held.
      const second = await pipeline.select("poll-2");
      expect(second.counts.ordersEnqueued).toBe(0);
      await pipeline.drain();

      // Exactly once: one invoice per good Order, none for the rest.
      const byReference = invoicesByReference();
      expect(harness.jorttSandbox.store.invoices.size).toBe(50);
      for (const order of org.good) expect(byReference.get(order.id)).toHaveLength(1);
      for (const order of [org.noItems, org.ambiguous, ...org.unselected])
        expect(byReference.has(order.id)).toBe(false);

      // Written back: the id, the draft status, no error.
      for (const order of org.good) {
        const row = harness.order(order.id);
        expect(row.Jortt_Invoice_Id__c).toBe(byReference.get(order.id)?.[0]);
        expect(row.Jortt_Status__c).toBe("draft");
        expect(row.Jortt_Invoice_Number__c).toBeNull();
        expect(row.Jortt_Sync_Error__c).toBeNull();
      }

      // Mapping: lines exact, VAT as given or the default 21 %, payment term and method mapped.
      for (const order of org.good) {
        const invoice = harness.jorttSandbox.store.invoices.get(byReference.get(order.id)?.[0] ?? "");
        if (!invoice) throw new Error("missing invoice");
        expect(invoice.invoice_status).toBe("draft");
        expect(invoice.line_items).toHaveLength(order.itemCount);
        invoice.line_items.forEach((line, index) => {
          expect(line.number_of_units).toBe(String(QUANTITIES[index % QUANTITIES.length]));
          expect(line.amount_per_unit.value).toBe(PRICES[(order.index + index) % PRICES.length]?.toFixed(2));
          expect(line.vat_percentage).toBe(`${VAT_RATES[(order.index + index) % VAT_RATES.length] ?? 21}.0`);
          expect(line.description).toBe(index === 2 ? "Consultancy hour" : `Order ${order.index} line ${index}`);
        });
        const term = PAYMENT_TERMS[order.index % PAYMENT_TERMS.length];
        const days = term === "Net 14" ? 14 : term === "45" ? 45 : 30;
        expect(invoice.invoice_due_date).toBe(addDays(invoice.invoice_date, days));
        const method = PAYMENT_METHODS[order.index % PAYMENT_METHODS.length];
        expect(invoice.payment_method).toBe(
          method === "Direct Debit" ? "direct_debit" : method === "already_paid" ? "already_paid" : "pay_later",
        );
      }

      // Customers: reused when linked or matched by e-mail, created once per other Account, linked back.
      const accounts = harness.salesforceSandbox.records("Account");
      for (const seeded of org.accounts.filter((account) => account.kind !== "ambiguous")) {
        const account = accounts.find((record) => record.Id === seeded.id);
        const customerId = account?.Jortt_Customer_Id__c as string;
        if (seeded.jorttCustomerId) expect(customerId).toBe(seeded.jorttCustomerId);
        const customer = harness.jorttSandbox.store.customers.get(customerId);
        expect(customer).toBeDefined();
        if (seeded.kind !== "linked" && seeded.kind !== "email-match") expect(customer?.reference).toBe(seeded.id);
        for (const order of org.good.filter((candidate) => candidate.accountId === seeded.id)) {
          expect(harness.jorttSandbox.store.invoices.get(byReference.get(order.id)?.[0] ?? "")?.customer_id).toBe(
            customerId,
          );
        }
      }
      const created = [...harness.jorttSandbox.store.customers.values()].filter(
        (customer) => customer.reference !== null,
      );
      expect(created).toHaveLength(7); // 9 Accounts - linked - e-mail match

      // The Orders that cannot be invoiced: dead-lettered/quarantined once, with the reason on the Order.
      const letters = await pipeline.deadLetters();
      expect(letters.map((letter) => letter.reason.code).sort()).toEqual([
        "AMBIGUOUS_EMAIL_MATCH",
        "mapping.invalid-record",
      ]);
      expect(harness.order(org.noItems.id).Jortt_Sync_Error__c).toMatch(/^mapping\.invalid-record: .*no products/);
      expect(harness.order(org.ambiguous.id).Jortt_Sync_Error__c).toMatch(/^AMBIGUOUS_EMAIL_MATCH/);

      // The failures really happened.
      expect(losing.lost()).toBe(5);
      expect(stateFaults.failed()).toBe(2);
      expect(harness.salesforceSandbox.faultsFired().serverUnavailable).toBe(12);
      // A lost response is a create the flow never saw: the redelivery found it by reference.
      expect(pipeline.total("invoicesCreated") + losing.lost()).toBe(50);
      expect(pipeline.total("invoicesLinked")).toBeGreaterThanOrEqual(losing.lost());
      expect(pipeline.total("customersCreated")).toBe(7);
      const outcomes = pipeline.outcomes();
      console.info("reverse e2e figures", {
        deliveries: drained.deliveries,
        failedDeliveries: drained.failedDeliveries,
        invocations: drained.invocations,
        outcomes,
        invoicesCreated: pipeline.total("invoicesCreated"),
        invoicesLinked: pipeline.total("invoicesLinked"),
        customersCreated: pipeline.total("customersCreated"),
        lostCreateResponses: losing.lost(),
        jorttRequests: pipeline.total("jorttRequests"),
        salesforceApiCalls: pipeline.total("salesforceApiCalls"),
      });
    } finally {
      pipeline.close();
    }
  });
});
