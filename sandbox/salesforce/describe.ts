import type { FieldDefinition, FieldType, ObjectDefinition } from './schema/types';
import type { Org } from './state';

const SOAP_TYPES: Record<FieldType, string> = {
  id: 'tns:ID',
  reference: 'tns:ID',
  string: 'xsd:string',
  textarea: 'xsd:string',
  email: 'xsd:string',
  phone: 'xsd:string',
  url: 'xsd:string',
  picklist: 'xsd:string',
  boolean: 'xsd:boolean',
  int: 'xsd:int',
  double: 'xsd:double',
  currency: 'xsd:double',
  percent: 'xsd:double',
  date: 'xsd:date',
  datetime: 'xsd:dateTime',
};

/** Lookups every object has; they are not child relationships anyone navigates. */
const SYSTEM_LOOKUPS = new Set(['OwnerId', 'CreatedById', 'LastModifiedById']);

function objectUrls(version: string, name: string) {
  const base = `/services/data/v${version}/sobjects/${name}`;
  return { sobject: base, describe: `${base}/describe`, rowTemplate: `${base}/{ID}` };
}

/** The object's summary, as `GET /sobjects` lists it. */
export function describeSummary(object: ObjectDefinition, version: string) {
  return {
    name: object.name,
    label: object.label,
    labelPlural: object.labelPlural,
    keyPrefix: object.keyPrefix,
    custom: object.custom,
    customSetting: false,
    createable: object.createable,
    updateable: object.updateable,
    deletable: object.deletable,
    queryable: true,
    retrieveable: true,
    searchable: true,
    layoutable: true,
    undeletable: object.deletable,
    urls: objectUrls(version, object.name),
  };
}

export function describeGlobal(org: Org, version: string) {
  return { encoding: 'UTF-8', maxBatchSize: 200, sobjects: Object.values(org.objects).map((o) => describeSummary(o, version)) };
}

export function describeObject(org: Org, object: ObjectDefinition, version: string) {
  return {
    ...describeSummary(object, version),
    fields: object.fields.map(describeField),
    childRelationships: childRelationships(org, object),
    recordTypeInfos: [],
  };
}

function describeField(field: FieldDefinition) {
  return {
    name: field.name,
    label: field.label,
    type: field.type,
    soapType: SOAP_TYPES[field.type],
    length: field.length ?? 0,
    byteLength: (field.length ?? 0) * 3,
    precision: field.precision ?? 0,
    scale: field.scale ?? 0,
    digits: field.type === 'int' ? (field.precision ?? 9) : 0,
    custom: field.custom,
    externalId: field.externalId,
    unique: field.unique,
    idLookup: field.name === 'Id' || field.externalId,
    nameField: field.name === 'Name',
    nillable: field.nillable,
    createable: field.createable,
    updateable: field.updateable,
    calculated: field.calculated,
    defaultedOnCreate: field.defaultValue !== undefined || field.calculated,
    defaultValue: field.defaultValue ?? null,
    filterable: true,
    sortable: field.type !== 'textarea',
    groupable: field.type !== 'textarea' && field.type !== 'double' && field.type !== 'currency' && field.type !== 'percent' && field.type !== 'datetime',
    caseSensitive: false,
    autoNumber: false,
    cascadeDelete: false,
    referenceTo: field.referenceTo ?? [],
    relationshipName: field.relationshipName ?? null,
    picklistValues: (field.picklistValues ?? []).map((value) => ({ active: true, defaultValue: false, label: value, validFor: null, value })),
    restrictedPicklist: field.restrictedPicklist ?? false,
  };
}

/** Lookups on other objects that point here: `Contacts` on Account, `Deal_Registrations__r` on a custom parent. */
function childRelationships(org: Org, parent: ObjectDefinition) {
  return Object.values(org.objects).flatMap((child) =>
    child.fields
      .filter((f) => f.type === 'reference' && f.referenceTo?.includes(parent.name) && !SYSTEM_LOOKUPS.has(f.name) && f.name !== 'Id')
      .map((f) => ({
        childSObject: child.name,
        field: f.name,
        relationshipName: f.custom ? `${child.labelPlural.replace(/\W+/g, '_')}__r` : child.labelPlural.replace(/\W+/g, ''),
        cascadeDelete: false,
        restrictedDelete: false,
      })),
  );
}
