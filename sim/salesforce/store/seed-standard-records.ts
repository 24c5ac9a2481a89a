import type { OrgSchema } from "../model/org-schema";
import type { RecordStore, SObjectRecord } from "./record-store";
import { buildId } from "./salesforce-ids";

/** Records every org has: the standard price book and, with Person Accounts, the Account record types. */
export function seedStandardRecords(schema: OrgSchema, store: RecordStore, userId: string, now: string): void {
  const withSystemFields = (objectName: string, values: SObjectRecord): SObjectRecord => {
    const model = schema.object(objectName);
    if (!model) throw new Error(`unknown object ${objectName}`);
    const record: SObjectRecord = Object.fromEntries(model.fields.map((definition) => [definition.name, null]));
    return {
      ...record,
      ...values,
      Id: buildId(model.keyPrefix, store.nextSequence()),
      IsDeleted: false,
      CreatedDate: now,
      CreatedById: userId,
      LastModifiedDate: now,
      LastModifiedById: userId,
      SystemModstamp: now,
    };
  };
  store.put(
    "Pricebook2",
    withSystemFields("Pricebook2", {
      Name: "Standard Price Book",
      IsActive: true,
      IsStandard: true,
      Description: null,
    }),
  );
  if (!schema.personAccounts) return;
  store.put(
    "RecordType",
    withSystemFields("RecordType", {
      Name: "Business Account",
      DeveloperName: "Business_Account",
      SobjectType: "Account",
      IsActive: true,
      IsPersonType: false,
    }),
  );
  store.put(
    "RecordType",
    withSystemFields("RecordType", {
      Name: "Person Account",
      DeveloperName: "PersonAccount",
      SobjectType: "Account",
      IsActive: true,
      IsPersonType: true,
    }),
  );
}
