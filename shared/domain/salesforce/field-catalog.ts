/**
 * The Salesforce fields the mapping writes, per object: API name, type, and the limits the mapping
 * enforces before Salesforce would (string lengths → truncation with a warning; e-mail shape).
 *
 * Standard lengths are Salesforce's documented standard-field sizes. Custom fields are the org
 * metadata contract of ARCHITECTURE.md; `salesforce/force-app/**\/fields/*.field-meta.xml` must
 * define exactly these (a unit test compares the two). `precision`/`scale` use the metadata XML
 * meaning (total digits, digits after the point), so "Currency 16,2" is precision 16, scale 2.
 */
export type SalesforceFieldType =
  | "string"
  | "email"
  | "phone"
  | "url"
  | "date"
  | "currency"
  | "percent"
  | "double"
  | "boolean"
  | "reference"
  | "picklist";

export interface FieldSpec {
  readonly name: string;
  readonly type: SalesforceFieldType;
  /** Maximum characters for string-like types (string, email, phone, url, picklist). */
  readonly maxLength?: number;
  readonly precision?: number;
  readonly scale?: number;
  /** Custom field from the org metadata contract (`salesforce/`). */
  readonly custom?: true;
  readonly externalId?: true;
  readonly unique?: true;
  /** Create-only: Salesforce rejects the field in an update (e.g. OrderItem.OrderId). */
  readonly createOnly?: true;
}

/** `PersonAccount` is the Account sObject seen with its person fields (the org feature is on). */
export type CatalogObject =
  | "Account"
  | "PersonAccount"
  | "Contact"
  | "Product2"
  | "PricebookEntry"
  | "Order"
  | "OrderItem";

/** The sObject API name each catalog object is written as. */
export const SOBJECT_OF: Readonly<Record<CatalogObject, string>> = {
  Account: "Account",
  PersonAccount: "Account",
  Contact: "Contact",
  Product2: "Product2",
  PricebookEntry: "PricebookEntry",
  Order: "Order",
  OrderItem: "OrderItem",
};

const text = (name: string, maxLength: number): FieldSpec => ({ name, type: "string", maxLength });
const email = (name: string): FieldSpec => ({ name, type: "email", maxLength: 80 });
const phone = (name: string): FieldSpec => ({ name, type: "phone", maxLength: 40 });
const picklist = (name: string, maxLength = 255): FieldSpec => ({ name, type: "picklist", maxLength });
const reference = (name: string, createOnly = false): FieldSpec =>
  createOnly ? { name, type: "reference", createOnly: true } : { name, type: "reference" };

const externalIdText = (name: string): FieldSpec => ({
  name,
  type: "string",
  maxLength: 255,
  custom: true,
  externalId: true,
  unique: true,
});
const customText = (name: string, maxLength: number): FieldSpec => ({ name, type: "string", maxLength, custom: true });
const customCurrency = (name: string): FieldSpec => ({ name, type: "currency", precision: 16, scale: 2, custom: true });

/** Street/PostalCode/City/State/Country (+ the picklist `CountryCode`/`StateCode` twins) of an address. */
function address(prefix: string): FieldSpec[] {
  return [
    text(`${prefix}Street`, 255),
    text(`${prefix}City`, 40),
    text(`${prefix}State`, 80),
    text(`${prefix}PostalCode`, 20),
    text(`${prefix}Country`, 80),
    // Present when the org enables State and Country/Territory Picklists.
    picklist(`${prefix}StateCode`, 10),
    picklist(`${prefix}CountryCode`, 10),
  ];
}

/** Account fields shared by business and person accounts. */
const accountCommon: FieldSpec[] = [
  ...address("Billing"),
  ...address("Shipping"),
  phone("Phone"),
  phone("Fax"),
  { name: "Website", type: "url", maxLength: 255 },
  text("AccountNumber", 40),
  text("Description", 32000),
  picklist("Industry", 255),
  picklist("Type", 255),
  externalIdText("Jortt_Customer_Id__c"),
];

