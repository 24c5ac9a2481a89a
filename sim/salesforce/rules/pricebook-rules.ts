import type { DmlEnvironment, ObjectRules } from "../dml/dml-environment";
import { RecordSaveError } from "../http/api-error";
import type { SObjectRecord } from "../store/record-store";

/**
 * Price books (reference §9.7): the standard book always exists and cannot be deleted; a product
 * needs a standard-book entry before any custom-book entry; one entry per product per book.
 */
export function standardPricebookId(env: DmlEnvironment): string | undefined {
  const standard = env.store.all("Pricebook2").find((book) => book.IsStandard === true);
  return standard ? String(standard.Id) : undefined;
}

function validateEntry(entry: SObjectRecord, previous: SObjectRecord | undefined, env: DmlEnvironment): void {
  const product = env.store.get("Product2", String(entry.Product2Id));
  const book = env.store.get("Pricebook2", String(entry.Pricebook2Id));
  if (!product || !book) return; // lookup checks report these
  entry.Name = product.Name ?? null;
  entry.ProductCode = product.ProductCode ?? null;
  if (previous) return;
  const entries = env.store.findRecords("PricebookEntry", "Product2Id", entry.Product2Id ?? null);
  if (entries.some((candidate) => candidate.Pricebook2Id === entry.Pricebook2Id)) {
    throw new RecordSaveError("DUPLICATE_VALUE", "This price definition already exists in this price book", [
      "Pricebook2Id",
    ]);
  }
  if (book.IsStandard === true) {
    if (entry.UseStandardPrice === true) {
      throw new RecordSaveError(
        "FIELD_INTEGRITY_EXCEPTION",
        "field integrity exception: UseStandardPrice (a standard price book entry cannot use the standard price)",
        ["UseStandardPrice"],
      );
    }
    return;
  }
  const standardId = standardPricebookId(env);
  if (!entries.some((candidate) => candidate.Pricebook2Id === standardId)) {
    throw new RecordSaveError("STANDARD_PRICE_NOT_DEFINED", "No standard price defined for this product", [
      "Product2Id",
    ]);
  }
}

export const pricebookEntryRules: ObjectRules = {
  beforeInsert: (record, env) => validateEntry(record, undefined, env),
  beforeUpdate: (record, previous, env) => validateEntry(record, previous, env),
};

export const pricebook2Rules: ObjectRules = {
  beforeInsert: (record) => {
    record.IsStandard = false;
  },
  beforeDelete: (record) => {
    if (record.IsStandard === true) {
      throw new RecordSaveError("DELETE_FAILED", "Cannot delete the standard price book");
    }
  },
};

export const product2Rules: ObjectRules = {
  afterWrite: (record, previous, env) => {
    // Entries show the product's Name and ProductCode.
    if (!previous || (previous.Name === record.Name && previous.ProductCode === record.ProductCode)) return;
    for (const entry of env.store.findRecords("PricebookEntry", "Product2Id", record.Id ?? null)) {
      env.store.put("PricebookEntry", { ...entry, Name: record.Name ?? null, ProductCode: record.ProductCode ?? null });
    }
  },
  beforeDelete: (record, env) => {
    const used = env.store.findIds("OrderItem", "Product2Id", record.Id ?? null).length > 0;
    if (used) throw new RecordSaveError("DELETE_FAILED", "This product is used by order products");
  },
};
