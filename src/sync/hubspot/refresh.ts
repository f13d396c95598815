import type { Clock } from '../../domain/clock';
import { rateLimited, transient } from '../errors';
import { refreshRefused, type TokenRefresher } from '../tokens';
import { toCrmError } from './errors';
import { HubSpotOAuthRefused, hubspotOAuth } from './oauth';

/** Without a Retry-After, wait this long after a 429 from the token endpoint. */
const TOKEN_RETRY_AFTER_MS = 10_000;

/** HubSpot's refresh grant (`POST /oauth/2026-03/token`); HubSpot keeps the same refresh token. */
export function hubspotRefresher(options: { apiUrl: string; clientId: string; clientSecret: string; clock: Clock }): TokenRefresher {
  const oauth = hubspotOAuth(options);
  return async (connection) => {
    try {
      const tokens = await oauth.refresh(connection.refreshToken ?? '');
      return {
        accessToken: tokens.accessToken,
        refreshToken: tokens.refreshToken,
        accessTokenExpiresAt: new Date(options.clock.now().getTime() + tokens.expiresIn * 1000),
      };
    } catch (err) {
      if (!(err instanceof HubSpotOAuthRefused)) throw toCrmError(err);
      if (err.httpStatus === 429) throw rateLimited(err.message, TOKEN_RETRY_AFTER_MS);
      if (err.httpStatus >= 500) throw transient(err.message, err.httpStatus);
      throw refreshRefused('HubSpot', err.error, err.description);
    }
  };
}
