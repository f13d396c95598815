/**
 * Everything the emulator remembers, as plain JSON-serialisable data so it can be
 * persisted and reloaded as is. Records are keyed by their numeric id, so object
 * key order is id order (JavaScript orders integer-like keys ascending).
 */

export interface WebhookSubscription {
  id: number;
  /** e.g. `contact.creation`, `deal.propertyChange`, `object.creation` (with objectTypeId). */
  subscriptionType: string;
  /** For propertyChange: only this property (absent: every property). */
  propertyName?: string;
  /** For generic `object.*` subscriptions: only this object type (absent: every type). */
  objectTypeId?: string;
  active: boolean;
}

export interface RegisteredApp {
  id: number;
  name: string;
  clientId: string;
  clientSecret: string;
  redirectUrls: string[];
  /** `requiredScopes` of app-hsmeta.json: every install URL asks them and every grant holds them. */
  scopes: string[];
  /** Must be granted only when the install URL's `scope` asks them (one URL per feature tier). */
  conditionallyRequiredScopes: string[];
  /** Granted when the portal can; dropped otherwise. */
  optionalScopes: string[];
  webhooks?: { targetUrl: string; subscriptions: WebhookSubscription[] };
}

export interface PortalUser {
  id: number;
  email: string;
  /** A super admin of the account (Settings → Users); absent in states saved before it was kept. */
  superAdmin?: boolean;
}

export interface CrmRecord {
  id: string;
  properties: Record<string, string>;
  createdAt: string;
  updatedAt: string;
  archived: boolean;
  archivedAt?: string;
}

export interface PropertyOption {
  label: string;
  value: string;
  displayOrder: number;
  hidden: boolean;
  description?: string;
}

export interface PropertyDefinition {
  name: string;
  label: string;
  type: string;
  fieldType: string;
  groupName: string;
  description: string;
  options: PropertyOption[];
  displayOrder: number;
  hasUniqueValue: boolean;
  hidden: boolean;
  formField: boolean;
  calculated: boolean;
  externalOptions: boolean;
  hubspotDefined: boolean;
  /** HubSpot-maintained values (ids, timestamps) cannot be written through the API. */
  readOnlyValue: boolean;
  createdAt: string;
  updatedAt: string;
  archived: boolean;
}

export interface PropertyGroup {
  name: string;
  label: string;
  displayOrder: number;
  archived: boolean;
}

export interface CustomObjectSchema {
  id: string;
  objectTypeId: string;
  name: string;
  fullyQualifiedName: string;
  labels: { singular: string; plural: string };
  primaryDisplayProperty?: string;
  requiredProperties: string[];
  searchableProperties: string[];
  secondaryDisplayProperties: string[];
  description?: string;
  createdAt: string;
  updatedAt: string;
  archived: boolean;
}

export type AssociationCategory = 'HUBSPOT_DEFINED' | 'USER_DEFINED' | 'INTEGRATOR_DEFINED';

/** One direction of an association type between two object types. */
export interface AssociationDefinition {
  fromObjectTypeId: string;
  toObjectTypeId: string;
  category: AssociationCategory;
  typeId: number;
  inverseTypeId: number;
  label: string | null;
  /** Marks the "primary company" style types, reported as isPrimaryAssociation. */
  primary: boolean;
}

/** The association types linking one record to another, in one direction. */
export interface AssociationEdge {
  fromObjectTypeId: string;
  fromId: string;
  toObjectTypeId: string;
  toId: string;
  types: Array<{ category: AssociationCategory; typeId: number }>;
}

/** A HubSpot subscription tier: it decides which features (and so which scopes) a portal has. */
export type PortalTier = 'free' | 'starter' | 'professional' | 'enterprise';

export interface Portal {
  id: number;
  domain: string;
  /** The portal's highest hub tier; custom objects exist only on Enterprise. */
  tier: PortalTier;
  users: PortalUser[];
  nextRecordId: number;
  nextAssociationTypeId: number;
  /** objectTypeId → record id → record. */
  records: Record<string, Record<string, CrmRecord>>;
  /** objectTypeId → merged-away record id → the id it lives on as. */
  mergedInto: Record<string, Record<string, string>>;
  properties: Record<string, Record<string, PropertyDefinition>>;
  propertyGroups: Record<string, Record<string, PropertyGroup>>;
  schemas: Record<string, CustomObjectSchema>;
  associationDefinitions: AssociationDefinition[];
  /** `${fromTypeId}:${fromId}>${toTypeId}:${toId}` → edge. */
  associations: Record<string, AssociationEdge>;
}

export interface AuthorizationCode {
  code: string;
  appId: number;
  portalId: number;
  userId: number;
  scopes: string[];
  redirectUri: string;
  expiresAt: number;
}

export interface RefreshGrant {
  token: string;
  appId: number;
  portalId: number;
  userId: number;
  scopes: string[];
}

export interface AccessGrant {
  token: string;
  refreshToken: string;
  appId: number;
  portalId: number;
  userId: number;
  scopes: string[];
  expiresAt: number;
}

export interface EmulatorState {
  nextAppId: number;
  nextPortalId: number;
  nextUserId: number;
  nextCustomObjectId: number;
  nextSubscriptionId: number;
  apps: Record<string, RegisteredApp>;
  portals: Record<string, Portal>;
  authorizationCodes: Record<string, AuthorizationCode>;
  refreshTokens: Record<string, RefreshGrant>;
  accessTokens: Record<string, AccessGrant>;
}

export function emptyState(): EmulatorState {
  return {
    nextAppId: 1000001,
    nextPortalId: 20000001,
    nextUserId: 5000001,
    nextCustomObjectId: 3000001,
    nextSubscriptionId: 700001,
    apps: {},
    portals: {},
    authorizationCodes: {},
    refreshTokens: {},
    accessTokens: {},
  };
}
