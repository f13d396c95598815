import type { CrmObjectSpec, FieldValues, ProvisionPlan } from '../port';
import type { FieldMapping, ObjectMapping } from './types';

/** The CRM object and fields one mapping reads and writes. */
export function objectSpec(m: ObjectMapping): CrmObjectSpec {
  return { object: m.object, idField: m.idField, fields: [...new Set([m.idField, ...m.fields.map((f) => f.crmField)])] };
}

/** The mapped fields plus the Trellis id, which Trellis owns and every CRM record carries. */
const withId = (m: ObjectMapping): FieldMapping[] => [{ field: 'id', crmField: m.idField, owner: 'trellis' }, ...m.fields];

/** Trellis field values under their CRM names. */
export function toCrmValues(m: ObjectMapping, values: FieldValues): FieldValues {
  return Object.fromEntries(withId(m).filter((f) => f.field in values).map((f) => [f.crmField, values[f.field] ?? null]));
}

/** CRM values under their Trellis names. */
export function fromCrmValues(m: ObjectMapping, values: FieldValues): FieldValues {
  return Object.fromEntries(withId(m).map((f) => [f.field, values[f.crmField] ?? null]));
}

export const ownerOf = (m: ObjectMapping): Map<string, FieldMapping['owner']> => new Map(withId(m).map((f) => [f.field, f.owner]));

/** What provisioning must make exist for one mapped object. */
export function provisionEntry(
  m: ObjectMapping,
  catalog: Record<string, { label: string; options?: readonly string[] }>,
  options: { label: string; custom: boolean; associations?: readonly string[] },
): ProvisionPlan['objects'][number] {
  return {
    spec: objectSpec(m),
    custom: options.custom,
    label: options.label,
    fields: [
      { name: m.idField, label: `Trellis ${options.label} id`, unique: true },
      ...m.fields.map((f) => ({ name: f.crmField, label: catalog[f.field]?.label ?? f.field, ...(catalog[f.field]?.options ? { options: catalog[f.field]!.options! } : {}) })),
    ],
    ...(options.associations ? { associations: [...options.associations] } : {}),
  };
}
