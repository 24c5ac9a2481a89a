import { DmlEngine } from "./dml/dml-engine";
import type { DmlEnvironment } from "./dml/dml-environment";
import type { FaultInjector } from "./faults/fault-injector";
import { formatDateTime } from "./model/coerce-field-value";
import { OrgSchema } from "./model/org-schema";
import type { CustomFieldMetadata } from "./model/read-custom-field-metadata";
import { objectRules } from "./rules/object-rules";
import { RecordStore } from "./store/record-store";
import { seedStandardRecords } from "./store/seed-standard-records";

/** The org behind the sandbox: schema (per Person Account mode), data and the write engine. */
export class SandboxOrg {
  schema: OrgSchema;
  store: RecordStore;
  engine: DmlEngine;
  readonly env: DmlEnvironment;
  private readonly customFields: CustomFieldMetadata[];

  constructor(options: {
    personAccounts: boolean;
    customFields: CustomFieldMetadata[];
    faults: FaultInjector;
    userId: string;
  }) {
    this.customFields = options.customFields;
    this.schema = new OrgSchema(options.personAccounts, options.customFields);
    this.store = this.newStore();
    this.env = {
      schema: this.schema,
      store: this.store,
      faults: options.faults,
      userId: options.userId,
      now: () => new Date(),
    };
    this.engine = new DmlEngine(this.env, objectRules());
    this.seed();
  }

  /** Switching Person Accounts on or off rebuilds the schema and starts from empty data. */
  rebuild(personAccounts: boolean): void {
    this.schema = new OrgSchema(personAccounts, this.customFields);
    this.store = this.newStore();
    this.env.schema = this.schema;
    this.env.store = this.store;
    this.seed();
  }

  resetData(): void {
    this.store.clear();
    this.seed();
  }

  private newStore(): RecordStore {
    return new RecordStore(
      new Map(
        this.schema
          .allObjects()
          .map((model) => [model.name, model.indexedFields().map((definition) => definition.name)] as const),
      ),
    );
  }

  private seed(): void {
    seedStandardRecords(this.schema, this.store, this.env.userId, formatDateTime(new Date()));
  }
}
