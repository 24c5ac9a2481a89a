import {
  addressFields,
  checkbox,
  field,
  lookup,
  money,
  picklist,
  readOnly,
  requiredText,
  systemFields,
  text,
  textArea,
} from "./field-builders";
import type { FieldDefinition, ObjectDefinition } from "./field-definition";

/**
 * The standard objects the sync touches, with Salesforce's standard field names, types and lengths.
 * Person Account fields exist on Account only when the org has Person Accounts enabled.
 */
const ownerField = (): FieldDefinition =>
  field("OwnerId", "reference", { length: 18, referenceTo: ["User"], defaultedOnCreate: true, nillable: false });

const SALUTATIONS = ["Mr.", "Ms.", "Mrs.", "Dr.", "Prof."];

function accountFields(personAccounts: boolean): FieldDefinition[] {
  const business: FieldDefinition[] = [
    ...systemFields(),
    // Name is required for business accounts; object rules enforce it (person accounts compose it).
    text("Name", 255, { nillable: false }),
    picklist("Type", ["Prospect", "Customer - Direct", "Customer - Channel", "Partner", "Other"]),
    lookup("ParentId", "Account", "Parent"),
    ...addressFields("Billing"),
    ...addressFields("Shipping"),
    field("Phone", "phone", { length: 40 }),
    field("Fax", "phone", { length: 40 }),
    text("AccountNumber", 40),
    field("Website", "url", { length: 255 }),
    picklist("Industry", ["Agriculture", "Banking", "Consulting", "Education", "Retail", "Technology", "Other"]),
    money("AnnualRevenue", 18, 0),
    field("NumberOfEmployees", "int", { precision: 8, scale: 0 }),
    textArea("Description", 32000),
    ownerField(),
  ];
  if (!personAccounts) return business;
  return [
    ...business,
    lookup("RecordTypeId", "RecordType", "RecordType"),
    text("FirstName", 40),
    text("LastName", 80),
    picklist("Salutation", SALUTATIONS),
    field("PersonEmail", "email", { length: 80 }),
    field("PersonMobilePhone", "phone", { length: 40 }),
    field("PersonHomePhone", "phone", { length: 40 }),
    text("PersonTitle", 80),
    field("PersonBirthdate", "date"),
    ...addressFields("PersonMailing"),
    readOnly(checkbox("IsPersonAccount")),
    readOnly(lookup("PersonContactId", "Contact", "PersonContact")),
  ];
}

function contactFields(personAccounts: boolean): FieldDefinition[] {
  const fields: FieldDefinition[] = [
    ...systemFields(),
    lookup("AccountId", "Account", "Account"),
    picklist("Salutation", SALUTATIONS),
    text("FirstName", 40),
    requiredText("LastName", 80),
    readOnly(text("Name", 121)),
    field("Email", "email", { length: 80, idLookup: true }),
    field("Phone", "phone", { length: 40 }),
    field("MobilePhone", "phone", { length: 40 }),
    text("Title", 128),
    text("Department", 80),
    ...addressFields("Mailing"),
    field("Birthdate", "date"),
    textArea("Description", 32000),
    ownerField(),
  ];
  return personAccounts ? [...fields, readOnly(checkbox("IsPersonAccount"))] : fields;
}

function product2Fields(): FieldDefinition[] {
  return [
    ...systemFields(),
    requiredText("Name", 255, { idLookup: true }),
    text("ProductCode", 255),
    textArea("Description", 4000),
    checkbox("IsActive"),
    picklist("Family", ["None"]),
    text("StockKeepingUnit", 180, { externalId: true, idLookup: true }),
    text("QuantityUnitOfMeasure", 255),
  ];
}

function pricebook2Fields(): FieldDefinition[] {
  return [
    ...systemFields(),
    requiredText("Name", 255, { idLookup: true }),
    checkbox("IsActive"),
    readOnly(checkbox("IsStandard")),
    text("Description", 255),
  ];
}

function pricebookEntryFields(): FieldDefinition[] {
  return [
    ...systemFields(),
    readOnly(text("Name", 255)),
    lookup("Pricebook2Id", "Pricebook2", "Pricebook2", { nillable: false, requiredOnCreate: true, updateable: false }),
    lookup("Product2Id", "Product2", "Product2", { nillable: false, requiredOnCreate: true, updateable: false }),
    readOnly(text("ProductCode", 255)),
    money("UnitPrice", 16, 2, { nillable: false, requiredOnCreate: true }),
    checkbox("IsActive"),
    checkbox("UseStandardPrice"),
  ];
}

