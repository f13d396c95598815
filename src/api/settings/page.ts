import { RULES_OF_ENGAGEMENT } from '../../domain/settings';
import type { ApiKey } from '../../store/apiKeys';
import type { Crm } from '../../domain/crm';
import type { CrmConnection } from '../../store/connections';
import type { SlackInstallation } from '../../store/slackInstallations';
import type { Tenant } from '../../store/tenants';
import type { VendorUser } from '../../store/vendorUsers';
import { escapeHtml as e, htmlPage, type SignedInLine } from '../pages/layout';
import { roleOptions, usersSection } from './usersSection';

export interface SettingsPageModel {
  tenant: Tenant;
  connections: CrmConnection[];
  slack: SlackInstallation | null;
  apiKeys: ApiKey[];
  users: VendorUser[];
  /** The admin looking at the page. */
  signedInUserId: string;
  now: Date;
  formToken: string;
  /** The header's "Signed in as …". */
  signedIn: SignedInLine;
  notice?: { kind: 'ok' | 'error'; text: string };
  /** A key just created, its secret shown this once. */
  newApiKey?: { name: string; secret: string };
}

const RULE_LABELS: Record<(typeof RULES_OF_ENGAGEMENT)[number], string> = {
  first_to_register: 'First to register wins (an approved, protected registration blocks others)',
  manager_decides: 'A partner manager decides every conflict',
};
const CRM_LABELS: Record<Crm, string> = { hubspot: 'HubSpot', salesforce: 'Salesforce' };

const hidden = (m: SettingsPageModel) => `<input type="hidden" name="csrf" value="${e(m.formToken)}">`;
const tenantQuery = (m: SettingsPageModel) => `tenant=${encodeURIComponent(m.tenant.id)}`;
const status = (s: string) => `<span class="pill ${e(s)}">${e(s)}</span>`;
const when = (d: Date) => e(d.toISOString().slice(0, 16).replace('T', ' ')) + ' UTC';

function crmRow(m: SettingsPageModel, crm: Crm): string {
  const c = m.connections.find((x) => x.crm === crm);
  const connect = `<a class="button${c ? ' secondary' : ''}" href="/oauth/${crm}/install?${tenantQuery(m)}">${c ? 'Reconnect' : 'Connect'} ${CRM_LABELS[crm]}</a>`;
  if (!c) return `<tr><th>${CRM_LABELS[crm]}</th><td>${status('not connected')}</td><td>${connect}</td></tr>`;
  const account = crm === 'hubspot' ? `Portal ${e(c.externalAccountId)}` : `Org ${e(c.externalAccountId)}<br><span class="muted">${e(c.instanceUrl)}</span>`;
  const disconnect =
    c.status === 'disconnected'
      ? ''
      : `<form class="inline" method="post" action="/settings/connections/${crm}/disconnect?${tenantQuery(m)}">${hidden(m)}<button class="secondary">Disconnect</button></form>`;
  return `<tr><th>${CRM_LABELS[crm]}</th><td>${status(c.status)} ${account}<br><span class="muted">connected ${when(c.connectedAt)}${c.installedBy ? ` by ${e(c.installedBy)}` : ''}${c.statusReason ? ` · ${e(c.statusReason)}` : ''}</span></td><td>${connect} ${disconnect}</td></tr>`;
}

function apiKeyRow(m: SettingsPageModel, k: ApiKey): string {
  const state = k.revokedAt ? `revoked ${when(k.revokedAt)}` : k.expiresAt && k.expiresAt <= m.now ? 'expired' : 'active';
  const revoke = state === 'active'
    ? `<form class="inline" method="post" action="/settings/api-keys/${e(k.id)}/revoke?${tenantQuery(m)}">${hidden(m)}<button class="secondary">Revoke</button></form>`
    : '';
  return `<tr><th>${e(k.name)}<br><code class="muted">${e(k.prefix)}…</code></th><td>${e(k.role)}</td><td>${when(k.createdAt)}${k.createdBy ? `<br><span class="muted">by ${e(k.createdBy)}</span>` : ''}</td><td>${k.lastUsedAt ? when(k.lastUsedAt) : 'never'}</td><td>${k.expiresAt ? when(k.expiresAt) : 'never'}</td><td>${status(state)} ${revoke}</td></tr>`;
}

function apiKeysSection(m: SettingsPageModel): string {
  const created = m.newApiKey
    ? `<p>Your new API key “${e(m.newApiKey.name)}”. Copy it now: it is not shown again.</p><code class="secret">${e(m.newApiKey.secret)}</code>`
    : '<p class="muted">Keys authenticate the REST API (<code>Authorization: Bearer &lt;key&gt;</code>). Each is shown once.</p>';
  const rows = m.apiKeys.map((k) => apiKeyRow(m, k)).join('');
  const table = rows
    ? `<table><tr><th>Name</th><th>Role</th><th>Created</th><th>Last used</th><th>Expires</th><th></th></tr>${rows}</table>`
    : '<p class="muted">No API keys yet.</p>';
  return `<section><h2>API keys</h2>${created}${table}
<form method="post" action="/settings/api-keys?${tenantQuery(m)}">${hidden(m)}
<label for="apiKeyName">Name</label><input id="apiKeyName" name="name" required maxlength="100">
<label for="apiKeyRole">Role</label><select id="apiKeyRole" name="role">${roleOptions('admin')}</select>
<label for="apiKeyExpiresOn">Expires after (optional, UTC)</label><input id="apiKeyExpiresOn" name="expiresOn" type="date">
<p><button class="secondary" type="submit">Create an API key</button></p></form></section>`;
}

