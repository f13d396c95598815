import type { AssociationCategory, AssociationDefinition, Portal } from './state';

/**
 * HubSpot-defined association types between the standard objects (associations v4
 * guide, "HubSpot defined association types"). Each pair lists both directions;
 * the "primary" types mark a record's primary company.
 */
const HUBSPOT_DEFINED: ReadonlyArray<[from: string, to: string, typeId: number, inverse: number, label: string | null]> = [
  ['0-1', '0-2', 279, 280, null], // contact → company
  ['0-2', '0-1', 280, 279, null], // company → contact
  ['0-1', '0-2', 1, 2, 'Primary'], // contact → primary company
  ['0-2', '0-1', 2, 1, 'Primary'],
  ['0-3', '0-1', 3, 4, null], // deal → contact
  ['0-1', '0-3', 4, 3, null], // contact → deal
  ['0-3', '0-2', 341, 342, null], // deal → company
  ['0-2', '0-3', 342, 341, null], // company → deal
  ['0-3', '0-2', 5, 6, 'Primary'], // deal → primary company
  ['0-2', '0-3', 6, 5, 'Primary'],
];

const PRIMARY_TYPE_IDS = new Set([1, 2, 5, 6]);

const STANDARD_DEFINITIONS: AssociationDefinition[] = HUBSPOT_DEFINED.map(
  ([fromObjectTypeId, toObjectTypeId, typeId, inverseTypeId, label]) => ({
    fromObjectTypeId,
    toObjectTypeId,
    category: 'HUBSPOT_DEFINED',
    typeId,
    inverseTypeId,
    label,
    primary: PRIMARY_TYPE_IDS.has(typeId),
  }),
);

export function allDefinitions(portal: Portal): AssociationDefinition[] {
  return [...STANDARD_DEFINITIONS, ...portal.associationDefinitions];
}

export function definitionsBetween(portal: Portal, fromTypeId: string, toTypeId: string): AssociationDefinition[] {
  return allDefinitions(portal).filter((d) => d.fromObjectTypeId === fromTypeId && d.toObjectTypeId === toTypeId);
}

export function findDefinition(
  portal: Portal,
  fromTypeId: string,
  toTypeId: string,
  category: AssociationCategory,
  typeId: number,
): AssociationDefinition | undefined {
  return definitionsBetween(portal, fromTypeId, toTypeId).find((d) => d.category === category && d.typeId === typeId);
}

/** The unlabeled type `…/associations/default/…` uses. */
export function defaultDefinition(portal: Portal, fromTypeId: string, toTypeId: string): AssociationDefinition | undefined {
  return definitionsBetween(portal, fromTypeId, toTypeId).find((d) => d.label === null);
}

/** Define a new association type pair (both directions) in a portal; returns the forward direction. */
export function defineAssociationType(
  portal: Portal,
  fromTypeId: string,
  toTypeId: string,
  label: string | null,
  inverseLabel: string | null = label,
): AssociationDefinition {
  const typeId = portal.nextAssociationTypeId++;
  const inverseTypeId = fromTypeId === toTypeId && label === inverseLabel ? typeId : portal.nextAssociationTypeId++;
  const forward: AssociationDefinition = {
    fromObjectTypeId: fromTypeId,
    toObjectTypeId: toTypeId,
    category: 'USER_DEFINED',
    typeId,
    inverseTypeId,
    label,
    primary: false,
  };
  portal.associationDefinitions.push(forward);
  if (inverseTypeId !== typeId) {
    portal.associationDefinitions.push({
      ...forward,
      fromObjectTypeId: toTypeId,
      toObjectTypeId: fromTypeId,
      typeId: inverseTypeId,
      inverseTypeId: typeId,
      label: inverseLabel,
    });
  }
  return forward;
}
