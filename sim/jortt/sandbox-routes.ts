import type { ServerResponse } from "node:http";
import type { z } from "zod";
import { JorttCreateCustomerBodySchema } from "../../shared/domain/jortt/create-customer-schema";
import {
  JorttCreateInvoiceV3BodySchema,
  JorttSendInvoiceBodySchema,
} from "../../shared/domain/jortt/create-invoice-schema";
import { JORTT_INVOICE_STATUS_FILTERS, type JorttInvoiceStatusFilter } from "../../shared/domain/jortt/invoice-schema";
import { isJorttId } from "../../shared/domain/jortt/jortt-primitives";
import type { SandboxInvoice } from "./sandbox-records";
import { type JorttErrorDetailOut, sendJorttError, sendJson } from "./sandbox-responses";
import { type JorttSandboxStore, SandboxValidationError } from "./sandbox-store";

/** Jortt pages hold at most 100 objects and have no page-size parameter (§4). */
export const PAGE_SIZE = 100;

export interface RouteRequest {
  method: string;
  path: string;
  url: URL;
  /** `http://host:port` the client used, for `_links`. */
  origin: string;
  params: Record<string, string>;
  readBody: () => Promise<string>;
  contentType: string | undefined;
}

export interface Route {
  method: "GET" | "POST";
  /** Named for stats, e.g. `GET /invoices/:id`. */
  name: string;
  pattern: RegExp;
  scope: string;
  handle: (store: JorttSandboxStore, req: RouteRequest, res: ServerResponse) => Promise<void> | void;
}

class ParamsInvalid extends Error {
  constructor(readonly details: JorttErrorDetailOut[]) {
    super("params.invalid");
  }
}

function pageParam(url: URL): number {
  const raw = url.searchParams.get("page");
  if (raw === null || raw === "") return 1;
  if (!/^\d+$/.test(raw) || Number(raw) < 1) {
    throw new ParamsInvalid([{ key: "is_invalid", param: "page", message: "is invalid" }]);
  }
  return Number(raw);
}

function queryParam(url: URL): string | undefined {
  const raw = url.searchParams.get("query");
  if (raw === null || raw === "") return undefined;
  if (raw.length < 3) {
    throw new ParamsInvalid([{ key: "is_invalid", param: "query", message: "must be at least 3 characters" }]);
  }
  return raw;
}

function statusParam(url: URL): JorttInvoiceStatusFilter | undefined {
  const raw = url.searchParams.get("invoice_status");
  if (raw === null || raw === "") return undefined;
  if (!(JORTT_INVOICE_STATUS_FILTERS as readonly string[]).includes(raw)) {
    throw new ParamsInvalid([
      { key: "does_not_have_a_valid_value", param: "invoice_status", message: "does not have a valid value" },
    ]);
  }
  return raw as JorttInvoiceStatusFilter;
}

function idParam(req: RouteRequest, param: "customer_id" | "invoice_id"): string {
  const id = req.params.id ?? "";
  if (!isJorttId(id)) throw new ParamsInvalid([{ key: "is_invalid", param, message: "is invalid" }]);
  return id.toLowerCase();
}

/**
 * `{data, _links}` for one page. Like the live API, the links keep `query` but drop
 * `invoice_status` (reference/jortt-api.md §4): a client that follows `next.href` loses its filter.
 */
function sendPage(res: ServerResponse, req: RouteRequest, items: readonly unknown[], page: number): void {
  const start = (page - 1) * PAGE_SIZE;
  const data = items.slice(start, start + PAGE_SIZE);
  const link = (target: number) => {
    const params = new URLSearchParams();
    const query = req.url.searchParams.get("query");
    if (query) params.set("query", query);
    params.set("page", String(target));
    return { href: `${req.origin}${req.path}?${params.toString().replace(/\+/g, "%20")}`, type: "application/json" };
  };
  const hasNext = start + PAGE_SIZE < items.length;
  sendJson(res, 200, {
    data,
    _links: {
      previous: page > 1 ? link(page - 1) : null,
      next: hasNext ? link(page + 1) : null,
      self: link(page),
      documentation: { href: "https://developer.jortt.nl/#pagination", type: "text/html" },
    },
  });
}

function possibleActions(invoice: SandboxInvoice): string[] {
  return invoice.invoice_status === "draft"
    ? ["edit", "delete", "send"]
    : ["credit", "copy", "download", "send_reminder"];
}

/** Grape-style parameter names: `line_items[0][description]`. */
function paramName(path: ReadonlyArray<PropertyKey>): string {
  const [head, ...rest] = path.map(String);
  return `${head ?? ""}${rest.map((part) => `[${part}]`).join("")}`;
}

function valueAt(body: unknown, path: ReadonlyArray<PropertyKey>): unknown {
  let current: unknown = body;
  for (const part of path) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<PropertyKey, unknown>)[part];
  }
  return current;
}