function slackRow(m: SettingsPageModel): string {
  const s = m.slack;
  const connect = `<a class="button${s ? ' secondary' : ''}" href="/oauth/slack/install?${tenantQuery(m)}">${s ? 'Reinstall in Slack' : 'Add to Slack'}</a>`;
  if (!s) return `<tr><th>Slack</th><td>${status('not connected')}</td><td>${connect}</td></tr>`;
  return `<tr><th>Slack</th><td>${status(s.status)} ${e(s.teamName ?? s.teamId)}<br><span class="muted">alerts to ${e(s.defaultChannelName ?? s.defaultChannelId ?? 'no channel chosen')} · installed ${when(s.installedAt)}</span></td><td>${connect}</td></tr>`;
}

export function renderSettingsPage(m: SettingsPageModel): string {
  const settings = m.tenant.settings;
  const rules = RULES_OF_ENGAGEMENT.map(
    (r) => `<option value="${r}"${settings.rulesOfEngagement === r ? ' selected' : ''}>${e(RULE_LABELS[r])}</option>`,
  ).join('');
  const notice = m.notice ? `<div class="notice${m.notice.kind === 'error' ? ' error' : ''}">${e(m.notice.text)}</div>` : '';
  return htmlPage(
    `${m.tenant.name} settings`,
    `<h1>${e(m.tenant.name)}</h1>${notice}
<p><a class="button secondary" href="/dashboard">Open the partner dashboard</a></p>
<section><h2>Connections</h2><table>${crmRow(m, 'hubspot')}${crmRow(m, 'salesforce')}${slackRow(m)}</table></section>
<section><h2>Rules of engagement</h2>
<form method="post" action="/settings?${tenantQuery(m)}">${hidden(m)}
<label for="rulesOfEngagement">When two partners register the same deal</label>
<select id="rulesOfEngagement" name="rulesOfEngagement">${rules}</select>
<label for="protectionWindowDays">Protection window of an approved registration (days)</label>
<input id="protectionWindowDays" name="protectionWindowDays" type="number" min="1" max="730" value="${settings.protectionWindowDays}">
<label for="closeDateGraceDays">Accept an expected close date up to this many days in the past (0: today or later)</label>
<input id="closeDateGraceDays" name="closeDateGraceDays" type="number" min="0" max="90" value="${settings.closeDateGraceDays}">
<label for="healthGraceDays">Days a new partner is given, from its first health evaluation, before its score can put it at risk</label>
<input id="healthGraceDays" name="healthGraceDays" type="number" min="0" max="365" value="${settings.healthGraceDays}">
<label for="crmUserDefaultRole">CRM users who are not Trellis users can, from the cards</label>
<select id="crmUserDefaultRole" name="crmUserDefaultRole"><option value="sales_rep"${settings.crmUserDefaultRole === 'sales_rep' ? ' selected' : ''}>register deals and read (sales rep)</option><option value="viewer"${settings.crmUserDefaultRole === 'viewer' ? ' selected' : ''}>only read (viewer)</option></select>
<label for="extraFreeMailDomains">Mail domains that never identify a customer, beyond the free-mail and throwaway lists Trellis keeps (one per line)</label>
<textarea id="extraFreeMailDomains" name="extraFreeMailDomains" rows="3">${e(settings.extraFreeMailDomains.join('\n'))}</textarea>
<p><button type="submit">Save settings</button></p></form></section>
${usersSection({ users: m.users, action: (path) => `${path}?${tenantQuery(m)}`, hidden: hidden(m), signedInUserId: m.signedInUserId })}
${apiKeysSection(m)}`,
    m.signedIn,
  );
}

/** The step before disconnecting a CRM: what it does, with a button that does it and a way back. */
export function renderDisconnectConfirmation(m: { tenantId: string; crm: Crm; account: string | null; formToken: string; signedIn: SignedInLine }): string {
  const name = CRM_LABELS[m.crm];
  const query = `tenant=${encodeURIComponent(m.tenantId)}`;
  return htmlPage(
    `Disconnect ${name}?`,
    `<section><h1>Disconnect ${name}${m.account ? ` (${e(m.account)})` : ''}?</h1>
<p>Trellis stops syncing with ${name} and revokes its access there at once; the cards stop working for its users. Partners and registrations stay in Trellis, and connecting again picks up where it left off.</p>
<form method="post" action="/settings/connections/${m.crm}/disconnect?${query}"><input type="hidden" name="csrf" value="${e(m.formToken)}"><input type="hidden" name="confirm" value="yes">
<p><button type="submit">Disconnect ${name}</button> <a class="button secondary" href="/settings?${query}">Cancel</a></p></form></section>`,
    m.signedIn,
  );
}
