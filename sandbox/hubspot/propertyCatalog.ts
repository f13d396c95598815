import { z } from 'zod';
import { buildProperty } from './defaultProperties';
import { conflict, validationError } from './errors';
import type { ObjectType } from './objectTypes';
import { propertiesOf } from './propertyValues';
import type { Portal, PropertyDefinition, PropertyGroup } from './state';

const PropertyOptionInput = z.object({
  label: z.string(),
  value: z.string(),
  displayOrder: z.number().int().optional(),
  hidden: z.boolean().optional(),
  description: z.string().optional(),
});

export const PropertyInput = z.object({
  name: z.string().regex(/^[a-z][a-z0-9_]*$/, 'property names are lowercase letters, digits and underscores'),
  label: z.string().min(1),
  type: z.enum(['string', 'number', 'date', 'datetime', 'enumeration', 'bool', 'phone_number']),
  fieldType: z.enum([
    'text',
    'textarea',
    'number',
    'date',
    'select',
    'radio',
    'checkbox',
    'booleancheckbox',
    'file',
    'html',
    'phonenumber',
    'calculation_equation',
  ]),
  groupName: z.string().optional(),
  description: z.string().optional(),
  options: z.array(PropertyOptionInput).optional(),
  displayOrder: z.number().int().optional(),
  hasUniqueValue: z.boolean().optional(),
  hidden: z.boolean().optional(),
  formField: z.boolean().optional(),
});
export type PropertyInput = z.infer<typeof PropertyInput>;

export const PropertyUpdate = PropertyInput.omit({ name: true, hasUniqueValue: true }).partial();

export const GroupInput = z.object({
  name: z.string().regex(/^[a-z][a-z0-9_]*$/),
  label: z.string().min(1),
  displayOrder: z.number().int().default(-1),
});

export function groupsOf(portal: Portal, type: ObjectType): Record<string, PropertyGroup> {
  return (portal.propertyGroups[type.objectTypeId] ??= {});
}

const propertyExists = (name: string) =>
  conflict(`Property named '${name}' already exists.`, 'OBJECT_ALREADY_EXISTS');

/**
 * Define a custom property. An existing live name is a 409, as in HubSpot, so callers
 * provisioning properties treat it as "already there"; an archived one is brought back.
 */
export function addProperty(portal: Portal, type: ObjectType, input: PropertyInput, now: number): PropertyDefinition {
  const definitions = propertiesOf(portal, type);
  const existing = definitions[input.name];
  if (existing && !existing.archived) throw propertyExists(input.name);
  const groupName = input.groupName ?? Object.keys(groupsOf(portal, type))[0] ?? '';
  if (!groupsOf(portal, type)[groupName]) throw validationError(`Property group ${groupName} does not exist`);
  const definition = buildProperty({ ...input, groupName }, false, new Date(now).toISOString());
  definitions[input.name] = definition;
  return definition;
}

/** A property as the properties API returns it. */
export function presentProperty(definition: PropertyDefinition) {
  const { readOnlyValue, ...rest } = definition;
  return {
    ...rest,
    modificationMetadata: {
      archivable: !definition.hubspotDefined,
      readOnlyDefinition: definition.hubspotDefined,
      readOnlyValue,
    },
  };
}
