import { createHash, createHmac, randomBytes } from 'node:crypto';
import { Router, type Request, type Response } from 'express';
import type { EmulatorContext } from '../context';
import { acceptsLoginAt, hostUrl, identityUrl, instanceUrl, requestHost } from '../hosts';
import { emailClaims } from './identity';
import type { AccessTokenGrant, ExternalClientApp } from '../state';
import { OAuthError } from './oauthError';

/** The web-server flow's machine half: code and refresh-token grants, and revocation. */
export function tokenRouter(ctx: EmulatorContext): Router {
  const router = Router();

  router.post('/token', async (req, res) => {
    const params = formParams(req);
    try {
      const app = authenticateClient(ctx, params);
      const host = requestHost(res);
      if (params.grant_type === 'authorization_code') return void res.json(await exchangeCode(ctx, app, params, host));
      if (params.grant_type === 'refresh_token') return void res.json(refresh(ctx, app, params, host));
      throw new OAuthError('unsupported_grant_type', 'grant type not supported');
    } catch (err) {
      if (!(err instanceof OAuthError)) throw err;
      res.status(err.status).json({ error: err.error, error_description: err.description });
    }
  });

  const revoke = (req: Request, res: Response) => {
    const token = formParams(req).token ?? '';
    const { state } = ctx;
    if (state.refreshTokens[token]) {
      // Revoking a refresh token ends every session issued from it.
      delete state.refreshTokens[token];
      for (const [key, grant] of Object.entries(state.accessTokens)) if (grant.refreshToken === token) delete state.accessTokens[key];
    } else if (state.accessTokens[token]) delete state.accessTokens[token];
    else return void res.status(400).json({ error: 'unsupported_token_type', error_description: 'this token type is not supported' });
    res.status(200).end();
  };
  router.post('/revoke', revoke);
  router.get('/revoke', revoke);

  return router;
}

/** The form's fields; client credentials may come in an HTTP Basic header instead (client_secret_basic). */
function formParams(req: Request): Record<string, string | undefined> {
  const merged = { ...(req.query as Record<string, unknown>), ...((req.body ?? {}) as Record<string, unknown>) };
  const basic = /^Basic\s+(.+)$/i.exec(req.get('authorization') ?? '')?.[1];
  if (basic) {
    const [id, secret] = Buffer.from(basic, 'base64').toString().split(':').map((part) => decodeURIComponent(part.replace(/\+/g, ' ')));
    Object.assign(merged, { client_id: id, client_secret: secret });
  }
  return Object.fromEntries(Object.entries(merged).map(([k, v]) => [k, typeof v === 'string' ? v : undefined]));
}

function authenticateClient(ctx: EmulatorContext, params: Record<string, string | undefined>): ExternalClientApp {
  const app = ctx.state.apps[params.client_id ?? ''];
  if (!app) throw new OAuthError('invalid_client_id', 'client identifier invalid');
  if ((app.requireSecret || params.client_secret !== undefined) && params.client_secret !== app.consumerSecret) {
    throw new OAuthError('invalid_client', 'invalid client credentials');
  }
  return app;
}

