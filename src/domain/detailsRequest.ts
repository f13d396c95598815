import { z } from 'zod';

/**
 * "Ask for details": an approver's question about a registration, sent to the side that
 * registered it, and the answer that comes back. The registration stays pending meanwhile.
 */

export const DetailsQuestion = z.string().trim().min(5, 'ask a question of a few words').max(2000);
export const DetailsAnswer = z.string().trim().min(1, 'type an answer').max(5000);

/** Where a link to answer opens: `/answers/<token>`, a page that needs no sign-in (the token is the credential). */
export const ANSWER_LINK_PATH = '/answers';

/** How long a link to answer stays valid: long enough for a partner on holiday, short enough that an old mail is no standing key. */
export const ANSWER_LINK_DAYS = 14;

export type RecipientRole = 'registering_rep' | 'partner_contact';

export interface DetailsRequest {
  id: string;
  registrationId: string;
  alertId: string | null;
  question: string;
  requestedBy: string;
  requestedByName: string;
  requestedAt: Date;
  /** False when the question went nowhere but Slack (mail not configured). */
  mailed: boolean;
  /** The emails a link to answer went (or goes) to. */
  recipients: string[];
  answer: { text: string; by: string; at: Date } | null;
}

const EMAIL = /^[^\s@()]+@[^\s@()]+\.[^\s@()]+$/;

/**
 * The email of whoever submitted a registration, from the actor the audit log recorded: a user
 * ("rita@vendor.com"), a Slack user ("slack:U123 (rita@vendor.com)"); null for an API key's name.
 */
export function submitterEmailOf(actorName: string): string | null {
  const inParentheses = /\(([^()]+)\)$/.exec(actorName)?.[1];
  const candidate = (inParentheses ?? actorName).trim();
  return EMAIL.test(candidate) ? candidate.toLowerCase() : null;
}

/** The registration as the person asked reads it, beside the question: enough to know which deal is meant. */
export function registrationSummary(
  r: { customer: { name: string; domain: string | null }; amount: number; currency: string; products: string[]; expectedCloseDate: string; submittedAt: Date },
  partnerName: string,
): [label: string, value: string][] {
  const amount = new Intl.NumberFormat('en-US', { style: 'currency', currency: r.currency, maximumFractionDigits: 0 }).format(r.amount);
  return [
    ['Partner', partnerName],
    ['Customer', r.customer.domain ? `${r.customer.name} (${r.customer.domain})` : r.customer.name],
    ['Amount', amount],
    ['Products', r.products.join(', ')],
    ['Expected close', r.expectedCloseDate],
    ['Submitted', r.submittedAt.toISOString().slice(0, 10)],
  ];
}

/** What became of a question, as every place that shows it says it: who was emailed, or who answered. */
export function detailsRequestState(d: DetailsRequest): string {
  if (d.answer) return `answered by ${d.answer.by}`;
  if (!d.mailed) return 'shown in Slack only: mail is not set up in Trellis, nobody was emailed';
  if (d.recipients.length === 0) return 'nobody to email: it was registered through the API';
  return `emailed to ${d.recipients.join(', ')}, waiting for an answer`;
}