export const FIELD_CATALOG: Readonly<Record<CatalogObject, readonly FieldSpec[]>> = {
  Account: [text("Name", 255), ...accountCommon],
  PersonAccount: [
    ...accountCommon,
    reference("RecordTypeId"),
    text("FirstName", 40),
    text("MiddleName", 40),
    text("LastName", 80),
    picklist("Salutation", 40),
    email("PersonEmail"),
    ...address("PersonMailing"),
    phone("PersonMobilePhone"),
    phone("PersonHomePhone"),
    { name: "PersonBirthdate", type: "date" },
  ],
  Contact: [
    reference("AccountId"),
    text("FirstName", 40),
    text("MiddleName", 40),
    text("LastName", 80),
    picklist("Salutation", 40),
    text("Title", 128),
    email("Email"),
    phone("Phone"),
    phone("MobilePhone"),
    ...address("Mailing"),
    { name: "Birthdate", type: "date" },
    text("Description", 32000),
    externalIdText("Jortt_Customer_Id__c"),
  ],
  Product2: [
    text("Name", 255),
    text("ProductCode", 255),
    text("Description", 4000),
    picklist("Family", 255),
    { name: "IsActive", type: "boolean" },
    externalIdText("Jortt_Product_Key__c"),
  ],
  PricebookEntry: [
    reference("Pricebook2Id", true),
    reference("Product2Id", true),
    { name: "UnitPrice", type: "currency", precision: 18, scale: 2 },
    { name: "IsActive", type: "boolean" },
    { name: "UseStandardPrice", type: "boolean" },
  ],
  Order: [
    reference("AccountId"),
    reference("Pricebook2Id"),
    { name: "EffectiveDate", type: "date" },
    { name: "EndDate", type: "date" },
    picklist("Status", 40),
    picklist("Type", 255),
    text("Name", 80),
    text("Description", 32000),
    text("PoNumber", 80),
    text("OrderReferenceNumber", 80),
    ...address("Billing"),
    ...address("Shipping"),
    externalIdText("Jortt_Invoice_Id__c"),
    customText("Jortt_Invoice_Number__c", 40),
    customText("Jortt_Status__c", 20),
    { name: "Jortt_Paid__c", type: "boolean", custom: true },
    { name: "Jortt_Due_Date__c", type: "date", custom: true },
    customCurrency("Jortt_Total_Excl_VAT__c"),
    customCurrency("Jortt_Total_Incl_VAT__c"),
    customCurrency("Jortt_Due_Amount__c"),
    customText("Jortt_Credited_Invoice_Id__c", 255),
    // Reverse flow: the user ticks it to send the Order to Jortt; errors are written back.
    { name: "Jortt_Send__c", type: "boolean", custom: true },
    customText("Jortt_Sync_Error__c", 255),
  ],
  OrderItem: [
    reference("OrderId", true),
    reference("PricebookEntryId", true),
    reference("Product2Id", true),
    { name: "Quantity", type: "double", precision: 18, scale: 2 },
    { name: "UnitPrice", type: "currency", precision: 18, scale: 2 },
    text("Description", 255),
    { name: "ServiceDate", type: "date" },
    { name: "EndDate", type: "date" },
    externalIdText("Jortt_Line_Id__c"),
    { name: "Jortt_VAT_Rate__c", type: "percent", precision: 5, scale: 2, custom: true },
  ],
};

/** The external-id field each written object is upserted by (PricebookEntry has none: insert-if-missing). */
export const EXTERNAL_ID_FIELD = {
  Account: "Jortt_Customer_Id__c",
  PersonAccount: "Jortt_Customer_Id__c",
  Contact: "Jortt_Customer_Id__c",
  Product2: "Jortt_Product_Key__c",
  Order: "Jortt_Invoice_Id__c",
  OrderItem: "Jortt_Line_Id__c",
} as const satisfies Partial<Record<CatalogObject, string>>;

const indexes = new Map<CatalogObject, Map<string, FieldSpec>>(
  (Object.keys(FIELD_CATALOG) as CatalogObject[]).map((object) => [
    object,
    new Map(FIELD_CATALOG[object].map((field) => [field.name.toLowerCase(), field])),
  ]),
);

/** The spec of a field (API names are case-insensitive in Salesforce), or undefined when not catalogued. */
export function findField(object: CatalogObject, fieldName: string): FieldSpec | undefined {
  return indexes.get(object)?.get(fieldName.toLowerCase());
}

/** The custom fields of the org metadata contract, per sObject (PersonAccount folds into Account). */
export function contractCustomFields(): Map<string, FieldSpec[]> {
  const bySObject = new Map<string, Map<string, FieldSpec>>();
  for (const object of Object.keys(FIELD_CATALOG) as CatalogObject[]) {
    const sobject = SOBJECT_OF[object];
    const fields = bySObject.get(sobject) ?? new Map<string, FieldSpec>();
    for (const field of FIELD_CATALOG[object]) if (field.custom) fields.set(field.name, field);
    bySObject.set(sobject, fields);
  }
  return new Map(
    [...bySObject].filter(([, fields]) => fields.size > 0).map(([sobject, fields]) => [sobject, [...fields.values()]]),
  );
}

/**
 * The fields of a record that may be sent when the record already exists: create-only fields
 * (OrderItem.OrderId/PricebookEntryId, PricebookEntry.Pricebook2Id/Product2Id) are left out, and
 * so are their relationship forms (`Order: {…}`), because Salesforce rejects them on update.
 */
export function withoutCreateOnlyFields<T extends Record<string, unknown>>(object: CatalogObject, record: T): T {
  const copy: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(record)) {
    const spec = findField(object, name) ?? findField(object, `${name}Id`);
    if (spec?.createOnly) continue;
    copy[name] = value;
  }
  return copy as T;
}
