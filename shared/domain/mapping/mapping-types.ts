import type { Settings } from "../../config/settings-schema";
import type { CatalogObject } from "../salesforce/field-catalog";

/** A parent link by external id, e.g. `Account: { Jortt_Customer_Id__c: "<customer id>" }`. */
export type ParentReference = { readonly [externalIdField: string]: string };
export type FieldValue = string | number | boolean | null | ParentReference;
export type SObjectFields = Record<string, FieldValue>;

/** One Salesforce record to upsert by its external id (`fields` includes that field). */
export interface UpsertRecord {
  object: CatalogObject;
  /** sObject API name (`PersonAccount` records are `Account`). */
  sobject: string;
  externalIdField: string;
  externalId: string;
  fields: SObjectFields;
}

/** An OrderItem plus the product key whose PricebookEntry the caller resolves into `PricebookEntryId`. */
export interface OrderItemRecord extends UpsertRecord {
  productKey: string;
}

/**
 * A PricebookEntry to insert when the product has none in the standard book (PricebookEntry has
 * no external id, so it is insert-if-missing, never upserted). `fields` links the product by its key.
 */
export interface PricebookEntryDraft {
  productKey: string;
  fields: SObjectFields;
}

/** What the mapping changed or dropped, for the run report. Names and lengths only, never values. */
export type MappingWarning =
  | {
      code: "field.truncated";
      recordKey: string;
      object: CatalogObject;
      field: string;
      originalLength: number;
      maxLength: number;
    }
  | {
      code: "field.invalid-dropped";
      recordKey: string;
      object: CatalogObject;
      field: string;
      /** Why, without the value: "not an e-mail address", "expected date", … */
      reason: string;
    };

export type AccountModel = "person-accounts" | "account-contact";

export interface MappingContext {
  settings: Settings;
  /** The resolved model (see `resolveAccountModel`); `auto` is decided before mapping. */
  accountModel: AccountModel;
  /**
   * The Account record type with IsPersonType = true. Set it for writes in the person-accounts
   * model (Salesforce needs it to create a person account); left out of the record when absent.
   */
  personAccountRecordTypeId?: string;
  /** Standard price book Id for Order.Pricebook2Id and new PricebookEntries; left out when absent. */
  standardPricebookId?: string;
}

export interface CustomerMapping {
  kind: "customer";
  recordKey: string;
  accountModel: AccountModel;
  isPersonAccount: boolean;
  records: {
    /** Business Account, or the person account (object `PersonAccount`, sObject Account). */
    account: UpsertRecord;
    /** The Contact of a business account; null for a person account. */
    contact: UpsertRecord | null;
  };
  /** Trimmed, lower-cased e-mail for adopting an existing Contact/Person Account; null without a valid one. */
  matchEmail: string | null;
  warnings: MappingWarning[];
}

export interface InvoiceMapping {
  kind: "invoice";
  recordKey: string;
  /** The Jortt customer whose Account the Order belongs to. */
  customerId: string;
  records: {
    order: UpsertRecord;
    /** In line order; `Jortt_Line_Id__c` = `<invoiceId>:<index>` (0-based). */
    orderItems: OrderItemRecord[];
    /** One per distinct product key of the lines, first line first. */
    products: UpsertRecord[];
    pricebookEntries: PricebookEntryDraft[];
  };
  warnings: MappingWarning[];
}

export type RecordMapping = CustomerMapping | InvoiceMapping;
