import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import type { ObjectDefinitionRequest } from './schema/customObjects';

type FieldRequest = ObjectDefinitionRequest['fields'] extends (infer F)[] | undefined ? F : never;

/** Metadata API field types and the describe types they become. */
const TYPES: Record<string, FieldRequest['type']> = {
  Text: 'string',
  TextArea: 'textarea',
  LongTextArea: 'textarea',
  Email: 'email',
  Phone: 'phone',
  Url: 'url',
  Picklist: 'picklist',
  Checkbox: 'boolean',
  Number: 'double',
  Currency: 'currency',
  Percent: 'percent',
  Date: 'date',
  DateTime: 'datetime',
  Lookup: 'reference',
  MasterDetail: 'reference',
};

/** A package as its source gives it: its namespace (empty for an unmanaged package) and its objects, by their bare names. */
export interface PackageSource {
  namespace: string;
  objects: ObjectDefinitionRequest[];
}

/** The Trellis package's SFDX project. */
export const TRELLIS_PACKAGE_PROJECT = join(__dirname, '../../app-manifest/salesforce');

/** Reads an SFDX project: the namespace from `sfdx-project.json` and the objects of its default package directory. */
export function readPackage(projectDir: string): PackageSource {
  const project = JSON.parse(readFileSync(join(projectDir, 'sfdx-project.json'), 'utf8')) as { namespace?: string; packageDirectories: { path: string; default?: boolean }[] };
  const directory = project.packageDirectories.find((d) => d.default) ?? project.packageDirectories[0]!;
  return { namespace: project.namespace ?? '', objects: readPackageObjects(join(projectDir, directory.path, 'main/default/objects')) };
}

/**
 * The objects as an org that installed the package knows them: every custom object and field, and
 * every lookup to one, carries the namespace prefix [sf-ns]; standard objects keep their names.
 */
export function subscriberObjects(source: PackageSource): ObjectDefinitionRequest[] {
  const prefixed = (name: string) => (source.namespace && name.endsWith('__c') ? `${source.namespace}__${name}` : name);
  return source.objects.map((object) => ({
    ...object,
    name: prefixed(object.name),
    fields: (object.fields ?? []).map((f) => ({ ...f, name: prefixed(f.name), ...(f.referenceTo ? { referenceTo: prefixed(f.referenceTo) } : {}) })),
  }));
}

const xml = new XMLParser({ ignoreAttributes: true, isArray: (name) => name === 'value' });

/**
 * Reads the custom objects and fields of an SFDX source folder (`…/objects`) as the
 * emulator's object definitions, so an org gets exactly what installing the package gives it.
 */
export function readPackageObjects(objectsDir: string): ObjectDefinitionRequest[] {
  return readdirSync(objectsDir).map((name) => {
    const objectFile = join(objectsDir, name, `${name}.object-meta.xml`);
    const object = existsSync(objectFile) ? xml.parse(readFileSync(objectFile, 'utf8')).CustomObject : undefined;
    const fieldsDir = join(objectsDir, name, 'fields');
    const fields = existsSync(fieldsDir)
      ? readdirSync(fieldsDir)
          .filter((f) => f.endsWith('.field-meta.xml'))
          .map((f) => toField(xml.parse(readFileSync(join(fieldsDir, f), 'utf8')).CustomField))
      : [];
    return {
      name,
      ...(object?.label && { label: String(object.label) }),
      ...(object?.pluralLabel && { labelPlural: String(object.pluralLabel) }),
      ...(object?.nameField?.label && { nameFieldLabel: String(object.nameField.label) }),
      ...(object?.nameField?.type === 'AutoNumber' && { nameFieldAutoNumber: String(object.nameField.displayFormat) }),
      fields,
    };
  });
}

function toField(f: Record<string, any>): FieldRequest {
  const type = TYPES[String(f.type)];
  if (!type) throw new Error(`field ${f.fullName}: metadata type ${f.type} is not supported by the emulator`);
  const values: { fullName: unknown }[] | undefined = f.valueSet?.valueSetDefinition?.value;
  return {
    name: String(f.fullName),
    ...(f.label && { label: String(f.label) }),
    type,
    externalId: f.externalId === true,
    ...(f.unique !== undefined && { unique: f.unique === true }),
    ...(f.required === true && { required: true }),
    ...(f.length !== undefined && { length: Number(f.length) }),
    ...(f.referenceTo && { referenceTo: String(f.referenceTo) }),
    ...(values && { picklistValues: values.map((v) => String(v.fullName)), restrictedPicklist: f.valueSet.restricted === true }),
  };
}
