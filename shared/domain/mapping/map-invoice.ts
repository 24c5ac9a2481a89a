import type { JorttInvoice, JorttInvoiceLine } from "../jortt/invoice-schema";
import { isInvoicePaid } from "../jortt/invoice-schema";
import { centsToDecimalNumber, vatToPercentNumber } from "../money";
import { recordKey as makeRecordKey } from "../record-key";
import { EXTERNAL_ID_FIELD, SOBJECT_OF } from "../salesforce/field-catalog";
import { cleanText } from "./clean-text";
import { exactDecimalNumber } from "./exact-number";
import { finishRecord } from "./finish-record";
import { type MappingProblem, mappingDataError } from "./mapping-data-error";
import type {
  InvoiceMapping,
  MappingContext,
  MappingWarning,
  OrderItemRecord,
  PricebookEntryDraft,
  SObjectFields,
  UpsertRecord,
} from "./mapping-types";
import { type LineProduct, productForLine } from "./product-for-line";

const INVOICE_ID = EXTERNAL_ID_FIELD.Order;
const LINE_ID = EXTERNAL_ID_FIELD.OrderItem;
const PRODUCT_KEY = EXTERNAL_ID_FIELD.Product2;
const CUSTOMER_ID = EXTERNAL_ID_FIELD.Account;

/** `<invoiceId>:<index>`, 0-based: the OrderItem external id. */
export function lineExternalId(invoiceId: string, index: number): string {
  return `${invoiceId}:${index}`;
}

/** Order Status from settings.orderStatus; `paid` (sent, nothing due) falls back to the `sent` value. */
function orderStatus(invoice: JorttInvoice, ctx: MappingContext): string {
  const map = ctx.settings.orderStatus;
  if (isInvoicePaid(invoice)) return map.paid ?? map.sent;
  return map[invoice.invoice_status];
}

function orderFields(invoice: JorttInvoice, customerId: string, ctx: MappingContext): SObjectFields {
  return {
    [INVOICE_ID]: invoice.id,
    Account: { [CUSTOMER_ID]: customerId },
    // The date string as Jortt gives it: never through a Date, which would shift it by time zone.
    EffectiveDate: invoice.invoice_date,
    Status: orderStatus(invoice, ctx),
    ...(ctx.standardPricebookId ? { Pricebook2Id: ctx.standardPricebookId } : {}),
    BillingStreet: cleanText(invoice.customer_address_street),
    BillingPostalCode: cleanText(invoice.customer_address_postal_code),
    BillingCity: cleanText(invoice.customer_address_city),
    BillingCountry: cleanText(invoice.customer_address_country_code),
    Jortt_Invoice_Number__c: cleanText(invoice.invoice_number),
    Jortt_Status__c: invoice.invoice_status,
    Jortt_Paid__c: isInvoicePaid(invoice),
    Jortt_Due_Date__c: invoice.invoice_due_date,
    Jortt_Total_Excl_VAT__c: centsToDecimalNumber(invoice.invoice_total.cents),
    Jortt_Total_Incl_VAT__c: centsToDecimalNumber(invoice.invoice_total_incl_vat.cents),
    Jortt_Due_Amount__c: centsToDecimalNumber(invoice.invoice_due_amount.cents),
    Jortt_Credited_Invoice_Id__c: invoice.credited_invoice_id,
  };
}

function orderItemFields(invoice: JorttInvoice, line: JorttInvoiceLine, index: number): SObjectFields {
  return {
    [LINE_ID]: lineExternalId(invoice.id, index),
    Order: { [INVOICE_ID]: invoice.id },
    // Exact decimal texts turned into numbers without arithmetic (see exact-number.ts).
    Quantity: exactDecimalNumber(line.quantity),
    UnitPrice: centsToDecimalNumber(line.amount_per_unit.cents),
    Description: cleanText(line.description),
    Jortt_VAT_Rate__c: line.vat_basis_points === null ? null : vatToPercentNumber(line.vat_basis_points),
  };
}

