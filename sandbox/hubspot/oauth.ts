import { randomUUID } from 'node:crypto';
import express, { Router, type Response } from 'express';
import { z } from 'zod';
import { authorizationErrorPage, consentPage, type ConsentRequest } from './consentPage';
import type { EmulatorContext } from './context';
import { notFound } from './errors';
import type { RegisteredApp } from './state';
import { tierGrants } from './tiers';
import { grantTokens, issueAuthorizationCode, revokeRefreshToken, TokenForm, type TokenRefusal } from './tokens';

const ConsentQuery = z.object({
  client_id: z.string().default(''),
  redirect_uri: z.string().default(''),
  scope: z.string().default(''),
  // The docs write `optional_scopes`, clients often send `optional_scope`; which one HubSpot honours is UNCONFIRMED, so both count.
  optional_scope: z.string().default(''),
  optional_scopes: z.string().default(''),
  state: z.string().default(''),
});

/** The v1 token endpoint answers errors with a status word instead of the API's error shape. */
function tokenError(res: Response, refused: TokenRefusal): void {
  res.status(400).json({ status: refused.status, message: refused.message, correlationId: randomUUID() });
}

const splitScopes = (s: string) => s.split(/[\s+]+/).filter(Boolean);

/** The message HubSpot shows when the chosen account cannot grant a scope the install URL requires [drupal]. */
const INSUFFICIENT_SCOPES = "Couldn't complete the connection. Insufficient scopes were provided.";

interface CheckedConsent {
  app: RegisteredApp;
  /** The install URL's `scope`: each must be granted or the install fails. */
  demanded: string[];
  /** The install URL's optional scopes: granted where the portal can. */
  optional: string[];
}

export function oauthRoutes(ctx: EmulatorContext): Router {
  const router = Router();
  const form = express.urlencoded({ extended: false });

  /** Check an install request against the app's registration; returns the problem, if any. */
  function checkConsent(request: ConsentRequest): CheckedConsent | { error: string } {
    const app = Object.values(ctx.state.apps).find((a) => a.clientId === request.client_id);
    if (!app) return { error: `Unknown client_id '${request.client_id}'.` };
    if (!app.redirectUrls.includes(request.redirect_uri)) {
      return {
        error: `Authorization failed as the redirect URL '${request.redirect_uri}' doesn't match the app's registered redirect URL.`,
      };
    }
    const demanded = splitScopes(request.scope);
    const optional = [...new Set([...splitScopes(request.optional_scope), ...splitScopes(request.optional_scopes)])];
    // Required scopes must all be in `scope`; conditionally required ones only when the URL asks them [hs-scopes].
    const known = new Set([...app.scopes, ...app.conditionallyRequiredScopes, ...app.optionalScopes]);
    const mismatch =
      app.scopes.some((s) => !demanded.includes(s)) ||
      demanded.some((s) => !known.has(s)) ||
      optional.some((s) => !app.optionalScopes.includes(s));
    if (mismatch) {
      return {
        error:
          "Authorization failed because there is a mismatch between the scopes in the install URL and the app's configured scopes.",
      };
    }
    return { app, demanded, optional };
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
    const request = ConsentQuery.extend({ portal_id: z.coerce.number().int(), user_email: z.string().optional() }).safeParse(req.body);
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
    // A scope in `scope` the account's tier lacks fails the install; an optional one is dropped [hs-tokfields, cdata].
    if (checked.demanded.some((s) => !tierGrants(portal.tier, s))) {
      res.status(400).type('html').send(authorizationErrorPage(INSUFFICIENT_SCOPES));
      return;
    }
    // Whoever is signed in to HubSpot completes the consent: the portal's first user unless the form names another.
    const user = portal.users.find((u) => u.email === request.data.user_email) ?? portal.users[0];
    const scopes = [...checked.demanded, ...checked.optional.filter((s) => tierGrants(portal.tier, s))];
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

  // The v1 endpoints "remain accessible until February 16th, 2027" [hs-v1dep]; after the sunset they are gone.
  router.use('/oauth/v1', (_req, _res, next) => {
    if (ctx.now() < ctx.settings.oauthV1SunsetAt) return next();
    // How HubSpot will answer a retired endpoint is UNCONFIRMED: a 404 in the API's error shape.
    throw notFound(`The v1 OAuth API was retired on ${new Date(ctx.settings.oauthV1SunsetAt).toISOString().slice(0, 10)}; use /oauth/2026-03/token`);
  });

  router.post('/oauth/v1/token', form, (req, res) => {
    const granted = grantTokens(ctx, TokenForm.parse(req.body ?? {}));
    if ('error' in granted) return tokenError(res, granted);
    ctx.changed();
    res.json(granted);
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
