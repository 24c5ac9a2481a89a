import { type DataRequest, dataPath, decodeSegment } from "../http/data-request";
import type { Route } from "../http/route-table";
import type { SimResponse } from "../http/sim-response";
import type { FieldDefinition, FieldType } from "../model/field-definition";
import type { ObjectModel } from "../model/org-schema";
import type { SandboxServices } from "../sandbox-services";
import { objectFromUrl } from "./sobject-lookup";

/** `GET /sobjects`, `GET /sobjects/T` and `GET /sobjects/T/describe` (the metadata jsforce and the client read). */
const SOAP_TYPES: Record<FieldType, string> = {
  id: "tns:ID",
  reference: "tns:ID",
  string: "xsd:string",
  textarea: "xsd:string",
  email: "xsd:string",
  phone: "xsd:string",
  url: "xsd:string",
  picklist: "xsd:string",
  boolean: "xsd:boolean",
  date: "xsd:date",
  datetime: "xsd:dateTime",
  currency: "xsd:double",
  double: "xsd:double",
  percent: "xsd:double",
  int: "xsd:int",
};

function describeField(definition: FieldDefinition): Record<string, unknown> {
  const isText = ["string", "textarea", "email", "phone", "url", "picklist", "id", "reference"].includes(
    definition.type,
  );
  const length = isText ? (definition.length ?? 0) : 0;
  return {
    name: definition.name,
    label: definition.label,
    type: definition.type,
    soapType: SOAP_TYPES[definition.type],
    length,
    byteLength: length * 3,
    precision: definition.precision ?? 0,
    scale: definition.scale ?? 0,
    digits: definition.type === "int" ? (definition.precision ?? 9) : 0,
    externalId: definition.externalId,
    unique: definition.unique,
    idLookup: definition.idLookup,
    nillable: definition.nillable,
    createable: definition.createable,
    updateable: definition.updateable,
    defaultedOnCreate: definition.defaultedOnCreate,
    defaultValue: definition.defaultValue ?? null,
    calculated: definition.calculated ?? false,
    autoNumber: definition.autoNumber ?? false,
    caseSensitive: false,
    custom: definition.custom,
    filterable: definition.type !== "textarea" || (definition.length ?? 0) <= 255,
    sortable: definition.type !== "textarea" || (definition.length ?? 0) <= 255,
    groupable: definition.type !== "textarea" && definition.type !== "double" && definition.type !== "currency",
    referenceTo: definition.referenceTo ?? [],
    relationshipName: definition.relationshipName ?? null,
    picklistValues: (definition.picklistValues ?? []).map((value) => ({
      active: true,
      defaultValue: false,
      label: value,
      validFor: null,
      value,
    })),
    restrictedPicklist: definition.restrictedPicklist ?? false,
    htmlFormatted: false,
    nameField: definition.name === "Name",
    deprecatedAndHidden: false,
  };
}

function objectUrls(version: string, model: ObjectModel): Record<string, string> {
  const base = dataPath(version, `/sobjects/${model.name}`);
  return { sobject: base, describe: `${base}/describe`, rowTemplate: `${base}/{ID}` };
}

function basicInfo(version: string, model: ObjectModel): Record<string, unknown> {
  const { definition } = model;
  return {
    name: definition.name,
    label: definition.label,
    labelPlural: definition.labelPlural,
    keyPrefix: definition.keyPrefix,
    custom: false,
    customSetting: false,
    createable: definition.createable,
    updateable: definition.updateable,
    deletable: definition.deletable,
    queryable: true,
    retrieveable: true,
    searchable: true,
    layoutable: true,
    replicateable: true,
    triggerable: true,
    undeletable: definition.deletable,
    mergeable: definition.name === "Account" || definition.name === "Contact",
    urls: objectUrls(version, model),
  };
}

function recordTypeInfos(model: ObjectModel, services: SandboxServices): Array<Record<string, unknown>> {
  const recordTypes = services.org.store
    .all("RecordType")
    .filter((recordType) => recordType.SobjectType === model.name);
  const master = {
    active: true,
    available: true,
    defaultRecordTypeMapping: recordTypes.length === 0,
    developerName: "Master",
    master: true,
    name: "Master",
    recordTypeId: "012000000000000AAA",
  };
  return [
    ...recordTypes.map((recordType) => ({
      active: recordType.IsActive === true,
      available: true,
      defaultRecordTypeMapping: recordType.IsPersonType === false,
      developerName: recordType.DeveloperName,
      master: false,
      name: recordType.Name,
      recordTypeId: recordType.Id,
    })),
    master,
  ];
}

function describe(request: DataRequest, name: string, services: SandboxServices): SimResponse {
  const model = objectFromUrl(services, decodeSegment(name));
  return {
    status: 200,
    body: {
      ...basicInfo(request.version, model),
      fields: model.fields.map(describeField),
      childRelationships: model.childRelationships.map((child) => ({
        cascadeDelete: true,
        childSObject: child.childSObject,
        deprecatedAndHidden: false,
        field: child.field,
        relationshipName: child.relationshipName,
        restrictedDelete: false,
      })),
      recordTypeInfos: recordTypeInfos(model, services),
    },
  };
}

export const describeRoutes: Route[] = [
  {
    method: "GET",
    pattern: /^\/sobjects\/?$/,
    kind: "describe",
    handle: (request, _match, services) => ({
      status: 200,
      body: {
        encoding: "UTF-8",
        maxBatchSize: 200,
        sobjects: services.org.schema.allObjects().map((model) => basicInfo(request.version, model)),
      },
    }),
  },
  {
    method: "GET",
    pattern: /^\/sobjects\/([^/]+)\/?$/,
    kind: "describe",
    handle: (request, { params }, services) => ({
      status: 200,
      body: {
        objectDescribe: basicInfo(request.version, objectFromUrl(services, decodeSegment(params[0] ?? ""))),
        recentItems: [],
      },
    }),
  },
  {
    method: "GET",
    pattern: /^\/sobjects\/([^/]+)\/describe\/?$/,
    kind: "describe",
    handle: (request, { params }, services) => describe(request, params[0] ?? "", services),
  },
];
