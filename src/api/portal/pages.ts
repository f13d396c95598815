import { PARTNER_ROLE_LABELS, PARTNER_ROLES } from '../../domain/partnerAccess';
import type { Partner } from '../../domain/partner';
import type { PartnerUser } from '../../store/partnerUsers';
import { escapeHtml as esc, htmlPage } from '../pages/layout';

/** The pages of the partner portal's door: asking for a link, confirming it, and the signed-in home. */

export function signInPage(notice?: { kind: 'sent' | 'error'; text: string }): string {
  const message = notice ? `<p class="notice${notice.kind === 'error' ? ' error' : ''}" role="status">${esc(notice.text)}</p>` : '';
  return htmlPage(
    'Partner portal sign-in',
    `<section><h1>Sign in to your partner portal</h1>${message}
<form method="post" action="/portal/signin">
  <label for="email">Your work email</label>
  <input id="email" name="email" type="email" autocomplete="email" required>
  <p><button>Email me a link to sign in</button></p>
</form>
<p class="muted">The link works once, for 15 minutes. Your vendor's partner manager invites your company's first user; your partner admin invites colleagues.</p></section>`,
  );
}

/** Confirming on a page, rather than signing in on opening the link, keeps mail scanners that open links from using it up. */
export function confirmLinkPage(action: string, email: string): string {
  return htmlPage(
    'Sign in',
    `<section><h1>Sign in to your partner portal</h1><p>You are signing in as <strong>${esc(email)}</strong>.</p>
<form method="post" action="${esc(action)}"><button>Continue</button></form></section>`,
  );
}

export function spentLinkPage(): string {
  return htmlPage(
    'Link no longer valid',
    `<section><h1>This link no longer works</h1><p>Links to sign in work once and for a short time. Ask for a new one: it is mailed to you at once.</p>
<p><a class="button" href="/portal/signin">Get a new link</a></p></section>`,
  );
}

export interface PortalHome {
  user: PartnerUser;
  partner: Partner;
  vendorName: string;
  /** The partner's team, when the person may manage it. */
  team: PartnerUser[] | null;
  formToken: string;
  notice?: { kind: 'done' | 'error'; text: string };
}

const person = (u: PartnerUser) => (u.displayName ? `${esc(u.displayName)} <span class="muted">${esc(u.email)}</span>` : esc(u.email));

function teamSection(home: PortalHome): string {
  if (!home.team) return '';
  const csrf = `<input type="hidden" name="csrf" value="${esc(home.formToken)}">`;
  const rows = home.team
    .map(
      (u) => `<tr><td>${person(u)}</td><td>${esc(PARTNER_ROLE_LABELS[u.role])}</td><td>${u.firstSignedInAt ? 'Signed in' : 'Invited'}</td><td>${
        u.id === home.user.id ? '<span class="muted">You</span>' : `<form class="inline" method="post" action="/portal/team/${esc(u.id)}/remove">${csrf}<button class="secondary" aria-label="Remove ${esc(u.email)}">Remove</button></form>`
      }</td></tr>`,
    )
    .join('');
  const roles = PARTNER_ROLES.map((r) => `<option value="${r}"${r === 'seller' ? ' selected' : ''}>${esc(PARTNER_ROLE_LABELS[r])}</option>`).join('');
  return `<section aria-labelledby="team"><h2 id="team">Your team</h2><table><thead><tr><th>Person</th><th>Role</th><th>Status</th><th></th></tr></thead><tbody>${rows}</tbody></table>
<form method="post" action="/portal/team" class="actions">${csrf}
  <div><label for="invite-email">Email</label><input id="invite-email" name="email" type="email" required></div>
  <div><label for="invite-name">Name</label><input id="invite-name" name="displayName"></div>
  <div><label for="invite-role">Role</label><select id="invite-role" name="role">${roles}</select></div>
  <div><button>Invite</button></div>
</form></section>`;
}

export function portalHomePage(home: PortalHome): string {
  const { user, partner } = home;
  const notice = home.notice ? `<p class="notice${home.notice.kind === 'error' ? ' error' : ''}" role="status">${esc(home.notice.text)}</p>` : '';
  return htmlPage(
    `${home.vendorName} partner portal`,
    `${notice}<section><h1>${esc(home.vendorName)} partner portal</h1>
<p>Signed in as ${person(user)}, ${esc(PARTNER_ROLE_LABELS[user.role])} at <strong>${esc(partner.name)}</strong>.</p>
<table><tbody><tr><th>Tier</th><td>${esc(partner.tier)}</td></tr><tr><th>Region</th><td>${esc(partner.region)}</td></tr></tbody></table>
<form method="post" action="/portal/signout"><input type="hidden" name="csrf" value="${esc(home.formToken)}"><p><button class="secondary">Sign out</button></p></form></section>
${teamSection(home)}`,
  );
}
