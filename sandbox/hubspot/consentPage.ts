import { escapeHtml, page } from './html';
import type { Portal, RegisteredApp } from './state';

export interface ConsentRequest {
  client_id: string;
  redirect_uri: string;
  scope: string;
  optional_scope: string;
  optional_scopes: string;
  state: string;
}

/** The page a user sees when installing an app: pick an account and grant the scopes. */
export function consentPage(app: RegisteredApp, request: ConsentRequest, portals: Portal[]): string {
  const hidden = Object.entries(request)
    .map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`)
    .join('');
  const choices = portals
    .map(
      (p, i) =>
        `<label><input type="radio" name="portal_id" value="${p.id}"${i === 0 ? ' checked' : ''}> ${escapeHtml(p.domain)} (${p.id}, ${p.tier})</label><br>`,
    )
    .join('');
  const scopes = [...new Set([request.scope, request.optional_scope, request.optional_scopes].flatMap((s) => s.split(' ')))]
    .filter(Boolean)
    .map((s) => `<li><code>${escapeHtml(s)}</code></li>`)
    .join('');
  return page(
    `Connect ${app.name}`,
    `<h1>Connect ${escapeHtml(app.name)} to HubSpot</h1>
<form method="post" action="/oauth/authorize">${hidden}
<p>Choose an account:</p>${choices || '<p>No accounts exist yet.</p>'}
<p>${escapeHtml(app.name)} will be able to:</p><ul>${scopes}</ul>
<button type="submit">Connect app</button></form>`,
  );
}

export function authorizationErrorPage(message: string): string {
  return page('Authorization failed', `<h1>Authorization failed</h1><p>${escapeHtml(message)}</p>`);
}
