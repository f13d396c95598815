import { associationsFrom } from './associationStore';
import { definitionsBetween } from './associationTypes';
import type { ObjectType } from './objectTypes';
import { findObjectType } from './objectTypes';
import type { CrmRecord, Portal } from './state';

/** The fields of HubSpot's SimplePublicObject. */
export interface PublicObject {
  id: string;
  properties: Record<string, string | null>;
  createdAt: string;
  updatedAt: string;
  archived: boolean;
  archivedAt?: string;
  associations?: Record<string, { results: Array<{ id: string; type: string }> }>;
}

/**
 * Which properties a response carries: the named ones (null when unset) or, when none
 * are named, the type's defaults; the id and timestamps always come along.
 */
export function presentRecord(record: CrmRecord, type: ObjectType, requested?: string[]): PublicObject {
  const names = new Set([
    ...(requested && requested.length > 0 ? requested : type.defaultProperties),
    'hs_object_id',
    type.createdProperty,
    type.modifiedProperty,
  ]);
  return presentWith(record, [...names]);
}

/** After a write HubSpot echoes every value the record holds. */
export function presentWritten(record: CrmRecord): PublicObject {
  return presentWith(record, Object.keys(record.properties));
}

function presentWith(record: CrmRecord, names: string[]): PublicObject {
  const properties: Record<string, string | null> = {};
  for (const name of names.sort()) properties[name] = record.properties[name] ?? null;
  return {
    id: record.id,
    properties,
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
    archived: record.archived,
    ...(record.archivedAt ? { archivedAt: record.archivedAt } : {}),
  };
}

/** The v3 `associations` block of an object read, keyed by the plural name asked for. */
export function presentAssociations(
  portal: Portal,
  from: ObjectType,
  id: string,
  requestedTypes: string[],
): PublicObject['associations'] {
  const block: NonNullable<PublicObject['associations']> = {};
  for (const requested of requestedTypes) {
    const to = findObjectType(portal, requested);
    if (!to) continue;
    const definitions = definitionsBetween(portal, from.objectTypeId, to.objectTypeId);
    const hasPrimary = definitions.some((d) => d.primary);
    const base = `${from.upperName}_to_${to.upperName}`.toLowerCase();
    const results = associationsFrom(portal, from.objectTypeId, id, to.objectTypeId).flatMap((edge) =>
      edge.types.map((t) => {
        const definition = definitions.find((d) => d.typeId === t.typeId);
        const name =
          definition?.label == null
            ? hasPrimary
              ? `${base}_unlabeled`
              : base
            : definition.primary
              ? base
              : definition.label.toLowerCase().replace(/\W+/g, '_');
        return { id: edge.toId, type: name };
      }),
    );
    if (results.length > 0) block[requested] = { results };
  }
  return block;
}
