import { Client } from '@hubspot/api-client';
import type { ConnectionGrant, CrmConnection } from '../store/connections';
import { askProvider, callbackUrl, InstallFailed, type InstallSettings } from './settings';

/**
 * What Trellis asks a HubSpot portal for: companies and deals (partners, customers and
 * the deals registrations map to), and the custom object and properties the sync provisions.
 */
export const HUBSPOT_SCOPES = [
  'oauth',
  'crm.objects.companies.read',
  'crm.objects.companies.write',
  'crm.objects.deals.read',
  'crm.objects.deals.write',
  'crm.objects.custom.read',
  'crm.objects.custom.write',
  'crm.schemas.custom.read',
  'crm.schemas.custom.write',
  'crm.schemas.companies.write',
  'crm.schemas.deals.write',
];

type HubSpotSettings = Pick<InstallSettings, 'publicUrl' | 'hubspot'>;

export function hubspotAuthorizeUrl(settings: HubSpotSettings, state: string): string {
  const url = new URL(settings.hubspot.authorizeUrl);
  url.searchParams.set('client_id', settings.hubspot.clientId);
  url.searchParams.set('redirect_uri', callbackUrl(settings, 'hubspot'));
  url.searchParams.set('scope', HUBSPOT_SCOPES.join(' '));
  url.searchParams.set('state', state);
  return url.toString();
}

/** Trades the code for tokens, then reads which portal (hub) and scopes they are for. */
export async function exchangeHubSpotCode(settings: HubSpotSettings, code: string, now: Date): Promise<{ grant: ConnectionGrant; accountName: string }> {
  const { clientId, clientSecret, apiUrl } = settings.hubspot;
  if (!clientSecret) throw new InstallFailed('HubSpot is not configured on this server (HUBSPOT_CLIENT_SECRET).');
  const client = new Client({ basePath: apiUrl });
  const tokens = await askProvider('HubSpot', () =>
    client.oauth.tokensApi.create('authorization_code', code, callbackUrl(settings, 'hubspot'), clientId, clientSecret),
  );
  const info = await askProvider('HubSpot', () => client.oauth.accessTokensApi.get(tokens.accessToken));
  return {
    grant: {
      externalAccountId: String(info.hubId),
      scopes: info.scopes,
      accessToken: tokens.accessToken,
      refreshToken: tokens.refreshToken,
      accessTokenExpiresAt: new Date(now.getTime() + tokens.expiresIn * 1000),
      installedBy: info.user ?? null,
    },
    accountName: info.hubDomain ?? `HubSpot ${info.hubId}`,
  };
}

/**
 * Uninstalls from the portal: revoking the refresh token ends every access token issued
 * from it. A token HubSpot no longer knows was revoked already (an uninstall from HubSpot's side).
 */
export async function revokeHubSpot(settings: HubSpotSettings, connection: CrmConnection): Promise<void> {
  if (!connection.refreshToken) return;
  try {
    await new Client({ basePath: settings.hubspot.apiUrl }).oauth.refreshTokensApi.archive(connection.refreshToken);
  } catch (err) {
    if ((err as { code?: number }).code !== 404) throw err;
  }
}