function orderFields(): FieldDefinition[] {
  return [
    ...systemFields(),
    lookup("AccountId", "Account", "Account", { requiredOnCreate: true }),
    lookup("Pricebook2Id", "Pricebook2", "Pricebook2"),
    // The invoice recipient: the reverse flow reads BillToContact.Email.
    lookup("BillToContactId", "Contact", "BillToContact"),
    field("EffectiveDate", "date", { nillable: false, requiredOnCreate: true }),
    field("EndDate", "date"),
    picklist("Status", ["Draft", "Activated"], {
      restrictedPicklist: true,
      nillable: false,
      requiredOnCreate: true,
    }),
    readOnly(picklist("StatusCode", ["Draft", "Activated"], { restrictedPicklist: true })),
    readOnly(text("OrderNumber", 30, { autoNumber: true, nillable: false, idLookup: true })),
    text("Name", 80),
    picklist("Type", ["New", "Renewal", "Other"]),
    text("PoNumber", 80),
    field("PoDate", "date"),
    textArea("Description", 32000),
    ...addressFields("Billing"),
    ...addressFields("Shipping"),
    readOnly(money("TotalAmount", 18, 2, { calculated: true })),
    readOnly(field("ActivatedDate", "datetime")),
    ownerField(),
  ];
}

function orderItemFields(): FieldDefinition[] {
  return [
    ...systemFields(),
    lookup("OrderId", "Order", "Order", { nillable: false, requiredOnCreate: true, updateable: false }),
    lookup("PricebookEntryId", "PricebookEntry", "PricebookEntry", {
      nillable: false,
      requiredOnCreate: true,
      updateable: false,
    }),
    readOnly(lookup("Product2Id", "Product2", "Product2")),
    readOnly(text("OrderItemNumber", 30, { autoNumber: true, nillable: false })),
    field("Quantity", "double", { precision: 18, scale: 2, nillable: false, requiredOnCreate: true }),
    money("UnitPrice", 16, 2, { nillable: false, requiredOnCreate: true }),
    readOnly(money("ListPrice", 16, 2)),
    readOnly(money("TotalPrice", 18, 2, { calculated: true })),
    text("Description", 255),
    field("ServiceDate", "date"),
    field("EndDate", "date"),
  ];
}

function recordTypeFields(personAccounts: boolean): FieldDefinition[] {
  const fields = [
    ...systemFields(),
    text("Name", 80),
    text("DeveloperName", 80),
    text("NamespacePrefix", 15),
    text("Description", 255),
    picklist("SobjectType", ["Account", "Contact", "Order", "Product2"]),
    checkbox("IsActive"),
  ].map(readOnly);
  // IsPersonType only exists in orgs with Person Accounts enabled.
  return personAccounts ? [...fields, readOnly(checkbox("IsPersonType"))] : fields;
}

export function standardObjects(personAccounts: boolean): ObjectDefinition[] {
  const object = (
    name: string,
    keyPrefix: string,
    fields: FieldDefinition[],
    labelPlural = `${name}s`,
    writable = true,
  ): ObjectDefinition => ({
    name,
    label: name,
    labelPlural,
    keyPrefix,
    createable: writable,
    updateable: writable,
    deletable: writable,
    fields,
  });
  return [
    object("Account", "001", accountFields(personAccounts)),
    object("Contact", "003", contactFields(personAccounts)),
    object("Product2", "01t", product2Fields(), "Products"),
    object("Pricebook2", "01s", pricebook2Fields(), "Price Books"),
    object("PricebookEntry", "01u", pricebookEntryFields(), "Price Book Entries"),
    object("Order", "801", orderFields()),
    object("OrderItem", "802", orderItemFields(), "Order Products"),
    object("RecordType", "012", recordTypeFields(personAccounts), "Record Types", false),
  ];
}

/** Child relationships (used by describe and sObject Tree payloads). */
export const CHILD_RELATIONSHIPS = [
  { parent: "Account", childSObject: "Contact", field: "AccountId", relationshipName: "Contacts" },
  { parent: "Account", childSObject: "Order", field: "AccountId", relationshipName: "Orders" },
  { parent: "Order", childSObject: "OrderItem", field: "OrderId", relationshipName: "OrderItems" },
  { parent: "Product2", childSObject: "PricebookEntry", field: "Product2Id", relationshipName: "PricebookEntries" },
  { parent: "Pricebook2", childSObject: "PricebookEntry", field: "Pricebook2Id", relationshipName: "PricebookEntries" },
] as const;
