import type { OutboundMessageDefinition } from './outbound/definition';
import type { FieldValue, ObjectDefinition } from './schema/types';

/** An External Client App: the OAuth client a package installs with. */
export interface ExternalClientApp {
  name: string;
  consumerKey: string;
  consumerSecret: string;
  callbackUrls: string[];
  /** OAuth scopes the app may be granted; a request without `scope` gets all of them. */
  scopes: string[];
  /** "Require secret for Web Server Flow": on by default for new apps. */
  requireSecret: boolean;
}

/** A record's fields by API name, in the JSON form the REST API returns. */
export type StoredRecord = Record<string, FieldValue>;

export const EDITIONS = ['Professional', 'Enterprise', 'Performance', 'Unlimited', 'Developer'] as const;
export type Edition = (typeof EDITIONS)[number];

/** A `PlatformEventChannelMember` (sf-pecm): an entity selected for Change Data Capture on a channel. */
export interface ChannelMember {
  id: string;
  fullName: string;
  eventChannel: string;
  selectedEntity: string;
}

export interface Org {
  id: string;
  name: string;
  edition: Edition;
  /** Salesforce licences, which set the default daily API allocation. */
  licences: number;
  dailyApiLimit: number;
  /** A sandbox org (logs in at test.salesforce.com) rather than production or Developer Edition. */
  sandbox: boolean;
  /** The org's My Domain name, when it has one (see hosts.ts). */
  myDomain?: string;
  refreshTokenRotation: boolean;
  objects: Record<string, ObjectDefinition>;
  /** Records by object API name, then by 18-character id; deleted ones stay with IsDeleted = true. */
  records: Record<string, Record<string, StoredRecord>>;
  outboundMessages: OutboundMessageDefinition[];
  /** API calls per hour bucket (ms since epoch of the hour's start), for the rolling 24 h window. */
  apiUsage: Record<string, number>;
  customObjectCount: number;
  /** Entities selected for Change Data Capture; only they produce change events. */
  changeEventMembers: ChannelMember[];
  /** Users who have not verified their email address (OpenID Connect says `email_verified: false`). */
  unverifiedEmailUserIds?: string[];
}

export interface AccessTokenGrant {
  orgId: string;
  userId: string;
  clientId: string;
  scope: string[];
  issuedAt: number;
  expiresAt: number;
  /** The refresh token this access token descends from, so revoking it ends the session too. */
  refreshToken?: string;
}

export interface RefreshTokenGrant {
  orgId: string;
  userId: string;
  clientId: string;
  scope: string[];
}

export interface AuthorizationCode {
  clientId: string;
  redirectUri: string;
  orgId: string;
  userId: string;
  scope: string[];
  codeChallenge?: string;
  /** OpenID Connect: echoed in the ID token. */
  nonce?: string;
  expiresAt: number;
}

/** Everything the emulator knows; plain JSON so it can be saved and reloaded. */
export interface EmulatorState {
  apps: Record<string, ExternalClientApp>;
  orgs: Record<string, Org>;
  accessTokens: Record<string, AccessTokenGrant>;
  refreshTokens: Record<string, RefreshTokenGrant>;
  authorizationCodes: Record<string, AuthorizationCode>;
  /** Sequence behind every generated id, shared by all orgs so ids never collide. */
  sequence: number;
}

export function emptyState(): EmulatorState {
  return { apps: {}, orgs: {}, accessTokens: {}, refreshTokens: {}, authorizationCodes: {}, sequence: 0 };
}
