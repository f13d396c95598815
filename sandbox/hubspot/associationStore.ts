import { definitionsBetween } from './associationTypes';
import type { WriteContext } from './context';
import type { ObjectType } from './objectTypes';
import type { AssociationDefinition, AssociationEdge, Portal } from './state';

export interface AssociationEnds {
  from: ObjectType;
  fromId: string;
  to: ObjectType;
  toId: string;
}

type TypeRef = AssociationEdge['types'][number];

const edgeKey = (fromTypeId: string, fromId: string, toTypeId: string, toId: string) =>
  `${fromTypeId}:${fromId}>${toTypeId}:${toId}`;

function edge(portal: Portal, fromTypeId: string, fromId: string, toTypeId: string, toId: string): AssociationEdge {
  return (portal.associations[edgeKey(fromTypeId, fromId, toTypeId, toId)] ??= {
    fromObjectTypeId: fromTypeId,
    fromId,
    toObjectTypeId: toTypeId,
    toId,
    types: [],
  });
}

function addType(target: AssociationEdge, type: TypeRef): boolean {
  if (target.types.some((t) => t.category === type.category && t.typeId === type.typeId)) return false;
  target.types.push(type);
  return true;
}

/**
 * Associate two records with the given types (both directions, as HubSpot stores them).
 * A primary type brings its unlabeled sibling along, as it does in HubSpot.
 */
export function associate(ctx: WriteContext, ends: AssociationEnds, definitions: AssociationDefinition[]): void {
  const { portal } = ctx;
  const { from, fromId, to, toId } = ends;
  const wanted = [...definitions];
  if (definitions.some((d) => d.primary)) {
    const unlabeled = definitionsBetween(portal, from.objectTypeId, to.objectTypeId).find(
      (d) => d.label === null && d.category === 'HUBSPOT_DEFINED',
    );
    if (unlabeled) wanted.push(unlabeled);
  }
  const forward = edge(portal, from.objectTypeId, fromId, to.objectTypeId, toId);
  const inverse = edge(portal, to.objectTypeId, toId, from.objectTypeId, fromId);
  const added = wanted.filter((d) => addType(forward, { category: d.category, typeId: d.typeId }));
  for (const d of wanted) addType(inverse, { category: d.category, typeId: d.inverseTypeId });
  if (added.length > 0) reportChange(ctx, ends, false, added.some((d) => d.primary));
}

/**
 * Remove an association (every type, or only the given forward type ids). Removing the
 * unlabeled type removes the association altogether. Returns whether anything was removed.
 */
export function dissociate(ctx: WriteContext, ends: AssociationEnds, onlyTypeIds?: number[]): boolean {
  const { portal } = ctx;
  const { from, fromId, to, toId } = ends;
  const forwardKey = edgeKey(from.objectTypeId, fromId, to.objectTypeId, toId);
  const inverseKey = edgeKey(to.objectTypeId, toId, from.objectTypeId, fromId);
  const forward = portal.associations[forwardKey];
  if (!forward) return false;
  const definitions = definitionsBetween(portal, from.objectTypeId, to.objectTypeId);
  const removesAll =
    onlyTypeIds === undefined ||
    onlyTypeIds.some((id) => definitions.find((d) => d.typeId === id)?.label === null);
  const removed = removesAll ? forward.types : forward.types.filter((t) => onlyTypeIds.includes(t.typeId));
  if (removed.length === 0) return false;
  const wasPrimary = removed.some((t) => definitions.find((d) => d.typeId === t.typeId)?.primary);
  if (removesAll) {
    delete portal.associations[forwardKey];
    delete portal.associations[inverseKey];
  } else {
    const inverseIds = removed.map((t) => definitions.find((d) => d.typeId === t.typeId)?.inverseTypeId);
    forward.types = forward.types.filter((t) => !onlyTypeIds.includes(t.typeId));
    const inverse = portal.associations[inverseKey];
    if (inverse) inverse.types = inverse.types.filter((t) => !inverseIds.includes(t.typeId));
  }
  reportChange(ctx, ends, true, wasPrimary === true);
  return true;
}

/** HubSpot reports an association change once from each side. */
function reportChange(ctx: WriteContext, ends: AssociationEnds, removed: boolean, primary: boolean): void {
  const sides: Array<[ObjectType, string, ObjectType, string]> = [
    [ends.from, ends.fromId, ends.to, ends.toId],
    [ends.to, ends.toId, ends.from, ends.fromId],
  ];
  for (const [from, fromId, to, toId] of sides) {
    ctx.emit({
      kind: 'associationChange',
      portalId: ctx.portal.id,
      objectTypeId: from.objectTypeId,
      occurredAt: ctx.now,
      source: ctx.source,
      associationType: `${from.upperName}_TO_${to.upperName}`,
      fromObjectId: fromId,
      toObjectId: toId,
      associationRemoved: removed,
      isPrimaryAssociation: primary,
    });
  }
}

export function associationsFrom(portal: Portal, fromTypeId: string, fromId: string, toTypeId: string): AssociationEdge[] {
  return Object.values(portal.associations).filter(
    (e) => e.fromObjectTypeId === fromTypeId && e.fromId === fromId && e.toObjectTypeId === toTypeId && e.types.length > 0,
  );
}

/** Forget every association of a deleted record. */
export function dropAssociations(portal: Portal, typeId: string, id: string): void {
  for (const [key, e] of Object.entries(portal.associations)) {
    if ((e.fromObjectTypeId === typeId && e.fromId === id) || (e.toObjectTypeId === typeId && e.toId === id)) {
      delete portal.associations[key];
    }
  }
}

/** Re-point a merged-away record's associations at the record it was merged into. */
export function moveAssociations(portal: Portal, typeId: string, fromId: string, toId: string): void {
  for (const [key, e] of Object.entries(portal.associations)) {
    const isFrom = e.fromObjectTypeId === typeId && e.fromId === fromId;
    const isTo = e.toObjectTypeId === typeId && e.toId === fromId;
    if (!isFrom && !isTo) continue;
    delete portal.associations[key];
    const newFromId = isFrom ? toId : e.fromId;
    const newToId = isTo ? toId : e.toId;
    if (e.fromObjectTypeId === e.toObjectTypeId && newFromId === newToId) continue;
    const target = edge(portal, e.fromObjectTypeId, newFromId, e.toObjectTypeId, newToId);
    for (const t of e.types) addType(target, t);
  }
}
