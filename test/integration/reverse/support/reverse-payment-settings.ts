import type { SettingsInput } from "../../../../shared/config/settings-schema";

/** Reverse settings that read the payment term and method from the Order fields the fixtures add. */
export const REVERSE_PAYMENT_SETTINGS: SettingsInput["reverse"] = {
  paymentTermDays: { field: "Payment_Terms__c", default: 30, map: { "Net 14": 14 } },
  paymentMethodField: "Payment_Method__c",
  paymentMethodMap: { "Direct Debit": "direct_debit" },
};
