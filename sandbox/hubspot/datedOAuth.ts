import express, { Router, type Response } from 'express';
import { z } from 'zod';
import type { EmulatorContext } from './context';
import { authenticateClient, grantTokens, revokeRefreshToken, TokenForm, type TokenRefusal } from './tokens';

const TokenQuery = z.object({
  client_id: z.string().default(''),
  client_secret: z.string().default(''),
  token: z.string().default(''),
  token_type_hint: z.enum(['access_token', 'refresh_token']).optional().catch(undefined),
});

/** The dated endpoints answer refusals with the RFC 6749 fields and keep the legacy ones [hs-v3]. */
function refuse(res: Response, refused: TokenRefusal): void {
  res.status(400).json(refused);
}

/**
 * `/oauth/2026-03/token[/introspect|/revoke]`, the successors of the v1 OAuth API [hs-v1dep]:
 * form-encoded, client secret in the body.
 */
export function datedOAuthRoutes(ctx: EmulatorContext): Router {
  const router = Router();
  router.use('/oauth/2026-03/token', express.urlencoded({ extended: false }));

  router.post('/oauth/2026-03/token', (req, res) => {
    const granted = grantTokens(ctx, TokenForm.parse(req.body ?? {}));
    if ('error' in granted) return refuse(res, granted);
    ctx.changed();
    res.json(granted);
  });

  /**
   * The documented example is only `{"active":true}` [hs-introspect]; the other fields (RFC 7662
   * names and v1's metadata names) are UNCONFIRMED, so Trellis treats all but `active` as optional.
   */
  router.post('/oauth/2026-03/token/introspect', (req, res) => {
    const query = TokenQuery.parse(req.body ?? {});
    const app = authenticateClient(ctx, query);
    if ('error' in app) return refuse(res, app);
    const { accessTokens, refreshTokens, portals } = ctx.state;
    const access = query.token_type_hint === 'refresh_token' ? undefined : accessTokens[query.token];
    const live = access && access.expiresAt > ctx.now() ? access : undefined;
    const grant = live ?? (query.token_type_hint === 'access_token' ? undefined : refreshTokens[query.token]);
    if (!grant || grant.appId !== app.id) return void res.json({ active: false });
    const portal = portals[String(grant.portalId)];
    res.json({
      active: true,
      token_type: live ? 'access_token' : 'refresh_token',
      client_id: app.clientId,
      app_id: app.id,
      hub_id: grant.portalId,
      hub_domain: portal?.domain,
      user_id: grant.userId,
      user: portal?.users.find((u) => u.id === grant.userId)?.email,
      scopes: grant.scopes,
      ...(live ? { exp: Math.floor(live.expiresAt / 1000) } : {}),
    });
  });

  /** RFC 7009: an unknown or already revoked token is answered 200 all the same. */
  router.post('/oauth/2026-03/token/revoke', (req, res) => {
    const query = TokenQuery.parse(req.body ?? {});
    const app = authenticateClient(ctx, query);
    if ('error' in app) return refuse(res, app);
    const { accessTokens, refreshTokens } = ctx.state;
    if (refreshTokens[query.token]?.appId === app.id) revokeRefreshToken(ctx, query.token);
    else if (accessTokens[query.token]?.appId === app.id) delete accessTokens[query.token];
    ctx.changed();
    res.status(200).end();
  });

  return router;
}
