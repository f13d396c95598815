import { customObjectsUnavailable, unknownObjectType } from './errors';
import type { CustomObjectSchema, Portal } from './state';

export type ScopeFamily = 'contacts' | 'companies' | 'deals' | 'custom';

/** What the emulator needs to know about an object type, standard or custom. */
export interface ObjectType {
  objectTypeId: string;
  /** The plural API name for standard types, the schema name for custom ones. */
  name: string;
  /** `CONTACT`, `COMPANY`, … as used in association type names and error messages. */
  upperName: string;
  /** Legacy webhook prefix (`contact.creation`); custom objects only have generic `object.*` events. */
  webhookPrefix: string | null;
  scopeFamily: ScopeFamily;
  createdProperty: string;
  modifiedProperty: string;
  /** Properties returned when the caller names none. */
  defaultProperties: string[];
  /** Properties holding one value per portal, usable as `idProperty`. */
  implicitlyUnique: string[];
}

export const STANDARD_TYPES: readonly ObjectType[] = [
  {
    objectTypeId: '0-1',
    name: 'contacts',
    upperName: 'CONTACT',
    webhookPrefix: 'contact',
    scopeFamily: 'contacts',
    createdProperty: 'createdate',
    modifiedProperty: 'lastmodifieddate',
    defaultProperties: ['createdate', 'email', 'firstname', 'hs_object_id', 'lastmodifieddate', 'lastname'],
    // HubSpot deduplicates contacts by email although the property is not flagged unique.
    implicitlyUnique: ['email'],
  },
  {
    objectTypeId: '0-2',
    name: 'companies',
    upperName: 'COMPANY',
    webhookPrefix: 'company',
    scopeFamily: 'companies',
    createdProperty: 'createdate',
    modifiedProperty: 'hs_lastmodifieddate',
    defaultProperties: ['createdate', 'domain', 'hs_lastmodifieddate', 'hs_object_id', 'name'],
    implicitlyUnique: [],
  },
  {
    objectTypeId: '0-3',
    name: 'deals',
    upperName: 'DEAL',
    webhookPrefix: 'deal',
    scopeFamily: 'deals',
    createdProperty: 'createdate',
    modifiedProperty: 'hs_lastmodifieddate',
    defaultProperties: [
      'amount',
      'closedate',
      'createdate',
      'dealname',
      'dealstage',
      'hs_lastmodifieddate',
      'hs_object_id',
      'pipeline',
    ],
    implicitlyUnique: [],
  },
];

const STANDARD_ALIASES: Record<string, string> = {
  contact: '0-1',
  contacts: '0-1',
  company: '0-2',
  companies: '0-2',
  deal: '0-3',
  deals: '0-3',
};

export function customObjectType(schema: CustomObjectSchema): ObjectType {
  return {
    objectTypeId: schema.objectTypeId,
    name: schema.name,
    upperName: schema.name.toUpperCase(),
    webhookPrefix: null,
    scopeFamily: 'custom',
    createdProperty: 'hs_createdate',
    modifiedProperty: 'hs_lastmodifieddate',
    defaultProperties: ['hs_createdate', 'hs_lastmodifieddate', 'hs_object_id'],
    implicitlyUnique: [],
  };
}

/**
 * Find an object type by a name HubSpot accepts in a path: standard names and ids (`contacts`,
 * `0-1`), and for custom objects only the objectTypeId (`2-123`), `p_{name}` and the
 * fullyQualifiedName `p{portalId}_{name}`. The bare base name (`widget`) is not one of them:
 * HubSpot removed it in June 2025 (platform-rules.md §1.2 [hs-basename]).
 */
export function findObjectType(portal: Portal, identifier: string): ObjectType | undefined {
  const key = identifier.toLowerCase();
  const standardId = STANDARD_ALIASES[key] ?? key;
  const standard = STANDARD_TYPES.find((t) => t.objectTypeId === standardId);
  if (standard) return standard;
  const schema = Object.values(portal.schemas).find(
    (s) => !s.archived && (s.objectTypeId === key || s.fullyQualifiedName.toLowerCase() === key || `p_${s.name.toLowerCase()}` === key),
  );
  return schema ? customObjectType(schema) : undefined;
}

/** Whether a path segment names a custom object in one of the forms HubSpot accepts (it may not exist). */
export const namesCustomObject = (identifier: string): boolean => /^(2-\d+|p\d*_.+)$/i.test(identifier);

/** Custom objects exist only on Enterprise portals (platform-rules.md §1.1 [hs-co]). */
export function requireCustomObjects(portal: Portal): void {
  if (portal.tier !== 'enterprise') throw customObjectsUnavailable(portal.id, portal.tier);
}

/**
 * The type a request names. Unknown names (base names included) are refused with HubSpot's
 * 400 "Unable to infer object type from: …"; custom objects on a portal below Enterprise with 403.
 */
export function resolveObjectType(portal: Portal, identifier: string): ObjectType {
  const type = findObjectType(portal, identifier);
  if (type?.scopeFamily === 'custom' || (!type && namesCustomObject(identifier))) requireCustomObjects(portal);
  if (!type) throw unknownObjectType(identifier);
  return type;
}

export function allObjectTypes(portal: Portal): ObjectType[] {
  const custom = Object.values(portal.schemas)
    .filter((s) => !s.archived)
    .map(customObjectType);
  return [...STANDARD_TYPES, ...custom];
}
