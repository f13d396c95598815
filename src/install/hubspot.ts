import type { ConnectionGrant, CrmConnection } from '../store/connections';
import { hubspotOAuth } from '../sync/hubspot/oauth';
import { askProvider, callbackUrl, InstallFailed, signInCallbackUrl, type InstallSettings } from './settings';

/**
 * What every authorization asks, the app's `requiredScopes`: signing in with HubSpot asks only
 * this, to learn who the person is, and installs nothing more.
 */
export const HUBSPOT_SIGN_IN_SCOPES = ['oauth'];

/**
 * What every portal must grant at install: companies and deals (partners, customers and the deals
 * registrations map to) and their property schemas (the properties and groups the sync provisions).
 * Beyond `oauth` they are the app's `conditionallyRequiredScopes`: required when the URL asks them.
 */
export const HUBSPOT_REQUIRED_SCOPES = [
  'oauth',
  'crm.objects.companies.read',
  'crm.objects.companies.write',
  'crm.objects.deals.read',
  'crm.objects.deals.write',
  'crm.schemas.companies.write',
  'crm.schemas.deals.write',
];

/**
 * Reading the Settings Users API tells whether the installing user is a super admin of the
 * portal, who may then reconnect a portal already connected to Trellis. Optional: without it an
 * install works, and only a known Trellis admin may reconnect.
 */
export const HUBSPOT_SUPER_ADMIN_SCOPE = 'settings.users.read';

/**
 * The registration custom object: custom objects exist only on Enterprise hubs, so these are
 * optional and a Starter or Professional portal installs without them (HubSpot drops them).
 * And the super-admin check above.
 */
export const HUBSPOT_OPTIONAL_SCOPES = ['crm.objects.custom.read', 'crm.objects.custom.write', 'crm.schemas.custom.read', 'crm.schemas.custom.write', HUBSPOT_SUPER_ADMIN_SCOPE];

/** Whether a grant lets registrations live on the custom object (otherwise they live on deals). */
export { customObjectsGranted as hubspotCustomObjectsGranted } from '../sync/hubspot/customObjects';

type HubSpotSettings = Pick<InstallSettings, 'publicUrl' | 'hubspot'>;

export function hubspotAuthorizeUrl(settings: HubSpotSettings, state: string): string {
  const url = new URL(settings.hubspot.authorizeUrl);
  url.searchParams.set('client_id', settings.hubspot.clientId);
  url.searchParams.set('redirect_uri', callbackUrl(settings, 'hubspot'));
  url.searchParams.set('scope', HUBSPOT_REQUIRED_SCOPES.join(' '));
  // HubSpot's docs write `optional_scopes`, its generated install URLs `optional_scope`; which is honoured is UNCONFIRMED, so both.
  url.searchParams.set('optional_scope', HUBSPOT_OPTIONAL_SCOPES.join(' '));
  url.searchParams.set('optional_scopes', HUBSPOT_OPTIONAL_SCOPES.join(' '));
  url.searchParams.set('state', state);
  return url.toString();
}

const oauthOf = (settings: HubSpotSettings, clientSecret: string) => hubspotOAuth({ apiUrl: settings.hubspot.apiUrl, clientId: settings.hubspot.clientId, clientSecret });

/** Trades the code for tokens (they name the portal and the granted scopes), then asks who installed and whether they are a super admin. */
export async function exchangeHubSpotCode(settings: HubSpotSettings, code: string, now: Date): Promise<{ grant: ConnectionGrant; accountName: string }> {
  const { clientSecret } = settings.hubspot;
  if (!clientSecret) throw new InstallFailed('HubSpot is not configured on this server (HUBSPOT_CLIENT_SECRET).');
  const oauth = oauthOf(settings, clientSecret);
  const tokens = await askProvider('HubSpot', () => oauth.exchangeCode(code, callbackUrl(settings, 'hubspot')));
  // Only `active` of the introspection answer is documented: the user and domain are a bonus.
  const info = await askProvider('HubSpot', () => oauth.introspect(tokens.accessToken));
  return {
    grant: {
      externalAccountId: String(tokens.hubId),
      scopes: tokens.scopes,
      accessToken: tokens.accessToken,
      refreshToken: tokens.refreshToken,
      accessTokenExpiresAt: new Date(now.getTime() + tokens.expiresIn * 1000),
      installedBy: info.user ?? null,
      installedBySuperAdmin: tokens.scopes.includes(HUBSPOT_SUPER_ADMIN_SCOPE) && info.userId !== undefined && (await isSuperAdmin(settings, tokens.accessToken, info.userId)),
    },
    accountName: info.hubDomain ?? `HubSpot ${tokens.hubId}`,
  };
}

/** What the Settings Users API says of the user; an answer that is not a plain yes is a no. */
async function isSuperAdmin(settings: HubSpotSettings, accessToken: string, userId: number): Promise<boolean> {
  try {
    const res = await fetch(`${settings.hubspot.apiUrl}/settings/v3/users/${userId}`, { headers: { authorization: `Bearer ${accessToken}` } });
    return res.ok && ((await res.json()) as { superAdmin?: unknown }).superAdmin === true;
  } catch {
    return false;
  }
}

export function hubspotSignInUrl(settings: HubSpotSettings, state: string): string {
  const url = new URL(settings.hubspot.authorizeUrl);
  url.searchParams.set('client_id', settings.hubspot.clientId);
  url.searchParams.set('redirect_uri', signInCallbackUrl(settings, 'hubspot'));
  url.searchParams.set('scope', HUBSPOT_SIGN_IN_SCOPES.join(' '));
  url.searchParams.set('state', state);
  return url.toString();
}

/**
 * Who signed in with HubSpot: the code is traded for a token of the `oauth` scope alone, whose
 * introspection names the user's email and portal; the grant is then revoked at once, as Trellis
 * keeps nothing of it. (A HubSpot refresh token's revocation ends that grant only, not the
 * portal's install of Trellis [hs-tok].)
 */
export async function identifyHubSpotUser(settings: HubSpotSettings, code: string): Promise<{ portalId: string; email: string }> {
  const { clientSecret } = settings.hubspot;
  if (!clientSecret) throw new InstallFailed('HubSpot is not configured on this server (HUBSPOT_CLIENT_SECRET).');
  const oauth = oauthOf(settings, clientSecret);
  const tokens = await askProvider('HubSpot', () => oauth.exchangeCode(code, signInCallbackUrl(settings, 'hubspot')));
  try {
    const info = await askProvider('HubSpot', () => oauth.introspect(tokens.accessToken));
    if (!info.user) throw new InstallFailed('HubSpot did not say who you are. Sign in again.');
    return { portalId: String(tokens.hubId), email: info.user };
  } finally {
    await oauth.revoke(tokens.refreshToken).catch(() => undefined);
  }
}

/** Uninstalls from the portal: revoking the refresh token ends every access token issued from it. */
export async function revokeHubSpot(settings: HubSpotSettings, connection: CrmConnection): Promise<void> {
  if (!connection.refreshToken) return;
  if (!settings.hubspot.clientSecret) throw new InstallFailed('HubSpot is not configured on this server (HUBSPOT_CLIENT_SECRET).');
  await oauthOf(settings, settings.hubspot.clientSecret).revoke(connection.refreshToken);
}
