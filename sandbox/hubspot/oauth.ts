import { randomUUID } from 'node:crypto';
import express, { Router, type Response } from 'express';
import { z } from 'zod';
import { authorizationErrorPage, consentPage, type ConsentRequest } from './consentPage';
import type { EmulatorContext } from './context';
import { notFound } from './errors';
import type { RegisteredApp } from './state';
import { install, issueAccessToken, issueAuthorizationCode, revokeRefreshToken } from './tokens';

const ConsentQuery = z.object({
  client_id: z.string().default(''),
  redirect_uri: z.string().default(''),
  scope: z.string().default(''),
  optional_scope: z.string().default(''),
  state: z.string().default(''),
});

const TokenForm = z.object({
  grant_type: z.string().default(''),
  client_id: z.string().default(''),
  client_secret: z.string().default(''),
  redirect_uri: z.string().optional(),
  code: z.string().optional(),
  refresh_token: z.string().optional(),
});

/** The token endpoint answers errors with a status word instead of the API's error shape. */
function tokenError(res: Response, status: string, message: string): void {
  res.status(400).json({ status, message, correlationId: randomUUID() });
}

const splitScopes = (s: string) => s.split(/[\s+]+/).filter(Boolean);

export function oauthRoutes(ctx: EmulatorContext): Router {
  const router = Router();
  const form = express.urlencoded({ extended: false });

  /** Check an install request against the app's registration; returns the problem, if any. */
  function checkConsent(request: ConsentRequest): { app: RegisteredApp } | { error: string } {
    const app = Object.values(ctx.state.apps).find((a) => a.clientId === request.client_id);
    if (!app) return { error: `Unknown client_id '${request.client_id}'.` };
    if (!app.redirectUrls.includes(request.redirect_uri)) {
      return {
        error: `Authorization failed as the redirect URL '${request.redirect_uri}' doesn't match the app's registered redirect URL.`,
      };
    }
    const requested = splitScopes(request.scope);
    const optional = splitScopes(request.optional_scope);
    const known = new Set([...app.scopes, ...app.optionalScopes]);
    const mismatch =
      app.scopes.some((s) => !requested.includes(s)) ||
      requested.some((s) => !known.has(s)) ||
      optional.some((s) => !app.optionalScopes.includes(s));
    if (mismatch) {
      return {
        error:
          "Authorization failed because there is a mismatch between the scopes in the install URL and the app's configured scopes.",
      };
    }
    return { app };
  }

  router.get('/oauth/authorize', (req, res) => {
    const request = ConsentQuery.parse(req.query);
    const checked = checkConsent(request);
    if ('error' in checked) {
      res.status(400).type('html').send(authorizationErrorPage(checked.error));
      return;
    }
    res.type('html').send(consentPage(checked.app, request, Object.values(ctx.state.portals)));
  });

  router.post('/oauth/authorize', form, (req, res) => {
    const request = ConsentQuery.extend({ portal_id: z.coerce.number().int() }).safeParse(req.body);
    if (!request.success) {
      res.status(400).type('html').send(authorizationErrorPage('Choose an account to connect.'));
      return;
    }
    const checked = checkConsent(request.data);
    const portal = ctx.state.portals[String(request.data.portal_id)];
    if ('error' in checked || !portal) {
      const message = 'error' in checked ? checked.error : 'Unknown account.';
      res.status(400).type('html').send(authorizationErrorPage(message));
      return;
    }
    const user = portal.users[0];
    const scopes = [...splitScopes(request.data.scope), ...splitScopes(request.data.optional_scope)];
    const code = issueAuthorizationCode(
      ctx,
      { appId: checked.app.id, portalId: portal.id, userId: user?.id ?? 0, scopes: [...new Set(scopes)] },
      request.data.redirect_uri,
    );
    const target = new URL(request.data.redirect_uri);
    target.searchParams.set('code', code);
    if (request.data.state) target.searchParams.set('state', request.data.state);
    ctx.changed();
    res.redirect(302, target.toString());
  });

  router.post('/oauth/v1/token', form, (req, res) => {
    const body = TokenForm.parse(req.body ?? {});
    const app = Object.values(ctx.state.apps).find((a) => a.clientId === body.client_id);
    if (!app) return tokenError(res, 'BAD_CLIENT_ID', 'missing or invalid client_id');
    if (app.clientSecret !== body.client_secret) {
      return tokenError(res, 'BAD_CLIENT_SECRET', 'missing or invalid client_secret');
    }
    if (body.grant_type === 'authorization_code') {
      const code = body.code ? ctx.state.authorizationCodes[body.code] : undefined;
      if (!code || code.appId !== app.id || code.expiresAt <= ctx.now()) {
        return tokenError(res, 'BAD_AUTH_CODE', 'missing or unknown auth code');
      }
      if (code.redirectUri !== body.redirect_uri) {
        return tokenError(res, 'BAD_REDIRECT_URI', 'redirect_uri does not match initial redirect_uri');
      }
      // Codes are single-use.
      delete ctx.state.authorizationCodes[code.code];
      const { appId, portalId, userId, scopes } = code;
      res.json(install(ctx, { appId, portalId, userId, scopes }));
    } else if (body.grant_type === 'refresh_token') {
      const grant = body.refresh_token ? ctx.state.refreshTokens[body.refresh_token] : undefined;
      if (!grant || grant.appId !== app.id) {
        return tokenError(res, 'BAD_REFRESH_TOKEN', 'missing or unknown refresh token');
      }
      res.json(issueAccessToken(ctx, grant));
    } else {
      return tokenError(res, 'BAD_GRANT_TYPE', `unsupported grant_type: ${body.grant_type}`);
    }
    ctx.changed();
  });

  router.get('/oauth/v1/access-tokens/:token', (req, res) => {
    const grant = ctx.state.accessTokens[req.params.token];
    const expiresIn = grant ? Math.floor((grant.expiresAt - ctx.now()) / 1000) : 0;
    if (!grant || expiresIn <= 0) throw notFound('The access token could not be found or has expired');
    const portal = ctx.state.portals[String(grant.portalId)];
    res.json({
      token: grant.token,
      user: portal?.users.find((u) => u.id === grant.userId)?.email,
      hub_domain: portal?.domain,
      scopes: grant.scopes,
      hub_id: grant.portalId,
      app_id: grant.appId,
      expires_in: expiresIn,
      user_id: grant.userId,
      token_type: 'access',
    });
  });

  router.get('/oauth/v1/refresh-tokens/:token', (req, res) => {
    const grant = ctx.state.refreshTokens[req.params.token];
    if (!grant) throw notFound('The refresh token could not be found');
    const portal = ctx.state.portals[String(grant.portalId)];
    res.json({
      token: grant.token,
      user: portal?.users.find((u) => u.id === grant.userId)?.email,
      hub_domain: portal?.domain,
      scopes: grant.scopes,
      hub_id: grant.portalId,
      client_id: ctx.state.apps[String(grant.appId)]?.clientId,
      user_id: grant.userId,
      token_type: 'refresh',
    });
  });

  router.delete('/oauth/v1/refresh-tokens/:token', (req, res) => {
    if (!revokeRefreshToken(ctx, req.params.token)) throw notFound('The refresh token could not be found');
    ctx.changed();
    res.status(204).end();
  });

  return router;
}
