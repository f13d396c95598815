import { ROLE_LABELS, ROLES, type Role } from '../../domain/access';
import { REGIONS, TIERS } from '../../domain/partner';
import type { VendorUser } from '../../store/vendorUsers';
import { escapeHtml as e } from '../pages/layout';

/** What each role may do, as the policy in `domain/access` grants it. */
export const ROLE_DESCRIPTIONS: Record<Role, string> = {
  admin: 'Admin (everything, including settings, users and keys)',
  partner_manager: 'Partner manager (decides registrations and conflicts of the partners they manage)',
  sales_rep: 'Sales rep (registers deals, reads)',
  viewer: 'Viewer (reads only)',
};

/** The roles to choose from, described in full or (in a table row) by name. */
export const roleOptions = (selected?: Role, labels: Record<Role, string> = ROLE_DESCRIPTIONS) =>
  ROLES.map((r) => `<option value="${r}"${r === selected ? ' selected' : ''}>${e(labels[r])}</option>`).join('');

const checkboxes = (name: string, values: readonly string[], checked: readonly string[], idPrefix: string) =>
  values
    .map((v) => `<label class="choice"><input type="checkbox" name="${name}" value="${e(v)}"${checked.includes(v) ? ' checked' : ''} id="${idPrefix}-${name}-${e(v)}"> ${e(v)}</label>`)
    .join(' ');

/** A partner manager's scope in words: the regions and tiers they answer for, else every partner. */
function scopeText(u: VendorUser): string {
  if (u.role !== 'partner_manager') return '';
  const { partnerIds, regions, tiers } = u.scope;
  const parts = [regions.length ? `regions ${regions.join(', ')}` : '', tiers.length ? `tiers ${tiers.join(', ')}` : '', partnerIds.length ? `${partnerIds.length} named partners` : ''].filter(Boolean);
  return parts.length ? `manages ${parts.join('; ')}, and partners naming them as manager` : 'manages every partner';
}

interface UsersSectionModel {
  users: VendorUser[];
  /** Where each form posts, with the page's tenant query and CSRF field. */
  action: (path: string) => string;
  hidden: string;
  signedInUserId: string;
}

function userRow(m: UsersSectionModel, u: VendorUser): string {
  const id = `user-${u.id}`;
  const you = u.id === m.signedInUserId ? ' <span class="muted">(you)</span>' : '';
  return `<tr><th>${e(u.email)}${you}${u.displayName ? `<br><span class="muted">${e(u.displayName)}</span>` : ''}</th>
<td><form class="inline" method="post" action="${m.action(`/settings/users/${u.id}`)}">${m.hidden}
<label for="${id}-role" class="visually-hidden">Role of ${e(u.email)}</label><select id="${id}-role" name="role">${roleOptions(u.role, ROLE_LABELS)}</select>
<details><summary>Partner scope</summary><p class="muted">For partner managers: leave all unticked to manage every partner.</p>
<p>${checkboxes('regions', REGIONS, u.scope.regions, id)}</p><p>${checkboxes('tiers', TIERS, u.scope.tiers, id)}</p></details>
<button class="secondary">Save</button></form><br><span class="muted">${e(scopeText(u))}</span></td>
<td><form class="inline" method="post" action="${m.action(`/settings/users/${u.id}/remove`)}">${m.hidden}<button class="secondary">Remove</button></form></td></tr>`;
}

/** The workspace's people: who may do what, added by email and signed in through their CRM, Slack or single sign-on. */
export function usersSection(m: UsersSectionModel): string {
  return `<section><h2>Users</h2>
<p class="muted">People sign in with their CRM or single sign-on, and act in Slack, by this email. CRM users who are not listed here can use the cards as the default role chosen under Rules of engagement; only listed people decide.</p>
<table><tr><th>Email</th><th>Role</th><th></th></tr>${m.users.map((u) => userRow(m, u)).join('')}</table>
<form method="post" action="${m.action('/settings/users')}">${m.hidden}
<label for="newUserEmail">Email</label><input id="newUserEmail" name="email" type="email" required maxlength="254">
<label for="newUserRole">Role</label><select id="newUserRole" name="role">${roleOptions('sales_rep')}</select>
<fieldset><legend>Partner scope, for partner managers (none ticked: every partner)</legend>
<p>${checkboxes('regions', REGIONS, [], 'new')}</p><p>${checkboxes('tiers', TIERS, [], 'new')}</p></fieldset>
<p><button class="secondary" type="submit">Add user</button></p></form>
<p class="muted">Partner managers can also be scoped to named partners through <code>PUT /api/v1/users/{id}</code>.</p></section>`;
}
