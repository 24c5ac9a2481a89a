import { startSalesforceSandbox } from "../../../sim/salesforce";
import { connectWithClientCredentials } from "./sandbox-connection";

it("leaves no handles", async () => {
  const sandbox = await startSalesforceSandbox();
  const conn = await connectWithClientCredentials(sandbox);
  await conn.query("SELECT Id FROM Account");
  await sandbox.close();
  await new Promise((r) => setTimeout(r, 200));
  const handles = (process as unknown as { _getActiveHandles(): unknown[] })._getActiveHandles();
  console.log(handles.map((h) => { const s = h as { constructor: { name: string }; remotePort?: number; localPort?: number; _type?: string; fd?: number }; return `${s.constructor.name}:${s.remotePort ?? ""}:${s.localPort ?? ""}:${s._type ?? ""}:${(s as {_handle?: {fd?: number}})._handle?.fd ?? ""}`; }));
  const reqs = (process as unknown as { _getActiveRequests(): unknown[] })._getActiveRequests();
  console.log(reqs.map((h) => (h as object).constructor.name));
});
