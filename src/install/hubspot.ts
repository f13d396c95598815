import type { ConnectionGrant, CrmConnection } from '../store/connections';
import { hubspotOAuth } from '../sync/hubspot/oauth';
import { askProvider, callbackUrl, InstallFailed, type InstallSettings } from './settings';

/**
 * What every portal must grant: companies and deals (partners, customers and the deals
 * registrations map to) and their property schemas (the properties and groups the sync provisions).
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
 * The registration custom object: custom objects exist only on Enterprise hubs, so these are
 * optional and a Starter or Professional portal installs without them (HubSpot drops them).
 */
export const HUBSPOT_OPTIONAL_SCOPES = ['crm.objects.custom.read', 'crm.objects.custom.write', 'crm.schemas.custom.read', 'crm.schemas.custom.write'];

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

/** Trades the code for tokens (they name the portal and the granted scopes), then asks who installed. */
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
    },
    accountName: info.hubDomain ?? `HubSpot ${tokens.hubId}`,
  };
}

/** Uninstalls from the portal: revoking the refresh token ends every access token issued from it. */
export async function revokeHubSpot(settings: HubSpotSettings, connection: CrmConnection): Promise<void> {
  if (!connection.refreshToken) return;
  if (!settings.hubspot.clientSecret) throw new InstallFailed('HubSpot is not configured on this server (HUBSPOT_CLIENT_SECRET).');
  await oauthOf(settings, settings.hubspot.clientSecret).revoke(connection.refreshToken);
}
