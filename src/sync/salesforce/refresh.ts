import { OAuth2 } from 'jsforce';
import { refreshRefused, type TokenRefresher } from '../tokens';
import { toCrmError } from './errors';

/**
 * Salesforce's refresh grant at the connection's own login host (a sandbox's is never
 * login.salesforce.com); `loginUrl` serves connections made before hosts were kept. Salesforce does
 * not say when a session ends (it follows the org's timeout), so the token is refreshed when the API
 * answers 401. With refresh-token rotation the answer carries a new refresh token, which is stored.
 */
export function salesforceRefresher(options: { loginUrl: string; clientId: string; clientSecret: string }): TokenRefresher {
  return async (connection) => {
    const loginUrl = connection.loginUrl ?? options.loginUrl;
    const oauth2 = new OAuth2({ loginUrl, clientId: options.clientId, clientSecret: options.clientSecret, redirectUri: `${loginUrl}/unused` });
    try {
      const tokens = await oauth2.refreshToken(connection.refreshToken ?? '');
      return { accessToken: tokens.access_token, refreshToken: tokens.refresh_token ?? null, accessTokenExpiresAt: null };
    } catch (err) {
      const failure = toCrmError(err);
      if (failure.kind === 'transient' || failure.kind === 'rate_limited') throw failure;
      // jsforce names the error after the OAuth `error` code and carries `error_description` as its message.
      const { name, message } = err as { name?: string; message?: string };
      throw refreshRefused('Salesforce', name ?? 'unknown', message ?? failure.message);
    }
  };
}
