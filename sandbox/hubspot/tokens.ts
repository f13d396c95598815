import { randomBytes, randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { EmulatorContext } from './context';
import type { AccessGrant, RefreshGrant, RegisteredApp } from './state';
import { tierGrants } from './tiers';

/** HubSpot's token endpoint answer; `hub_id` and `scopes` since 2025-08-18 [hs-tokfields]. */
export interface TokenResponse {
  token_type: 'bearer';
  refresh_token: string;
  access_token: string;
  expires_in: number;
  hub_id: number;
  scopes: string[];
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

/**
 * Start a refresh-token grant (an install) and hand out its first access token. A scope the
 * portal's tier cannot grant is never in a token, whichever way the install came.
 */
export function install(ctx: EmulatorContext, grant: Installation): TokenResponse {
  const tier = ctx.state.portals[String(grant.portalId)]?.tier ?? 'enterprise';
  const refresh: RefreshGrant = { token: `na1-${randomUUID()}`, ...grant, scopes: [...new Set(grant.scopes)].filter((s) => tierGrants(tier, s)) };
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
  return {
    token_type: 'bearer',
    refresh_token: refresh.token,
    access_token: access.token,
    expires_in: lifetime,
    hub_id: refresh.portalId,
    scopes: refresh.scopes,
  };
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

/**
 * Why the token endpoint refused: the RFC 6749 code and description the dated endpoints send,
 * with the legacy status word and message the v1 endpoint sends [hs-v3].
 */
export interface TokenRefusal {
  error: 'invalid_request' | 'invalid_client' | 'invalid_grant' | 'unsupported_grant_type';
  error_description: string;
  status: string;
  message: string;
}

const refusal = (error: TokenRefusal['error'], status: string, message: string): TokenRefusal => ({
  error,
  error_description: message,
  status,
  message,
});

/** The form both token endpoints take (secrets in the body). */
export const TokenForm = z.object({
  grant_type: z.string().default(''),
  client_id: z.string().default(''),
  client_secret: z.string().default(''),
  redirect_uri: z.string().optional(),
  code: z.string().optional(),
  refresh_token: z.string().optional(),
});
export type TokenForm = z.infer<typeof TokenForm>;

/** The app the form's client credentials name; a wrong secret is the client's failure, not the grant's. */
export function authenticateClient(ctx: EmulatorContext, form: Pick<TokenForm, 'client_id' | 'client_secret'>): RegisteredApp | TokenRefusal {
  const app = Object.values(ctx.state.apps).find((a) => a.clientId === form.client_id);
  if (!app) return refusal('invalid_client', 'BAD_CLIENT_ID', 'missing or invalid client_id');
  // RFC 6749 §5.2 names a failed client authentication invalid_client; HubSpot's own code for it is UNCONFIRMED.
  if (app.clientSecret !== form.client_secret) return refusal('invalid_client', 'BAD_CLIENT_SECRET', 'missing or invalid client_secret');
  return app;
}

/** The authorization-code and refresh-token grants, shared by `/oauth/v1/token` and `/oauth/2026-03/token`. */
export function grantTokens(ctx: EmulatorContext, form: TokenForm): TokenResponse | TokenRefusal {
  const app = authenticateClient(ctx, form);
  if ('error' in app) return app;
  if (form.grant_type === 'authorization_code') {
    const code = form.code ? ctx.state.authorizationCodes[form.code] : undefined;
    if (!code || code.appId !== app.id || code.expiresAt <= ctx.now()) {
      return refusal('invalid_grant', 'BAD_AUTH_CODE', 'missing or unknown auth code');
    }
    if (code.redirectUri !== form.redirect_uri) {
      return refusal('invalid_grant', 'BAD_REDIRECT_URI', 'redirect_uri does not match initial redirect_uri');
    }
    // Codes are single-use.
    delete ctx.state.authorizationCodes[code.code];
    const { appId, portalId, userId, scopes } = code;
    return install(ctx, { appId, portalId, userId, scopes });
  }
  if (form.grant_type === 'refresh_token') {
    const grant = form.refresh_token ? ctx.state.refreshTokens[form.refresh_token] : undefined;
    if (!grant || grant.appId !== app.id) {
      return refusal('invalid_grant', 'BAD_REFRESH_TOKEN', 'refresh token is invalid, expired or revoked');
    }
    return issueAccessToken(ctx, grant);
  }
  return refusal('unsupported_grant_type', 'BAD_GRANT_TYPE', `unsupported grant_type: ${form.grant_type}`);
}