function productFields(product: LineProduct): SObjectFields {
  return {
    [PRODUCT_KEY]: product.key,
    Name: product.name,
    ...(product.productCode === null ? {} : { ProductCode: product.productCode }),
    IsActive: true,
  };
}

/**
 * The standard-book entry a product needs before any OrderItem can use it. Its list price is 0:
 * every OrderItem carries Jortt's exact unit price, and a first-seen price would depend on which
 * invoice happened to be synced first.
 */
function pricebookEntry(productKey: string, ctx: MappingContext): PricebookEntryDraft {
  return {
    productKey,
    fields: {
      ...(ctx.standardPricebookId ? { Pricebook2Id: ctx.standardPricebookId } : {}),
      Product2: { [PRODUCT_KEY]: productKey },
      UnitPrice: 0,
      IsActive: true,
    },
  };
}

function upsertRecord(object: UpsertRecord["object"], field: string, id: string, fields: SObjectFields): UpsertRecord {
  return { object, sobject: SOBJECT_OF[object], externalIdField: field, externalId: id, fields };
}

/**
 * A Jortt invoice → Order (by `Jortt_Invoice_Id__c`, linked to its Account by the customer's
 * `Jortt_Customer_Id__c`) + one OrderItem per line + the Product2 records and standard-book
 * PricebookEntries the lines need (ARCHITECTURE.md "Default mapping"). Amounts are exact.
 * The caller sets each OrderItem's `PricebookEntryId` from its `productKey`.
 *
 * Throws a data-class SyncError naming every unusable required value (no customer, no invoice
 * date, an override that empties a required field); optional problems become warnings.
 */
export function mapInvoice(invoice: JorttInvoice, ctx: MappingContext): InvoiceMapping {
  const recordKey = makeRecordKey("invoice", invoice.id);
  const problems: MappingProblem[] = [];
  const warnings: MappingWarning[] = [];
  if (!invoice.customer_id) problems.push({ field: "Order.AccountId", reason: "the invoice has no customer_id" });
  if (!invoice.invoice_date) problems.push({ field: "Order.EffectiveDate", reason: "the invoice has no invoice_date" });
  const customerId = invoice.customer_id ?? "";

  const order = finishRecord("Order", orderFields(invoice, customerId, ctx), { invoice }, ctx.settings, recordKey);
  problems.push(...order.problems.filter((p) => !problems.some((known) => known.field === p.field)));
  warnings.push(...order.warnings);

  const orderItems: OrderItemRecord[] = [];
  const products = new Map<string, UpsertRecord>();
  invoice.line_items.forEach((line, index) => {
    const product = productForLine(line, ctx.settings.products);
    const item = finishRecord(
      "OrderItem",
      orderItemFields(invoice, line, index),
      { line, invoice },
      ctx.settings,
      recordKey,
    );
    problems.push(...item.problems.map((p) => ({ ...p, field: `line_items[${index}] ${p.field}` })));
    warnings.push(...item.warnings);
    const externalId = lineExternalId(invoice.id, index);
    orderItems.push({ ...upsertRecord("OrderItem", LINE_ID, externalId, item.fields), productKey: product.key });
    if (!products.has(product.key)) {
      const finished = finishRecord("Product2", productFields(product), { line }, ctx.settings, recordKey);
      problems.push(...finished.problems);
      warnings.push(...finished.warnings);
      products.set(product.key, upsertRecord("Product2", PRODUCT_KEY, product.key, finished.fields));
    }
  });

  if (problems.length > 0) {
    throw mappingDataError(
      recordKey,
      problems,
      "Complete the invoice in Jortt, or correct the mapping override of the named field.",
    );
  }
  return {
    kind: "invoice",
    recordKey,
    customerId,
    records: {
      order: upsertRecord("Order", INVOICE_ID, invoice.id, order.fields),
      orderItems,
      products: [...products.values()],
      pricebookEntries: [...products.keys()].map((key) => pricebookEntry(key, ctx)),
    },
    warnings,
  };
}