async function exchangeCode(ctx: EmulatorContext, app: ExternalClientApp, params: Record<string, string | undefined>, host: string) {
  const code = params.code ?? '';
  const grant = ctx.state.authorizationCodes[code];
  // A code is good for one exchange, whatever its outcome.
  delete ctx.state.authorizationCodes[code];
  if (!grant || grant.clientId !== app.consumerKey) throw new OAuthError('invalid_grant', 'invalid authorization code');
  if (grant.expiresAt <= ctx.now()) throw new OAuthError('invalid_grant', 'expired authorization code');
  const org = ctx.state.orgs[grant.orgId];
  // Another login host does not know the org's codes (a sandbox's code at login.salesforce.com).
  if (!org || !acceptsLoginAt(org, host)) throw new OAuthError('invalid_grant', 'invalid authorization code');
  if (params.redirect_uri !== grant.redirectUri) throw new OAuthError('redirect_uri_mismatch', 'redirect_uri must match configuration');
  if (grant.codeChallenge !== undefined) {
    const verifier = params.code_verifier ?? '';
    if (createHash('sha256').update(verifier).digest('base64url') !== grant.codeChallenge) throw new OAuthError('invalid_grant', 'invalid code verifier');
  }
  const refreshToken = grant.scope.some((s) => s === 'refresh_token' || s === 'offline_access' || s === 'full') ? newRefreshToken() : undefined;
  if (refreshToken) ctx.state.refreshTokens[refreshToken] = { orgId: grant.orgId, userId: grant.userId, clientId: app.consumerKey, scope: grant.scope };
  const issued = issueAccessToken(ctx, app, { orgId: grant.orgId, userId: grant.userId, scope: grant.scope, ...(refreshToken ? { refreshToken } : {}) });
  // An OpenID Connect login: the ID token is issued by the login host the code is exchanged at.
  const idToken = grant.scope.includes('openid')
    ? await ctx.openId.idToken({
        iss: hostUrl(ctx.baseUrl(), host),
        sub: issued.id,
        aud: app.consumerKey,
        ...(grant.nonce ? { nonce: grant.nonce } : {}),
        ...emailClaims(org, grant.userId),
        now: ctx.now(),
      })
    : undefined;
  return { ...issued, ...(refreshToken ? { refresh_token: refreshToken } : {}), ...(idToken ? { id_token: idToken } : {}) };
}

/**
 * A refresh at one of the org's login hosts [sf-ep]; elsewhere the grant is unknown, as a sandbox's
 * is at login.salesforce.com (S5; the wording of that refusal is assumed to be the unknown-token one).
 * With rotation on, the answer carries a new refresh token and the one used is retired.
 */
function refresh(ctx: EmulatorContext, app: ExternalClientApp, params: Record<string, string | undefined>, host: string) {
  const used = params.refresh_token ?? '';
  const grant = ctx.state.refreshTokens[used];
  const org = grant && ctx.state.orgs[grant.orgId];
  if (!grant || grant.clientId !== app.consumerKey || !org || !acceptsLoginAt(org, host)) throw new OAuthError('invalid_grant', 'expired access/refresh token');
  let refreshToken = used;
  if (org.refreshTokenRotation) {
    refreshToken = newRefreshToken();
    ctx.state.refreshTokens[refreshToken] = grant;
    delete ctx.state.refreshTokens[used];
  }
  const issued = issueAccessToken(ctx, app, { orgId: grant.orgId, userId: grant.userId, scope: grant.scope, refreshToken });
  return { ...issued, ...(refreshToken !== used ? { refresh_token: refreshToken } : {}) };
}

function newRefreshToken(): string {
  return `5Aep861${randomBytes(48).toString('base64url')}`;
}

function issueAccessToken(ctx: EmulatorContext, app: ExternalClientApp, grant: Pick<AccessTokenGrant, 'orgId' | 'userId' | 'scope' | 'refreshToken'>) {
  const now = ctx.now();
  // Salesforce access tokens start with the 15-character org id.
  const accessToken = `${grant.orgId.slice(0, 15)}!${randomBytes(72).toString('base64url')}`;
  ctx.state.accessTokens[accessToken] = { ...grant, clientId: app.consumerKey, issuedAt: now, expiresAt: now + ctx.accessTokenTtlMs };
  const org = ctx.state.orgs[grant.orgId]!;
  const id = identityUrl(ctx.baseUrl(), org, grant.userId);
  const issuedAt = String(now);
  return {
    access_token: accessToken,
    signature: createHmac('sha256', app.consumerSecret).update(id + issuedAt).digest('base64'),
    scope: grant.scope.join(' '),
    instance_url: instanceUrl(ctx.baseUrl(), org),
    id,
    token_type: 'Bearer',
    issued_at: issuedAt,
  };
}
