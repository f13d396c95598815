import { ROLE_LABELS } from '../../domain/access';
import type { WorkspaceUser } from '../../store/vendorUsers';
import { escapeHtml as e, htmlPage } from './layout';

export interface SignInChoices {
  /** The page that asked; signing in comes back to it. */
  returnTo?: string | null;
  /** The button label of the configured OpenID Connect provider, if one is. */
  oidcName?: string | null;
  /** Sandbox only: every user of every workspace, each a one-click sign-in. */
  demo?: { users: WorkspaceUser[]; formToken: string } | null;
  notice?: string;
}

const returnField = (returnTo: string | null | undefined) => (returnTo ? `<input type="hidden" name="return" value="${e(returnTo)}">` : '');

function demoUsers(demo: NonNullable<SignInChoices['demo']>, returnTo: string | null | undefined): string {
  const rows = demo.users.map(
    ({ user, tenantName }) =>
      `<tr><td><form class="inline" method="post" action="/signin/sandbox"><input type="hidden" name="csrf" value="${e(demo.formToken)}"><input type="hidden" name="tenant" value="${e(user.tenantId)}"><input type="hidden" name="user" value="${e(user.id)}">${returnField(returnTo)}<button class="secondary">Sign in as ${e(user.displayName ?? user.email)} — ${e(ROLE_LABELS[user.role])}</button></form></td><td class="muted">${e(user.email)} · ${e(tenantName)}</td></tr>`,
  );
  const list = rows.length > 0 ? `<table>${rows.join('')}</table>` : '<p class="muted">No workspace has users yet: install Trellis in a CRM first.</p>';
  return `<section><h2>Sandbox: sign in as a demo user</h2><p class="muted">Only the local sandbox offers this.</p>${list}</section>`;
}

/**
 * Where a person who is not signed in (or whose session has ended) signs in: with the CRM they
 * use (identity only; nothing is installed), the configured OpenID Connect provider, or, in the
 * sandbox, as any demo user. Signing in comes back to `returnTo`.
 */
export function signInPage(choices: SignInChoices = {}): string {
  const back = choices.returnTo ? `?return=${encodeURIComponent(choices.returnTo)}` : '';
  const notice = choices.notice ? `<div class="notice">${e(choices.notice)}</div>` : '';
  const oidc = choices.oidcName ? `<p><a class="button secondary" href="/signin/oidc${e(back)}">Sign in with ${e(choices.oidcName)}</a></p>` : '';
  return htmlPage(
    'Sign in to Trellis',
    `${notice}<section><h1>Sign in to Trellis</h1><p>Sign in with the account you use at work; your Trellis admin adds you to the workspace by that email.</p>
<p><a class="button" href="/signin/hubspot${e(back)}">Sign in with HubSpot</a></p>
<form method="get" action="/signin/salesforce">${returnField(choices.returnTo)}
<label for="login">Salesforce org</label><select id="login" name="login"><option value="production">Production or Developer Edition</option><option value="sandbox">Sandbox org (test.salesforce.com)</option></select>
<label for="my_domain">or your My Domain (optional)</label><input id="my_domain" name="my_domain" placeholder="acme.my.salesforce.com">
<p><button type="submit">Sign in with Salesforce</button></p></form>
${oidc}</section>${choices.demo ? demoUsers(choices.demo, choices.returnTo) : ''}`,
  );
}

/** An OpenID Connect sign-in whose email is a user of several workspaces: one button each. */
export function workspaceChooserPage(email: string, choices: Array<{ tenantName: string; role: WorkspaceUser['user']['role']; fields: Record<string, string> }>): string {
  const rows = choices.map(
    (c) =>
      `<tr><td><form class="inline" method="post" action="/signin/oidc/choose">${Object.entries(c.fields)
        .map(([name, value]) => `<input type="hidden" name="${e(name)}" value="${e(value)}">`)
        .join('')}<button>${e(c.tenantName)}</button></form></td><td class="muted">${e(ROLE_LABELS[c.role])}</td></tr>`,
  );
  return htmlPage('Choose a workspace', `<section><h1>Choose a workspace</h1><p>${e(email)} is a Trellis user of these workspaces.</p><table>${rows.join('')}</table></section>`);
}