async function parseJsonBody<S extends z.ZodType>(req: RouteRequest, schema: S): Promise<z.output<S>> {
  const text = await req.readBody();
  let body: unknown;
  try {
    body = text.trim() === "" ? {} : JSON.parse(text);
  } catch {
    throw new SandboxFormatError();
  }
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  throw new ParamsInvalid(
    parsed.error.issues.map((issue) => {
      const missing = valueAt(body, issue.path) === undefined || issue.message === "is missing";
      return missing
        ? { key: "is_missing", param: paramName(issue.path), message: "is missing" }
        : { key: "is_invalid", param: paramName(issue.path), message: "is invalid" };
    }),
  );
}

class SandboxFormatError extends Error {}

const V1 = "(?:/v1)?";

export const ROUTES: Route[] = [
  {
    method: "GET",
    name: "GET /customers",
    pattern: new RegExp(`^${V1}/customers$`),
    scope: "customers:read",
    handle: (store, req, res) => {
      const page = pageParam(req.url);
      sendPage(res, req, store.listCustomers({ query: queryParam(req.url) }), page);
    },
  },
  {
    method: "POST",
    name: "POST /customers",
    pattern: new RegExp(`^${V1}/customers$`),
    scope: "customers:write",
    handle: async (store, req, res) => {
      const body = await parseJsonBody(req, JorttCreateCustomerBodySchema);
      sendJson(res, 201, { data: { id: store.createCustomer(body).id } });
    },
  },
  {
    method: "GET",
    name: "GET /customers/:id",
    pattern: new RegExp(`^${V1}/customers/(?<id>[^/]+)$`),
    scope: "customers:read",
    handle: (store, req, res) => {
      const id = idParam(req, "customer_id");
      const customer = store.customers.get(id);
      if (!customer) return sendJorttError(res, 404, "resource.not_found");
      sendJson(res, 200, {
        data: customer,
        _links: { extra_details: { href: `${req.origin}/customers/${id}/extra_details`, type: "application/json" } },
      });
    },
  },
  {
    method: "GET",
    name: "GET /invoices",
    pattern: new RegExp(`^${V1}/invoices$`),
    scope: "invoices:read",
    handle: (store, req, res) => {
      const page = pageParam(req.url);
      sendPage(res, req, store.listInvoices({ status: statusParam(req.url), query: queryParam(req.url) }), page);
    },
  },
  {
    method: "GET",
    name: "GET /invoices/:id",
    pattern: new RegExp(`^${V1}/invoices/(?<id>[^/]+)$`),
    scope: "invoices:read",
    handle: (store, req, res) => {
      const invoice = store.invoices.get(idParam(req, "invoice_id"));
      if (!invoice) return sendJorttError(res, 404, "resource.not_found");
      sendJson(res, 200, { data: invoice, possible_actions: possibleActions(invoice) });
    },
  },
  {
    method: "POST",
    name: "POST /v3/invoices",
    pattern: /^\/v3\/invoices$/,
    scope: "invoices:write",
    handle: async (store, req, res) => {
      const body = await parseJsonBody(req, JorttCreateInvoiceV3BodySchema);
      sendJson(res, 201, { data: { id: store.createInvoiceV3(body).id } });
    },
  },
  {
    method: "POST",
    name: "POST /invoices/:id/send",
    pattern: new RegExp(`^${V1}/invoices/(?<id>[^/]+)/send$`),
    scope: "invoices:write",
    handle: async (store, req, res) => {
      const id = idParam(req, "invoice_id");
      if (!store.invoices.has(id)) return sendJorttError(res, 404, "resource.not_found");
      const body = await parseJsonBody(req, JorttSendInvoiceBodySchema);
      store.sendInvoice(id, body.send_method);
      // Documented as 200 "No Content".
      sendJson(res, 200, undefined);
    },
  },
];

export function findRoute(
  method: string,
  path: string,
): { route: Route; params: Record<string, string> } | "method" | undefined {
  let pathMatched = false;
  for (const route of ROUTES) {
    const match = route.pattern.exec(path);
    if (!match) continue;
    pathMatched = true;
    if (route.method === method) return { route, params: { ...(match.groups ?? {}) } };
  }
  return pathMatched ? "method" : undefined;
}

/** Runs a route, turning validation failures into Jortt's 422 envelopes. */
export async function runRoute(
  route: Route,
  store: JorttSandboxStore,
  req: RouteRequest,
  res: ServerResponse,
): Promise<void> {
  try {
    await route.handle(store, req, res);
  } catch (error) {
    if (error instanceof ParamsInvalid) return sendJorttError(res, 422, "params.invalid", error.details);
    if (error instanceof SandboxFormatError) return sendJorttError(res, 422, "params.invalid_format");
    if (error instanceof SandboxValidationError)
      return sendJorttError(res, 422, error.key, error.details, error.message);
    throw error;
  }
}
