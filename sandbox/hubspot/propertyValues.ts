import { invalidPropertyValues, type PropertyValueIssue } from './errors';
import type { ObjectType } from './objectTypes';
import type { Portal, PropertyDefinition } from './state';

export type InputValue = string | number | boolean | null;

export function propertiesOf(portal: Portal, type: ObjectType): Record<string, PropertyDefinition> {
  return (portal.properties[type.objectTypeId] ??= {});
}

/**
 * Check and normalise values written through the API the way HubSpot stores them:
 * everything becomes a string, datetimes become ISO instants, an empty value clears.
 * All problems are reported together, as HubSpot's "Property values were not valid".
 */
export function normalizeWrite(
  portal: Portal,
  type: ObjectType,
  input: Record<string, InputValue>,
): Record<string, string> {
  const definitions = propertiesOf(portal, type);
  const issues: PropertyValueIssue[] = [];
  const values: Record<string, string> = {};
  for (const [name, raw] of Object.entries(input)) {
    const definition = definitions[name];
    if (!definition || definition.archived) {
      issues.push({ name, error: 'PROPERTY_DOESNT_EXIST', message: `Property "${name}" does not exist` });
      continue;
    }
    if (definition.readOnlyValue) {
      issues.push({
        name,
        error: 'READ_ONLY_VALUE',
        message: `"${name}" is a read only property; its value cannot be set.`,
      });
      continue;
    }
    const result = normalizeValue(definition, raw);
    if ('issue' in result) issues.push({ name, ...result.issue });
    else values[name] = result.value;
  }
  if (issues.length > 0) throw invalidPropertyValues(issues);
  return values;
}

type Normalized = { value: string } | { issue: { error: string; message: string } };

function normalizeValue(definition: PropertyDefinition, raw: InputValue): Normalized {
  if (raw === null || raw === '') return { value: '' };
  const text = String(raw);
  switch (definition.type) {
    case 'number':
      return Number.isFinite(Number(text))
        ? { value: text }
        : { issue: { error: 'INVALID_FLOAT', message: `${text} was not a valid number.` } };
    case 'bool':
      return ['true', 'false'].includes(text.toLowerCase())
        ? { value: text.toLowerCase() }
        : { issue: { error: 'INVALID_BOOLEAN', message: `${text} was not a valid boolean.` } };
    case 'datetime':
    case 'date':
      return normalizeDate(definition.type, text);
    case 'enumeration':
      return normalizeEnumeration(definition, text);
    default:
      return { value: text };
  }
}

function normalizeDate(kind: 'date' | 'datetime', text: string): Normalized {
  const instant = /^\d+$/.test(text) ? new Date(Number(text)) : new Date(text);
  if (Number.isNaN(instant.getTime())) {
    return { issue: { error: 'INVALID_DATE', message: `${text} was not a valid date.` } };
  }
  const iso = instant.toISOString();
  return { value: kind === 'date' ? iso.slice(0, 10) : iso };
}

/** Multi-select values are `;`-separated; every part must be one of the options, when the property has any. */
function normalizeEnumeration(definition: PropertyDefinition, text: string): Normalized {
  if (definition.options.length === 0) return { value: text };
  const allowed = new Set(definition.options.map((o) => o.value));
  const parts = definition.fieldType === 'checkbox' ? text.split(';') : [text];
  const bad = parts.find((p) => !allowed.has(p));
  if (bad === undefined) return { value: text };
  return {
    issue: {
      error: 'INVALID_OPTION',
      message: `${bad} was not one of the allowed options: ${[...allowed].map((v) => `<option>${v}</option>`).join(', ')}`,
    },
  };
}

/** The properties of a type that hold a value at most once per portal. */
export function uniqueProperties(portal: Portal, type: ObjectType): string[] {
  const flagged = Object.values(propertiesOf(portal, type))
    .filter((p) => p.hasUniqueValue && !p.archived)
    .map((p) => p.name);
  return [...new Set([...type.implicitlyUnique, 'hs_object_id', ...flagged])];
}

/** Values compare case-insensitively for uniqueness, as HubSpot does for emails. */
export function sameValue(a: string | undefined, b: string | undefined): boolean {
  return a !== undefined && b !== undefined && a !== '' && a.toLowerCase() === b.toLowerCase();
}
