import { OAuth2 } from 'jsforce';
import type { ConnectionGrant, CrmConnection } from '../store/connections';
import { SALESFORCE_API_VERSION } from '../sync/salesforce/adapter';
import { connectionLoginUrl } from './salesforceLoginHost';
import { askProvider, callbackUrl, InstallFailed, type InstallSettings } from './settings';

/** REST API access, a refresh token for background sync, and the identity URL for the org id. */
export const SALESFORCE_SCOPES = ['api', 'refresh_token', 'id'];

/** Signing in with Salesforce is OpenID Connect: who the person is, and their email. */
export const SALESFORCE_SIGN_IN_SCOPES = ['openid', 'email'];

type SalesforceSettings = Pick<InstallSettings, 'publicUrl' | 'salesforce'>;

/** The OAuth client at one login host (see salesforceLoginHost.ts). */
const oauth2 = (settings: SalesforceSettings, loginUrl: string, useVerifier = false) =>
  new OAuth2({
    loginUrl,
    clientId: settings.salesforce.clientId,
    ...(settings.salesforce.clientSecret ? { clientSecret: settings.salesforce.clientSecret } : {}),
    redirectUri: callbackUrl(settings, 'salesforce'),
    useVerifier,
  });

/** A fresh PKCE verifier (kept server-side with the state) and the authorize URL, at the chosen login host, carrying its S256 challenge. */
export function salesforceAuthorization(settings: SalesforceSettings, loginUrl: string): { codeVerifier: string; url: (state: string) => string } {
  const client = oauth2(settings, loginUrl, true);
  return {
    codeVerifier: client.codeVerifier!,
    url: (state) => client.getAuthorizationUrl({ scope: SALESFORCE_SCOPES.join(' '), state, code_challenge_method: 'S256' }),
  };
}

/** The org and user ids from the token response's identity URL, `…/id/<orgId>/<userId>`. */
export function parseIdentityUrl(id: string): { orgId: string; userId: string } | null {
  const match = /\/id\/(00D[A-Za-z0-9]{12,15})\/(005[A-Za-z0-9]{12,15})\/?$/.exec(id);
  return match ? { orgId: match[1]!, userId: match[2]! } : null;
}

/** The code is exchanged at the host the install logged in at; the connection keeps the host its grants refresh at. */
export async function exchangeSalesforceCode(
  settings: SalesforceSettings,
  code: string,
  codeVerifier: string,
  loginUrl: string,
): Promise<{ grant: ConnectionGrant; accountName: string }> {
  if (!settings.salesforce.clientSecret) throw new InstallFailed('Salesforce is not configured on this server (SALESFORCE_CLIENT_SECRET).');
  const tokens = await askProvider('Salesforce', () => oauth2(settings, loginUrl).requestToken(code, { code_verifier: codeVerifier }));
  const identity = parseIdentityUrl(tokens.id);
  if (!identity || !tokens.instance_url) throw new InstallFailed('Salesforce answered without an organization id or instance URL.');
  // The identity URL is only followed back to a Salesforce login host, with the user's token.
  const refreshAt = connectionLoginUrl(settings.salesforce, loginUrl, tokens.id);
  const username = await askProvider('Salesforce', () => identityUsername(tokens.id, tokens.access_token));
  const superAdmin = await modifiesAllData(tokens.instance_url, tokens.access_token, identity.userId);
  return {
    grant: {
      externalAccountId: identity.orgId,
      instanceUrl: tokens.instance_url,
      loginUrl: refreshAt,
      scopes: tokens.scope.split(' ').filter(Boolean),
      accessToken: tokens.access_token,
      refreshToken: tokens.refresh_token ?? null,
      // Salesforce does not say when a session ends; the sync refreshes after a 401.
      accessTokenExpiresAt: null,
      installedBy: username,
      installedBySuperAdmin: superAdmin,
    },
    accountName: username.split('@')[1] ?? `Salesforce ${identity.orgId}`,
  };
}

/** Who installed: the identity service names the user (and, through the username, the company). */
async function identityUsername(idUrl: string, accessToken: string): Promise<string> {
  const res = await fetch(idUrl, { headers: { authorization: `Bearer ${accessToken}` } });
  if (!res.ok) throw new Error(`identity service answered ${res.status}`);
  const body = (await res.json()) as { username?: unknown };
  if (typeof body.username !== 'string') throw new Error('identity service gave no username');
  return body.username;
}

/**
 * Whether the installing user administers the org: their profile grants "Modify All Data", as a
 * System Administrator's does. Any failure to tell is a no.
 */
async function modifiesAllData(instanceUrl: string, accessToken: string, userId: string): Promise<boolean> {
  const soql = `SELECT Profile.PermissionsModifyAllData FROM User WHERE Id = '${userId}'`;
  try {
    const res = await fetch(`${instanceUrl}/services/data/v${SALESFORCE_API_VERSION}/query?q=${encodeURIComponent(soql)}`, { headers: { authorization: `Bearer ${accessToken}` } });
    if (!res.ok) return false;
    const body = (await res.json()) as { records?: Array<{ Profile?: { PermissionsModifyAllData?: unknown } | null }> };
    return body.records?.[0]?.Profile?.PermissionsModifyAllData === true;
  } catch {
    return false;
  }
}

/** Revoking the refresh token ends every session issued from it; one Salesforce no longer knows was revoked already. */
export async function revokeSalesforce(settings: SalesforceSettings, connection: CrmConnection): Promise<void> {
  const token = connection.refreshToken ?? connection.accessToken;
  try {
    await oauth2(settings, connection.loginUrl ?? settings.salesforce.loginUrl).revokeToken(token);
  } catch (err) {
    const name = (err as Error).name;
    if (name !== 'unsupported_token_type' && name !== 'invalid_token') throw err;
  }
}
