import type { Settings } from "../../config/settings-schema";
import { JORTT_PAYMENT_METHODS, type JorttPaymentMethod } from "../jortt/create-invoice-schema";
import { readField } from "./salesforce-order-rows";

type ReverseSettings = Settings["reverse"];

/** A mapped value, and whether a non-empty Salesforce value had no mapping (the default was used). */
export interface Resolved<T> {
  value: T | null;
  unmapped: boolean;
}

const MAX_TERM_DAYS = 3650;

/** Picklist and text values as map keys: exact first, then ignoring case and surrounding blanks. */
function lookup<T>(map: Readonly<Record<string, T>>, raw: unknown): T | undefined {
  const key = keyOf(raw);
  if (key === null) return undefined;
  if (Object.hasOwn(map, key)) return map[key];
  const folded = key.toLowerCase();
  const match = Object.keys(map).find((candidate) => candidate.trim().toLowerCase() === folded);
  return match === undefined ? undefined : map[match];
}

function keyOf(raw: unknown): string | null {
  if (typeof raw === "number" && Number.isFinite(raw)) return String(raw);
  if (typeof raw !== "string") return null;
  const trimmed = raw.trim();
  return trimmed === "" ? null : trimmed;
}

/**
 * Jortt `payment_term` (days) for an Order: the value of `paymentTermDays.field` looked up in
 * `map`; a whole number of days that is not in the map is used as is (a Number field); else the
 * default. null leaves the term to Jortt (the customer's, then the organisation's, then 30).
 */
export function resolvePaymentTermDays(
  order: Readonly<Record<string, unknown>>,
  reverse: ReverseSettings,
): Resolved<number> {
  const config = reverse.paymentTermDays;
  if (config.field === null) return { value: config.default, unmapped: false };
  const raw = readField(order, config.field);
  const key = keyOf(raw);
  if (key === null) return { value: config.default, unmapped: false };
  const mapped = lookup(config.map, raw);
  if (mapped !== undefined) return { value: mapped, unmapped: false };
  if (/^\d+(?:\.0+)?$/.test(key)) {
    const days = Number.parseInt(key, 10);
    if (days <= MAX_TERM_DAYS) return { value: days, unmapped: false };
  }
  return { value: config.default, unmapped: true };
}

function isJorttPaymentMethod(value: string): value is JorttPaymentMethod {
  return (JORTT_PAYMENT_METHODS as readonly string[]).includes(value);
}

/**
 * Jortt `payment_method` for an Order: the value of `paymentMethodField` looked up in
 * `paymentMethodMap` (a value that already is a Jortt method is used as is), else
 * `defaultPaymentMethod`; null leaves it to Jortt (pay_later).
 */
export function resolvePaymentMethod(
  order: Readonly<Record<string, unknown>>,
  reverse: ReverseSettings,
): Resolved<JorttPaymentMethod> {
  if (reverse.paymentMethodField === null) return { value: reverse.defaultPaymentMethod, unmapped: false };
  const raw = readField(order, reverse.paymentMethodField);
  const key = keyOf(raw);
  if (key === null) return { value: reverse.defaultPaymentMethod, unmapped: false };
  const mapped = lookup(reverse.paymentMethodMap, raw);
  if (mapped !== undefined) return { value: mapped, unmapped: false };
  if (isJorttPaymentMethod(key)) return { value: key, unmapped: false };
  return { value: reverse.defaultPaymentMethod, unmapped: true };
}
