import { randomBytes, randomUUID } from 'node:crypto';
import type { EmulatorContext } from './context';
import type { AccessGrant, RefreshGrant } from './state';

/** HubSpot's token endpoint answer. */
export interface TokenResponse {
  token_type: 'bearer';
  refresh_token: string;
  access_token: string;
  expires_in: number;
}

/** A grant of an app's scopes on one portal, as the consent screen records it. */
export interface Installation {
  appId: number;
  portalId: number;
  userId: number;
  scopes: string[];
}

export function issueAuthorizationCode(ctx: EmulatorContext, install: Installation, redirectUri: string): string {
  const code = randomUUID();
  ctx.state.authorizationCodes[code] = {
    code,
    ...install,
    redirectUri,
    expiresAt: ctx.now() + ctx.settings.authorizationCodeLifetimeSeconds * 1000,
  };
  return code;
}

/** Start a refresh-token grant (an install) and hand out its first access token. */
export function install(ctx: EmulatorContext, grant: Installation): TokenResponse {
  const refresh: RefreshGrant = { token: `na1-${randomUUID()}`, ...grant };
  ctx.state.refreshTokens[refresh.token] = refresh;
  return issueAccessToken(ctx, refresh);
}

export function issueAccessToken(ctx: EmulatorContext, refresh: RefreshGrant): TokenResponse {
  const lifetime = ctx.settings.accessTokenLifetimeSeconds;
  const access: AccessGrant = {
    token: `CN${randomBytes(36).toString('base64url')}`,
    refreshToken: refresh.token,
    appId: refresh.appId,
    portalId: refresh.portalId,
    userId: refresh.userId,
    scopes: refresh.scopes,
    expiresAt: ctx.now() + lifetime * 1000,
  };
  ctx.state.accessTokens[access.token] = access;
  // HubSpot refresh tokens do not rotate: the same one keeps working until revoked.
  return { token_type: 'bearer', refresh_token: refresh.token, access_token: access.token, expires_in: lifetime };
}

/** Revoking a refresh token uninstalls: its access tokens stop working and webhooks stop. */
export function revokeRefreshToken(ctx: EmulatorContext, token: string): boolean {
  if (!ctx.state.refreshTokens[token]) return false;
  delete ctx.state.refreshTokens[token];
  for (const [key, access] of Object.entries(ctx.state.accessTokens)) {
    if (access.refreshToken === token) delete ctx.state.accessTokens[key];
  }
  return true;
}
