/**
 * The one Product2 every line maps to under the default product strategy `single`
 * (ARCHITECTURE.md), identified by its `Jortt_Product_Key__c` external id.
 */
export const SINGLE_PRODUCT = { key: "default", name: "Jortt invoice line" } as const;
