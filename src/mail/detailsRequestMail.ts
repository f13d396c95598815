import { escapeHtml } from '../api/pages/layout';
import { registrationSummary, type DetailsRequest } from '../domain/detailsRequest';
import type { Partner } from '../domain/partner';
import type { DealRegistration } from '../domain/registration';
import type { OutgoingMail } from './port';

export interface DetailsRequestMail {
  to: string;
  request: DetailsRequest;
  registration: DealRegistration;
  partner: Partner;
  /** The signed link to answer through. */
  answerUrl: string;
  expiresAt: Date;
}

/** The question, the registration it is about, and the link to answer, as HTML and as plain text. */
export function detailsRequestMail(m: DetailsRequestMail): OutgoingMail {
  const { request, registration, partner } = m;
  const customer = registration.customer.name;
  const summary = registrationSummary(registration, partner.name);
  const until = m.expiresAt.toISOString().slice(0, 10);
  const text = [
    `${request.requestedByName} has a question about the deal registration for ${customer}:`,
    '',
    ...request.question.split('\n').map((line) => `  > ${line}`),
    '',
    ...summary.map(([label, value]) => `${label}: ${value}`),
    '',
    `Answer here (no sign-in needed; the link works once, until ${until}):`,
    m.answerUrl,
    '',
    'The registration stays pending until it is decided.',
  ].join('\n');
  const rows = summary.map(([label, value]) => `<tr><th align="left" style="padding:4px 12px 4px 0;color:#5b6776">${escapeHtml(label)}</th><td>${escapeHtml(value)}</td></tr>`).join('');
  const html = `<!doctype html><html><body style="font-family:system-ui,sans-serif;color:#1f2a37">
<p>${escapeHtml(request.requestedByName)} has a question about the deal registration for <strong>${escapeHtml(customer)}</strong>:</p>
<blockquote style="border-left:3px solid #2f6f4f;margin:0 0 16px;padding:4px 12px;white-space:pre-wrap">${escapeHtml(request.question)}</blockquote>
<table>${rows}</table>
<p><a href="${escapeHtml(m.answerUrl)}" style="display:inline-block;padding:8px 16px;background:#2f6f4f;color:#fff;border-radius:6px;text-decoration:none">Answer the question</a></p>
<p style="color:#5b6776">No sign-in needed: the link works once, until ${until}. The registration stays pending until it is decided.</p>
</body></html>`;
  return { to: m.to, subject: `Question about your deal registration for ${customer}`, text, html };
}
