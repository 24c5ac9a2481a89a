import { createHash } from "node:crypto";
import type { Settings } from "../../config/settings-schema";
import type { JorttInvoiceLine } from "../jortt/invoice-schema";
import { compilePattern } from "./compile-pattern";

/** The product a line is booked on: its key (Product2.Jortt_Product_Key__c), name and code. */
export interface LineProduct {
  key: string;
  name: string;
  productCode: string | null;
}

export const DEFAULT_PRODUCT_KEY = "default";
const KEY_MAX_LENGTH = 255;

/** Case, accents' composed form and runs of white space do not make a different product. */
export function normalizeDescription(description: string | null): string {
  return (description ?? "").normalize("NFC").replace(/\s+/g, " ").trim().toLowerCase();
}

/** A key that fits the 255-character external id: long ones keep a readable head plus a hash of the whole. */
function boundedKey(prefix: string, value: string): string {
  const key = `${prefix}${value}`;
  if (key.length <= KEY_MAX_LENGTH) return key;
  const digest = createHash("sha256").update(value).digest("hex").slice(0, 16);
  return `${key.slice(0, KEY_MAX_LENGTH - digest.length - 1)}#${digest}`;
}

/**
 * Per `settings.products.strategy`:
 * - `single`: every line on the one default product;
 * - `by-description`: one product per normalized description (`desc:<text>`), named by the
 *   description; a line without description falls back to the default product;
 * - `by-sku-pattern`: the pattern's capture group in the description is the SKU (`sku:<SKU>`,
 *   upper-cased because Salesforce matches external ids case-insensitively); name and code are the
 *   SKU so every invoice writes the same product; no match → the default product.
 */
export function productForLine(line: JorttInvoiceLine, products: Settings["products"]): LineProduct {
  const fallback: LineProduct = { key: DEFAULT_PRODUCT_KEY, name: products.defaultProductName, productCode: null };
  if (products.strategy === "by-description") {
    const normalized = normalizeDescription(line.description);
    if (normalized === "") return fallback;
    const name = (line.description ?? "").normalize("NFC").replace(/\s+/g, " ").trim();
    return { key: boundedKey("desc:", normalized), name, productCode: null };
  }
  if (products.strategy === "by-sku-pattern" && products.skuPattern !== undefined) {
    const match = compilePattern(products.skuPattern, products.skuPatternFlags).exec(line.description ?? "");
    const sku = match?.[1]?.trim().toUpperCase();
    if (!sku) return fallback;
    return { key: boundedKey("sku:", sku), name: sku, productCode: sku };
  }
  return fallback;
}
