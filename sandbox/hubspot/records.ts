import { dropAssociations, moveAssociations } from './associationStore';
import type { WriteContext } from './context';
import { conflict, notFound, validationError } from './errors';
import type { ObjectType } from './objectTypes';
import { normalizeWrite, uniqueProperties, type InputValue } from './propertyValues';
import { holdersOf, noteWrite } from './uniqueIndex';
import type { CrmRecord, Portal } from './state';
import { recalculate } from './calculatedProperties';

export function recordsOf(portal: Portal, type: ObjectType): Record<string, CrmRecord> {
  return (portal.records[type.objectTypeId] ??= {});
}

export interface LookupOptions {
  idProperty?: string;
  archived?: boolean;
}

/**
 * Find a record by id (following merges, as HubSpot answers for a merged-away id)
 * or by the value of a unique property.
 */
export function findRecord(
  portal: Portal,
  type: ObjectType,
  id: string,
  { idProperty, archived = false }: LookupOptions = {},
): CrmRecord | undefined {
  const records = recordsOf(portal, type);
  if (idProperty && idProperty !== 'hs_object_id') {
    if (!uniqueProperties(portal, type).includes(idProperty)) {
      throw validationError(`${idProperty} is not a unique property`);
    }
    return holdersOf(records, idProperty, id).find((r) => r.archived === archived);
  }
  const liveId = portal.mergedInto[type.objectTypeId]?.[id] ?? id;
  const record = records[liveId];
  return record && record.archived === archived ? record : undefined;
}

export function requireRecord(portal: Portal, type: ObjectType, id: string, options?: LookupOptions): CrmRecord {
  const record = findRecord(portal, type, id, options);
  if (!record) throw notFound();
  return record;
}

/** Reject a write that would give a unique property a value another live record already holds. */
export function assertUnique(portal: Portal, type: ObjectType, values: Record<string, string>, selfId?: string): void {
  for (const name of uniqueProperties(portal, type)) {
    const value = values[name];
    if (value === undefined || value === '') continue;
    const holder = holdersOf(recordsOf(portal, type), name, value).find((r) => !r.archived && r.id !== selfId);
    if (holder) {
      const singular = type.upperName.charAt(0) + type.upperName.slice(1).toLowerCase();
      throw conflict(`${singular} already exists. Existing ID: ${holder.id}`);
    }
  }
}

/** Check a create's values and uniqueness before anything is written. */
function prepareCreate(ctx: WriteContext, type: ObjectType, input: Record<string, InputValue>) {
  const values = normalizeWrite(ctx.portal, type, input);
  assertUnique(ctx.portal, type, values);
  return values;
}

export function createRecord(ctx: WriteContext, type: ObjectType, input: Record<string, InputValue>): CrmRecord {
  const values = prepareCreate(ctx, type, input);
  const id = String(ctx.portal.nextRecordId++);
  const at = new Date(ctx.now).toISOString();
  const properties: Record<string, string> = {};
  for (const [name, value] of Object.entries(values)) if (value !== '') properties[name] = value;
  Object.assign(properties, {
    hs_object_id: id,
    [type.createdProperty]: properties[type.createdProperty] ?? at,
    hs_lastmodifieddate: at,
    [type.modifiedProperty]: at,
  });
  recalculate(type, properties);
  const record: CrmRecord = { id, properties, createdAt: at, updatedAt: at, archived: false };
  recordsOf(ctx.portal, type)[id] = record;
  noteWrite(recordsOf(ctx.portal, type), record);
  const base = { portalId: ctx.portal.id, objectTypeId: type.objectTypeId, occurredAt: ctx.now, source: ctx.source };
  ctx.emit({ ...base, kind: 'creation', objectId: id });
  // HubSpot also reports the properties set at creation to propertyChange subscribers.
  for (const [propertyName, propertyValue] of Object.entries(values)) {
    if (propertyValue !== '') ctx.emit({ ...base, kind: 'propertyChange', objectId: id, propertyName, propertyValue });
  }
  return record;
}

