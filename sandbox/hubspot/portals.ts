import { buildProperty, defaultGroups, defaultPropertySpecs } from './defaultProperties';
import { STANDARD_TYPES } from './objectTypes';
import type { EmulatorState, Portal, PortalTier, PortalUser } from './state';

export interface PortalInput {
  id?: number;
  domain?: string;
  /** The account's first user, a super admin, who installs apps and edits records in the UI. */
  userEmail?: string;
  /** Enterprise unless said otherwise. */
  tier?: PortalTier;
}

/** A HubSpot account with the standard objects and their built-in properties. */
export function createPortal(state: EmulatorState, input: PortalInput, now: number): Portal {
  const id = input.id ?? state.nextPortalId++;
  if (state.portals[String(id)]) throw new Error(`Portal ${id} already exists`);
  const domain = input.domain ?? `portal-${id}.example.com`;
  const at = new Date(now).toISOString();
  const portal: Portal = {
    id,
    domain,
    tier: input.tier ?? 'enterprise',
    users: [{ id: state.nextUserId++, email: input.userEmail ?? `admin@${domain}`, superAdmin: true }],
    nextRecordId: 1001,
    nextAssociationTypeId: 1000,
    records: {},
    mergedInto: {},
    properties: {},
    propertyGroups: {},
    schemas: {},
    associationDefinitions: [],
    associations: {},
  };
  for (const type of STANDARD_TYPES) {
    addBuiltInProperties(portal, type.objectTypeId, at);
  }
  state.portals[String(id)] = portal;
  return portal;
}

/** Adds a user to an account (Settings → Users), a super admin or not. */
export function addPortalUser(state: EmulatorState, portalId: number, user: { email: string; superAdmin?: boolean }): PortalUser {
  const portal = state.portals[String(portalId)];
  if (!portal) throw new Error(`Portal ${portalId} does not exist`);
  const added: PortalUser = { id: state.nextUserId++, email: user.email, superAdmin: user.superAdmin ?? false };
  portal.users.push(added);
  return added;
}

/** Seed a type's property groups and HubSpot-defined properties. */
export function addBuiltInProperties(portal: Portal, objectTypeId: string, at: string, customName?: string): void {
  portal.properties[objectTypeId] = Object.fromEntries(
    defaultPropertySpecs(objectTypeId, customName).map((spec) => [spec.name, buildProperty(spec, true, at)]),
  );
  portal.propertyGroups[objectTypeId] = Object.fromEntries(
    defaultGroups(objectTypeId, customName).map((g) => [g.name, g]),
  );
  portal.records[objectTypeId] ??= {};
}
