import express, { type Request, type Response } from 'express';
import { escapeHtml, htmlPage } from './html';
import type { RegisteredApp } from './model';
import type { Services } from './services';

/** Codes from the consent page must be exchanged within ten minutes, once. */
const CODE_LIFETIME_MS = 10 * 60 * 1000;

type Query = Record<string, string | undefined>;

/**
 * Slack accepts a redirect_uri equal to, or under, one of the app's registered
 * redirect URLs; without one it uses the first registered URL.
 */
function redirectTarget(app: RegisteredApp, requested: string | undefined): string | undefined {
  if (requested === undefined) return app.redirectUrls[0];
  let wanted: URL;
  try {
    wanted = new URL(requested);
  } catch {
    return undefined;
  }
  const allowed = app.redirectUrls.some((registered) => {
    const base = new URL(registered);
    return base.origin === wanted.origin && (wanted.pathname === base.pathname || wanted.pathname.startsWith(base.pathname.replace(/\/?$/, '/')));
  });
  return allowed ? requested : undefined;
}

function errorPage(res: Response, error: string): void {
  res.status(400).type('html').send(htmlPage('Slack — install error', `<h1>Something went wrong</h1><p><code>${escapeHtml(error)}</code></p>`));
}

/** The authorize request's app and redirect target, or an error page (Slack never redirects to an unverified URI). */
function checkRequest(services: Services, params: Query, res: Response): { app: RegisteredApp; redirect: string } | undefined {
  const app = params.client_id ? services.state.appByClientId(params.client_id) : undefined;
  if (!app) return void errorPage(res, 'invalid_client_id');
  const redirect = redirectTarget(app, params.redirect_uri || undefined);
  if (!redirect) return void errorPage(res, 'bad_redirect_uri');
  return { app, redirect };
}

function consentForm(services: Services, app: RegisteredApp, params: Query): string {
  const { data } = services.state;
  const hidden = ['client_id', 'scope', 'user_scope', 'redirect_uri', 'state']
    .map((name) => `<input type="hidden" name="${name}" value="${escapeHtml(params[name] ?? '')}">`)
    .join('');
  const teams = Object.values(data.workspaces)
    .map((t) => `<option value="${escapeHtml(t.id)}"${t.id === params.team ? ' selected' : ''}>${escapeHtml(t.name)} (${escapeHtml(t.id)})</option>`)
    .join('');
  const users = Object.values(data.users)
    .filter((u) => !u.isBot)
    .map((u) => `<option value="${escapeHtml(u.id)}">${escapeHtml(u.realName)} — ${escapeHtml(data.workspaces[u.teamId]?.name)}</option>`)
    .join('');
  const channels = Object.values(data.channels)
    .filter((c) => !c.imUser)
    .map((c) => `<option value="${escapeHtml(c.id)}">#${escapeHtml(c.name)} — ${escapeHtml(data.workspaces[c.teamId]?.name)}</option>`)
    .join('');
  const scopes = (params.scope ?? '').split(',').filter(Boolean);
  const wantsWebhook = scopes.includes('incoming-webhook');
  return htmlPage(
    `Install ${app.name}`,
    `<h1>${escapeHtml(app.name)} is requesting permission to access a Slack workspace</h1>
<p>It will be able to: ${scopes.map((s) => `<code>${escapeHtml(s)}</code>`).join(' ') || 'nothing'}</p>
<form method="post" action="/oauth/v2/authorize">${hidden}
<label for="team">Workspace</label><select id="team" name="team">${teams}</select>
<label for="user">Installing as</label><select id="user" name="user">${users}</select>
${wantsWebhook ? `<label for="channel">Where should ${escapeHtml(app.name)} post?</label><select id="channel" name="channel">${channels}</select>` : ''}
<p><button type="submit" name="decision" value="allow">Allow</button> <button type="submit" name="decision" value="deny">Cancel</button></p>
</form>`,
  );
}

function redirectWith(res: Response, target: string, params: Record<string, string | undefined>): void {
  const url = new URL(target);
  for (const [key, value] of Object.entries(params)) if (value !== undefined) url.searchParams.set(key, value);
  res.redirect(302, url.toString());
}

/** `GET /oauth/v2/authorize` shows the consent page; `POST` (the form) issues a code and redirects. */
export function oauthRouter(services: Services): express.Router {
  const router = express.Router();
  router.get('/oauth/v2/authorize', (req: Request, res: Response) => {
    const params = req.query as Query;
    const checked = checkRequest(services, params, res);
    if (checked) res.type('html').send(consentForm(services, checked.app, params));
  });
  router.post('/oauth/v2/authorize', express.urlencoded({ extended: false }), (req: Request, res: Response) => {
    const params = req.body as Query;
    const checked = checkRequest(services, params, res);
    if (!checked) return;
    if (params.decision === 'deny') return redirectWith(res, checked.redirect, { error: 'access_denied', state: params.state });
    const { state } = services;
    const team = params.team ? state.data.workspaces[params.team] : undefined;
    if (!team) return errorPage(res, 'team_not_found');
    const installer = params.user
      ? state.user(team.id, params.user)
      : Object.values(state.data.users).find((u) => u.teamId === team.id && !u.isBot);
    if (!installer) return errorPage(res, 'the installing user must belong to the chosen workspace');
    const scopes = (params.scope ?? '').split(',').map((s) => s.trim()).filter(Boolean);
    const webhookChannel = params.channel ? state.channel(team.id, params.channel) : undefined;
    if (scopes.includes('incoming-webhook') && !webhookChannel) return errorPage(res, 'pick a channel of the chosen workspace for the incoming webhook');
    const code = `${team.id.slice(1)}.${state.digits(13)}.${state.secret(32)}`;
    state.data.oauthCodes[code] = {
      code,
      appId: checked.app.id,
      teamId: team.id,
      installerUserId: installer.id,
      scopes,
      userScopes: (params.user_scope ?? '').split(',').filter(Boolean),
      redirectUri: params.redirect_uri || undefined,
      webhookChannelId: webhookChannel?.id,
      expiresAt: Date.now() + CODE_LIFETIME_MS,
      used: false,
    };
    state.changed();
    redirectWith(res, checked.redirect, { code, state: params.state });
  });
  return router;
}
