import type { JorttClient } from "../../../shared/adapters/jortt/jortt-client";
import type { SalesforceClient } from "../../../shared/adapters/salesforce/salesforce-client";
import type { JorttSource } from "../../../shared/ports/jortt-source";
import type { SalesforceGateway } from "../../../shared/ports/salesforce-gateway";
import { FakeJorttSource } from "../../support/fakes/fake-jortt-source";
import { FakeSalesforceOrg } from "../../support/fakes/fake-salesforce-org";

// Compile-time contract (checked by `tsc`, which `npm test` runs first): the real adapters satisfy
// the ports the use cases take, as they are, with no wrapper; so do the fakes these tests use.
const salesforceClientIsAGateway = (client: SalesforceClient): SalesforceGateway => client;
const jorttClientIsASource = (client: JorttClient): JorttSource => client;

test("the adapters and the fakes implement the ports", () => {
  expect(typeof salesforceClientIsAGateway).toBe("function");
  expect(typeof jorttClientIsASource).toBe("function");
  const gateway: SalesforceGateway = new FakeSalesforceOrg();
  const source: JorttSource = new FakeJorttSource();
  expect(gateway.callCount).toBe(0);
  expect(source.requestCount).toBe(0);
});