function prepareUpdate(
  ctx: WriteContext,
  type: ObjectType,
  record: CrmRecord,
  input: Record<string, InputValue>,
): Record<string, string> {
  const values = normalizeWrite(ctx.portal, type, input);
  assertUnique(ctx.portal, type, values, record.id);
  return values;
}

export function updateRecord(
  ctx: WriteContext,
  type: ObjectType,
  record: CrmRecord,
  input: Record<string, InputValue>,
): CrmRecord {
  const values = prepareUpdate(ctx, type, record, input);
  const changed = Object.entries(values).filter(([name, value]) => (record.properties[name] ?? '') !== value);
  if (changed.length === 0) return record;
  const at = new Date(ctx.now).toISOString();
  for (const [name, value] of changed) {
    if (value === '') delete record.properties[name];
    else record.properties[name] = value;
  }
  recalculate(type, record.properties);
  record.properties.hs_lastmodifieddate = at;
  record.properties[type.modifiedProperty] = at;
  record.updatedAt = at;
  noteWrite(recordsOf(ctx.portal, type), record);
  for (const [propertyName, propertyValue] of changed) {
    ctx.emit({
      kind: 'propertyChange',
      portalId: ctx.portal.id,
      objectTypeId: type.objectTypeId,
      occurredAt: ctx.now,
      source: ctx.source,
      objectId: record.id,
      propertyName,
      propertyValue,
    });
  }
  return record;
}

export function archiveRecord(ctx: WriteContext, type: ObjectType, record: CrmRecord): void {
  if (record.archived) return;
  const at = new Date(ctx.now).toISOString();
  record.archived = true;
  record.archivedAt = at;
  record.updatedAt = at;
  dropAssociations(ctx.portal, type.objectTypeId, record.id);
  ctx.emit({
    kind: 'deletion',
    portalId: ctx.portal.id,
    objectTypeId: type.objectTypeId,
    occurredAt: ctx.now,
    source: ctx.source,
    objectId: record.id,
  });
}

/** Values HubSpot maintains itself and never moves from the merged-away record. */
const NOT_MOVED = new Set(['hs_object_id', 'createdate', 'hs_createdate', 'lastmodifieddate', 'hs_lastmodifieddate']);

/**
 * Merge `secondary` into `primary`: the primary keeps its id and its values, gains the
 * values it lacked, the associations of both, and answers for the merged-away id.
 */
export function mergeRecords(ctx: WriteContext, type: ObjectType, primary: CrmRecord, secondary: CrmRecord): CrmRecord {
  if (primary.id === secondary.id) throw validationError('Cannot merge an object with itself');
  let moved = 0;
  for (const [name, value] of Object.entries(secondary.properties)) {
    if (NOT_MOVED.has(name) || name === 'hs_merged_object_ids' || primary.properties[name]) continue;
    primary.properties[name] = value;
    moved += 1;
  }
  const mergedIds = [
    ...(primary.properties.hs_merged_object_ids?.split(';') ?? []),
    secondary.id,
    ...(secondary.properties.hs_merged_object_ids?.split(';') ?? []),
  ].filter(Boolean);
  const at = new Date(ctx.now).toISOString();
  primary.properties.hs_merged_object_ids = mergedIds.join(';');
  primary.properties.hs_lastmodifieddate = at;
  primary.properties[type.modifiedProperty] = at;
  primary.updatedAt = at;
  noteWrite(recordsOf(ctx.portal, type), primary);

  const redirects = (ctx.portal.mergedInto[type.objectTypeId] ??= {});
  for (const [from, to] of Object.entries(redirects)) if (to === secondary.id) redirects[from] = primary.id;
  redirects[secondary.id] = primary.id;
  moveAssociations(ctx.portal, type.objectTypeId, secondary.id, primary.id);
  delete recordsOf(ctx.portal, type)[secondary.id];

  ctx.emit({
    kind: 'merge',
    portalId: ctx.portal.id,
    objectTypeId: type.objectTypeId,
    occurredAt: ctx.now,
    source: ctx.source,
    objectId: primary.id,
    primaryObjectId: primary.id,
    mergedObjectIds: [secondary.id],
    newObjectId: primary.id,
    numberOfPropertiesMoved: moved,
  });
  return primary;
}
