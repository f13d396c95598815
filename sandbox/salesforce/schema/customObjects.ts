import { z } from 'zod';
import { SalesforceError } from '../errors';
import { customKeyPrefix } from '../ids';
import type { Org } from '../state';
import { findObject } from './catalog';
import { field, labelFromName, systemFields } from './fieldBuilders';
import type { FieldDefinition, ObjectDefinition } from './types';

const CUSTOM_NAME = /^[A-Za-z][A-Za-z0-9_]*__c$/;

export const CustomFieldInput = z
  .object({
    name: z.string().regex(CUSTOM_NAME, 'custom field names end in __c'),
    label: z.string().min(1).optional(),
    type: z.enum(['string', 'textarea', 'email', 'phone', 'url', 'picklist', 'boolean', 'int', 'double', 'currency', 'percent', 'date', 'datetime', 'reference']),
    required: z.boolean().default(false),
    externalId: z.boolean().default(false),
    /** External ids are unique unless said otherwise. */
    unique: z.boolean().optional(),
    length: z.number().int().min(1).max(131072).optional(),
    precision: z.number().int().min(1).max(18).optional(),
    scale: z.number().int().min(0).max(17).optional(),
    referenceTo: z.string().min(1).optional(),
    relationshipName: z.string().min(1).optional(),
    picklistValues: z.array(z.string().min(1)).optional(),
    restrictedPicklist: z.boolean().optional(),
    defaultValue: z.union([z.string(), z.number(), z.boolean()]).optional(),
  })
  .strict();

/** What installing package metadata does: a custom object, or custom fields on an existing one. */
export const ObjectDefinitionInput = z
  .object({
    name: z.string().min(1),
    label: z.string().min(1).optional(),
    labelPlural: z.string().min(1).optional(),
    nameFieldLabel: z.string().min(1).optional(),
    /** The name field is an auto-number with this display format (`REG-{00000}`) instead of text the user writes. */
    nameFieldAutoNumber: z.string().regex(/\{0+\}/, 'must hold a {0…} counter').optional(),
    fields: z.array(CustomFieldInput).default([]),
  })
  .strict();
export type ObjectDefinitionInput = z.infer<typeof ObjectDefinitionInput>;
/** The same, before defaults: what callers write. */
export type ObjectDefinitionRequest = z.input<typeof ObjectDefinitionInput>;

/** Create the custom object (or extend an existing object) and return its definition. */
export function defineObject(org: Org, input: ObjectDefinitionInput): ObjectDefinition {
  const object = findObject(org, input.name) ?? createCustomObject(org, input);
  for (const fieldInput of input.fields) {
    const definition = toFieldDefinition(org, object, fieldInput);
    const existing = object.fields.findIndex((f) => f.name.toLowerCase() === definition.name.toLowerCase());
    if (existing >= 0) object.fields[existing] = definition;
    else object.fields.push(definition);
  }
  return object;
}

function createCustomObject(org: Org, input: ObjectDefinitionInput): ObjectDefinition {
  if (!CUSTOM_NAME.test(input.name)) {
    throw new SalesforceError(400, 'INVALID_TYPE', `sObject type '${input.name}' is not supported. Custom object names end in __c.`);
  }
  const label = input.label ?? labelFromName(input.name);
  const object: ObjectDefinition = {
    name: input.name,
    label,
    labelPlural: input.labelPlural ?? `${label}s`,
    keyPrefix: customKeyPrefix(org.customObjectCount++),
    custom: true,
    createable: true,
    updateable: true,
    deletable: true,
    fields: [...systemFields({ owned: true }), nameField(input.nameFieldLabel ?? `${label} Name`, input.nameFieldAutoNumber)],
  };
  org.objects[object.name] = object;
  return object;
}

function nameField(label: string, autoNumberFormat: string | undefined): FieldDefinition {
  if (!autoNumberFormat) return field('Name', 'string', { label, length: 80, required: true });
  return field('Name', 'string', { label, length: 80, createable: false, updateable: false, nillable: false, autoNumberFormat });
}

function toFieldDefinition(org: Org, object: ObjectDefinition, input: z.infer<typeof CustomFieldInput>): FieldDefinition {
  const { referenceTo, relationshipName, unique, ...rest } = input;
  const options = { ...rest, unique: unique ?? input.externalId, label: input.label ?? labelFromName(input.name) };
  if (input.type !== 'reference') return field(input.name, input.type, options);
  const target = referenceTo === undefined ? undefined : referenceTo === object.name ? object : findObject(org, referenceTo);
  if (!target) throw new SalesforceError(400, 'INVALID_FIELD', `Lookup field ${input.name} must name an existing object in referenceTo`);
  return field(input.name, 'reference', { ...options, length: 18, referenceTo: [target.name], relationshipName: relationshipName ?? input.name.replace(/__c$/, '__r') });
}
