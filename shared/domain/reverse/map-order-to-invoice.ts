import type { Settings } from "../../config/settings-schema";
import {
  buildV3LineItem,
  type JorttCreateInvoiceV3Body,
  type JorttV3LineItemBody,
} from "../jortt/create-invoice-schema";
import { isCalendarDate } from "../jortt/jortt-primitives";
import { cleanText } from "../mapping/clean-text";
import { type MappingProblem, mappingDataError } from "../mapping/mapping-data-error";
import { parseVatPercent, tryNormalizeQuantity, tryParseCents, tryParseVatPercent } from "../money";
import { recordKey } from "../record-key";
import { resolvePaymentMethod, resolvePaymentTermDays } from "./payment-terms";
import type { OrderItemRow, OrderRow } from "./salesforce-order-rows";

/** Something the record report should show: codes and field names, never values. */
export interface ReverseNotice {
  code: string;
  message: string;
}

export interface OrderInvoiceMapping {
  body: JorttCreateInvoiceV3Body;
  notices: ReverseNotice[];
}

export const MAPPING_HINT =
  "Fix the Order (or its products) in Salesforce; the next change to the Order sends it again.";

/**
 * A Salesforce Order and its OrderItems → the body of `POST /v3/invoices` (reference/jortt-api.md
 * §6): one line per OrderItem (description, quantity as an exact numeric string, unit price as
 * `{amount, currency:"EUR"}`, VAT as a fraction read exactly from the item's `Jortt_VAT_Rate__c`
 * percent, else `reverse.defaultVatPercent`); `reference` = the Order Id (what makes a retried
 * create detectable); draft unless `reverse.sendMethod`; payment term and method from the
 * configured maps. No floats anywhere: amounts go through cents, VAT through basis points.
 *
 * Throws one data-class SyncError listing every unusable value.
 */
export function mapOrderToInvoice(
  order: OrderRow,
  lines: readonly OrderItemRow[],
  customerId: string,
  settings: Settings,
): OrderInvoiceMapping {
  const reverse = settings.reverse;
  const key = recordKey("order", order.Id);
  const problems: MappingProblem[] = [];
  const notices: ReverseNotice[] = [];
  if (lines.length === 0)
    problems.push({ field: "OrderItem", reason: "the Order has no products (Jortt needs a line)" });
  const lineItems = lines.flatMap((line, index) => {
    const mapped = mapLine(line, reverse.defaultVatPercent);
    if ("problems" in mapped) {
      problems.push(
        ...mapped.problems.map((problem) => ({ ...problem, field: `OrderItem[${index}].${problem.field}` })),
      );
      return [];
    }
    return [mapped.line];
  });

  let invoiceDate: string | undefined;
  if (reverse.invoiceDate === "order-effective-date") {
    if (order.EffectiveDate && isCalendarDate(order.EffectiveDate)) invoiceDate = order.EffectiveDate;
    else
      problems.push({ field: "Order.EffectiveDate", reason: "missing or not a date (settings.reverse.invoiceDate)" });
  }
  if (problems.length > 0) throw mappingDataError(key, problems, MAPPING_HINT);

  const term = resolvePaymentTermDays(order, reverse);
  if (term.unmapped) {
    notices.push({
      code: "payment-term.unmapped",
      message: `Order.${reverse.paymentTermDays.field} has a value without a mapping; the default term was used`,
    });
  }
  const method = resolvePaymentMethod(order, reverse);
  if (method.unmapped) {
    notices.push({
      code: "payment-method.unmapped",
      message: `Order.${reverse.paymentMethodField} has a value without a mapping; the default method was used`,
    });
  }

  const body: JorttCreateInvoiceV3Body = {
    customer_id: customerId,
    reference: order.Id,
    // Salesforce UnitPrice is the price excluding VAT.
    net_amounts: false,
    line_items: lineItems,
    ...(invoiceDate ? { invoice_date: invoiceDate } : {}),
    ...(term.value === null ? {} : { payment_term: term.value }),
    ...(method.value === null ? {} : { payment_method: method.value }),
    ...(reverse.sendMethod === null ? {} : { send_method: reverse.sendMethod }),
  };
  return { body, notices };
}

type LineResult = { line: JorttV3LineItemBody } | { problems: MappingProblem[] };

function mapLine(line: OrderItemRow, defaultVatPercent: number): LineResult {
  const problems: MappingProblem[] = [];
  const description = cleanText(line.Description) ?? cleanText(line.Product2?.Name);
  if (description === null) problems.push({ field: "Description", reason: "empty, and the product has no name" });
  const quantity = line.Quantity === null ? undefined : tryNormalizeQuantity(line.Quantity);
  if (!quantity?.ok) problems.push({ field: "Quantity", reason: quantity ? quantity.reason : "empty" });
  const price = line.UnitPrice === null ? undefined : tryParseCents(line.UnitPrice);
  if (!price?.ok) problems.push({ field: "UnitPrice", reason: price ? price.reason : "empty" });
  const vat =
    line.Jortt_VAT_Rate__c === null
      ? { ok: true as const, value: parseVatPercent(defaultVatPercent, "reverse.defaultVatPercent") }
      : tryParseVatPercent(line.Jortt_VAT_Rate__c);
  if (!vat.ok) problems.push({ field: "Jortt_VAT_Rate__c", reason: vat.reason });
  if (problems.length > 0 || description === null || !quantity?.ok || !price?.ok || !vat.ok) return { problems };
  return {
    line: buildV3LineItem({
      description,
      quantity: quantity.value,
      unitPriceCents: price.value,
      vatBasisPoints: vat.value,
    }),
  };
}
