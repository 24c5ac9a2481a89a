import type { DmlEnvironment, ObjectRules } from "../dml/dml-environment";
import { RecordSaveError } from "../http/api-error";
import { formatDateTime } from "../model/coerce-field-value";
import { roundDecimal, toPlainDecimal } from "../model/decimal-text";
import type { SObjectRecord } from "../store/record-store";

/**
 * Orders and Order Products (reference §9.7): new orders are Draft; items need the order's price
 * book, an active entry in it, and a Draft order; OrderId/PricebookEntryId are fixed after insert.
 */
function itemsOf(orderId: unknown, env: DmlEnvironment): SObjectRecord[] {
  if (typeof orderId !== "string") return [];
  return env.store.findRecords("OrderItem", "OrderId", orderId);
}

function fieldIntegrity(message: string, fields: string[]): RecordSaveError {
  return new RecordSaveError("FIELD_INTEGRITY_EXCEPTION", `field integrity exception: ${message}`, fields);
}

function money(value: number): number {
  return Number(roundDecimal(toPlainDecimal(value) ?? "0", 2).text);
}

function validateOrder(order: SObjectRecord, previous: SObjectRecord | undefined, env: DmlEnvironment): void {
  if (order.AccountId === null) {
    throw new RecordSaveError("REQUIRED_FIELD_MISSING", "Required fields are missing: [AccountId]", ["AccountId"]);
  }
  if (!previous && order.Status !== "Draft") {
    throw fieldIntegrity("Status (an order must be created in Draft status)", ["Status"]);
  }
  if (order.Pricebook2Id !== null && order.Pricebook2Id !== previous?.Pricebook2Id) {
    const book = env.store.get("Pricebook2", String(order.Pricebook2Id));
    if (book && book.IsActive !== true && book.IsStandard !== true) {
      throw fieldIntegrity("Pricebook2Id (price book is not active)", ["Pricebook2Id"]);
    }
    if (previous && itemsOf(order.Id, env).length > 0) {
      throw fieldIntegrity("Pricebook2Id (cannot change the price book of an order that has order products)", [
        "Pricebook2Id",
      ]);
    }
  }
  if (previous && previous.Status !== order.Status && order.Status === "Activated") {
    if (itemsOf(order.Id, env).length === 0) {
      throw fieldIntegrity("Status (an order needs at least one order product to be activated)", ["Status"]);
    }
    order.ActivatedDate = formatDateTime(env.now());
  }
  if (order.Status === "Draft") order.ActivatedDate = null;
  order.StatusCode = order.Status ?? null;
  if (!previous) {
    order.OrderNumber = String(env.store.nextAutoNumber("OrderNumber", 100)).padStart(8, "0");
    order.TotalAmount = 0;
  }
}

function requireDraftOrder(item: SObjectRecord, env: DmlEnvironment): SObjectRecord | undefined {
  const order = env.store.get("Order", String(item.OrderId));
  if (order && order.StatusCode !== "Draft") {
    throw fieldIntegrity("OrderId (order products can only be added to, changed on or removed from a Draft order)", [
      "OrderId",
    ]);
  }
  return order;
}

function validateOrderItem(item: SObjectRecord, previous: SObjectRecord | undefined, env: DmlEnvironment): void {
  const order = requireDraftOrder(item, env);
  const entry = env.store.get("PricebookEntry", String(item.PricebookEntryId));
  if (!order || !entry) return; // the lookup checks report missing records
  if (!previous) {
    if (order.Pricebook2Id === null || order.Pricebook2Id !== entry.Pricebook2Id) {
      throw fieldIntegrity(
        "PricebookEntryId (pricebook entry is in a different pricebook than the one assigned to the Order, or Order has null pricebook)",
        ["PricebookEntryId"],
      );
    }
    if (entry.IsActive !== true)
      throw fieldIntegrity("PricebookEntryId (pricebook entry is inactive)", ["PricebookEntryId"]);
    item.Product2Id = entry.Product2Id ?? null;
    item.ListPrice = entry.UnitPrice ?? null;
    item.OrderItemNumber = String(env.store.nextAutoNumber("OrderItemNumber", 1)).padStart(10, "0");
  }
  item.TotalPrice = money(Number(item.Quantity ?? 0) * Number(item.UnitPrice ?? 0));
}

function refreshOrderTotal(orderId: unknown, env: DmlEnvironment): void {
  const order = env.store.get("Order", String(orderId));
  if (!order) return;
  const cents = itemsOf(orderId, env).reduce((sum, item) => sum + Math.round(Number(item.TotalPrice ?? 0) * 100), 0);
  env.store.put("Order", { ...order, TotalAmount: cents / 100 });
}

export const orderRules: ObjectRules = {
  beforeInsert: (record, env) => validateOrder(record, undefined, env),
  beforeUpdate: (record, previous, env) => validateOrder(record, previous, env),
  beforeDelete: (record) => {
    if (record.StatusCode === "Activated") {
      throw new RecordSaveError("DELETE_FAILED", "Cannot delete an activated order; set it back to Draft first");
    }
  },
  afterDelete: (record, env) => {
    for (const item of itemsOf(record.Id, env)) env.store.delete("OrderItem", String(item.Id));
  },
};

export const orderItemRules: ObjectRules = {
  beforeInsert: (record, env) => validateOrderItem(record, undefined, env),
  beforeUpdate: (record, previous, env) => validateOrderItem(record, previous, env),
  afterWrite: (record, _previous, env) => refreshOrderTotal(record.OrderId, env),
  beforeDelete: (record, env) => {
    requireDraftOrder(record, env);
  },
  afterDelete: (record, env) => refreshOrderTotal(record.OrderId, env),
};
