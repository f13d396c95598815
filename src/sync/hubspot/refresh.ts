import { Client } from '@hubspot/api-client';
import type { Clock } from '../../domain/clock';
import { GrantRevoked } from '../errors';
import type { TokenRefresher } from '../tokens';
import { toCrmError } from './errors';

/** HubSpot's refresh grant (`POST /oauth/v1/token`); HubSpot keeps the same refresh token. */
export function hubspotRefresher(options: { apiUrl: string; clientId: string; clientSecret: string; clock: Clock }): TokenRefresher {
  const client = new Client({ basePath: options.apiUrl });
  return async (connection) => {
    try {
      const tokens = await client.oauth.tokensApi.create('refresh_token', undefined, undefined, options.clientId, options.clientSecret, connection.refreshToken ?? '');
      return {
        accessToken: tokens.accessToken,
        refreshToken: tokens.refreshToken,
        accessTokenExpiresAt: new Date(options.clock.now().getTime() + tokens.expiresIn * 1000),
      };
    } catch (err) {
      const failure = toCrmError(err);
      if (failure.kind === 'transient' || failure.kind === 'rate_limited') throw failure;
      // A refused refresh token means the app was uninstalled or the grant revoked.
      throw new GrantRevoked(`HubSpot refused to refresh the access token (${failure.message}): Trellis was uninstalled or its access revoked; reconnect Trellis`);
    }
  };
}
