import { escapeHtml } from '../api/pages/layout';
import type { SignInLinkPurpose } from '../store/partnerSignInLinks';
import { isApiKeyActorName } from '../usecases/actors';
import type { OutgoingMail } from './port';

export interface PartnerSignInMail {
  to: string;
  purpose: SignInLinkPurpose;
  /** The vendor whose partner program the portal is. */
  vendorName: string;
  partnerName: string;
  invitedBy: string;
  linkUrl: string;
  expiresAt: Date;
  sentAt: Date;
}

const untilText = (m: PartnerSignInMail) =>
  m.purpose === 'invitation' ? `until ${m.expiresAt.toISOString().slice(0, 10)}` : `for ${Math.round((m.expiresAt.getTime() - m.sentAt.getTime()) / 60_000)} minutes`;

/** An invitation to a vendor's partner portal, or a link someone asked for to sign in, as HTML and as plain text. */
export function partnerSignInMail(m: PartnerSignInMail): OutgoingMail {
  const invitation = m.purpose === 'invitation';
  // An integration's key is no one to name: the vendor invites.
  const inviter = isApiKeyActorName(m.invitedBy) ? m.vendorName : m.invitedBy;
  const lead = invitation
    ? `${inviter} invited you to the ${m.vendorName} partner portal for ${m.partnerName}: register deals, answer leads and see your numbers.`
    : `Here is your link to sign in to the ${m.vendorName} partner portal (${m.partnerName}).`;
  const action = invitation ? 'Accept the invitation' : 'Sign in';
  const note = `The link works once, ${untilText(m)}. If you did not expect this mail, ignore it: nothing happens without the link.`;
  const text = [lead, '', `${action}:`, m.linkUrl, '', note].join('\n');
  const html = `<!doctype html><html><body style="font-family:system-ui,sans-serif;color:#1f2a37">
<p>${escapeHtml(lead)}</p>
<p><a href="${escapeHtml(m.linkUrl)}" style="display:inline-block;padding:8px 16px;background:#2f6f4f;color:#fff;border-radius:6px;text-decoration:none">${action}</a></p>
<p style="color:#5b6776">${escapeHtml(note)}</p>
</body></html>`;
  const subject = invitation ? `You are invited to the ${m.vendorName} partner portal` : `Your link to sign in to the ${m.vendorName} partner portal`;
  return { to: m.to, subject, text, html };
}
