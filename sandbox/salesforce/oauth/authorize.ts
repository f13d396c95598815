import { randomBytes } from 'node:crypto';
import { Router, type Response } from 'express';
import type { EmulatorContext } from '../context';
import { acceptsLoginAt, requestHost } from '../hosts';
import { adminUserId } from '../orgs';
import type { ExternalClientApp } from '../state';
import { escapeHtml, page } from '../view/html';
import { OAuthError } from './oauthError';

interface AuthorizeParams {
  app: ExternalClientApp;
  redirectUri: string;
  state?: string;
  scope: string[];
  codeChallenge?: string;
  nonce?: string;
}

/**
 * The web-server flow's user-facing half: `GET` shows the login/consent page,
 * `POST` (the page's form) grants or denies and redirects back with a code.
 */
export function authorizeRouter(ctx: EmulatorContext): Router {
  const router = Router();

  router.get('/authorize', (req, res) => {
    const query = { ...req.query } as Record<string, string>;
    respond(res, () => res.type('html').send(consentPage(ctx, query, readParams(ctx, query), requestHost(res))));
  });

  router.post('/authorize', (req, res) => respond(res, () => grantOrDeny(ctx, (req.body ?? {}) as Record<string, unknown>, res)));

  return router;
}

function grantOrDeny(ctx: EmulatorContext, body: Record<string, unknown>, res: Response): void {
  const params = readParams(ctx, body);
  if (body.action === 'deny') return redirectWith(res, params, { error: 'access_denied', error_description: 'end-user denied authorization' });
  const org = ctx.state.orgs[String(body.org_id ?? '')];
  if (!org) return redirectWith(res, params, { error: 'access_denied', error_description: 'no such organization' });
  // A user logs in only at the org's own login hosts: a sandbox user is unknown at login.salesforce.com.
  if (!acceptsLoginAt(org, requestHost(res))) {
    return void res.status(400).type('html').send(page('Login', "<p>Please check your username and password. If you still can't log in, contact your Salesforce administrator.</p>"));
  }
  const userId = typeof body.user_id === 'string' && org.records.User?.[body.user_id] ? body.user_id : adminUserId(org);
  const code = `aPrx${randomBytes(24).toString('base64url')}`;
  ctx.state.authorizationCodes[code] = {
    clientId: params.app.consumerKey,
    redirectUri: params.redirectUri,
    orgId: org.id,
    userId,
    scope: params.scope,
    ...(params.codeChallenge ? { codeChallenge: params.codeChallenge } : {}),
    ...(params.nonce ? { nonce: params.nonce } : {}),
    expiresAt: ctx.now() + ctx.authorizationCodeTtlMs,
  };
  redirectWith(res, params, { code });
}

/** A refused authorization: back to the callback when it is known good, else an error page. */
class AuthorizeFailure extends OAuthError {
  constructor(error: string, description: string, readonly redirectTo?: Pick<AuthorizeParams, 'redirectUri' | 'state'>) {
    super(error, description);
  }
}

function respond(res: Response, handler: () => void): void {
  try {
    handler();
  } catch (err) {
    if (!(err instanceof AuthorizeFailure)) throw err;
    if (err.redirectTo) redirectWith(res, err.redirectTo, { error: err.error, error_description: err.description });
    else res.status(400).type('html').send(page('Authorization error', `<p>error=${escapeHtml(err.error)}&amp;error_description=${escapeHtml(err.description)}</p>`));
  }
}

/** Checks the request; an unknown client or callback cannot be redirected to, so it gets an error page. */
function readParams(ctx: EmulatorContext, raw: Record<string, unknown>): AuthorizeParams {
  const text = (key: string) => (typeof raw[key] === 'string' ? (raw[key] as string) : undefined);
  const app = ctx.state.apps[text('client_id') ?? ''];
  if (!app) throw new AuthorizeFailure('invalid_client_id', 'client identifier invalid');
  const redirectUri = text('redirect_uri') ?? '';
  if (!app.callbackUrls.includes(redirectUri)) throw new AuthorizeFailure('redirect_uri_mismatch', 'redirect_uri must match configuration');
  const state = text('state');
  const back = { redirectUri, ...(state !== undefined ? { state } : {}) };
  if (text('response_type') !== 'code') throw new AuthorizeFailure('unsupported_response_type', 'response type not supported', back);
  const method = text('code_challenge_method');
  if (method !== undefined && method !== 'S256') throw new AuthorizeFailure('invalid_request', 'code_challenge_method must be S256', back);
  const scope = text('scope')?.split(/[\s+]+/).filter(Boolean) ?? app.scopes;
  if (scope.some((s) => !app.scopes.includes(s))) throw new AuthorizeFailure('invalid_scope', 'the requested scope is not allowed', back);
  const codeChallenge = text('code_challenge');
  const nonce = text('nonce');
  return { app, ...back, scope, ...(codeChallenge ? { codeChallenge } : {}), ...(nonce ? { nonce } : {}) };
}

function redirectWith(res: Response, params: Pick<AuthorizeParams, 'redirectUri' | 'state'>, values: Record<string, string>): void {
  const url = new URL(params.redirectUri);
  for (const [k, v] of Object.entries(values)) url.searchParams.set(k, v);
  if (params.state !== undefined) url.searchParams.set('state', params.state);
  res.redirect(302, url.toString());
}

function consentPage(ctx: EmulatorContext, query: Record<string, string>, params: AuthorizeParams, host: string): string {
  const hidden = Object.entries(query)
    .map(([k, v]) => `<input type="hidden" name="${escapeHtml(k)}" value="${escapeHtml(String(v))}">`)
    .join('');
  const orgs = Object.values(ctx.state.orgs)
    .filter((o) => acceptsLoginAt(o, host))
    .map((o) => `<option value="${escapeHtml(o.id)}">${escapeHtml(o.name)} (${escapeHtml(o.id)})</option>`)
    .join('');
  return page(
    'Allow Access?',
    `<form method="post" action="authorize">${hidden}
      <p><strong>${escapeHtml(params.app.name)}</strong> is asking to: ${params.scope.map(escapeHtml).join(', ')}</p>
      <label>Log in to org <select name="org_id">${orgs}</select></label>
      <label>as <input name="user_id" placeholder="the org's administrator (or a user id)"></label>
      <button name="action" value="allow">Allow</button> <button name="action" value="deny">Deny</button>
    </form>`,
  );
}

