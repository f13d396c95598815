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

/** The Trellis package's own object source. */
export const TRELLIS_PACKAGE_OBJECTS = join(__dirname, '../../app-manifest/salesforce/force-app/main/default/objects');

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
