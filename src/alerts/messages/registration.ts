import { recordPaths } from '../../domain/recordPaths';
import type { RegistrationStatus } from '../../domain/registration';
import { ACTIONS, markerBlockId } from '../actionIds';
import type { RegistrationParty } from '../subjects';
import type { Alert } from '../../store/alerts';
import { actions, button, context, decisionLine, detailsLines, esc, fields, links, mrkdwn, money, repeats, slackTime, type LinkContext, type RenderedMessage } from './common';

/** Who a pending registration waits for and since when; a message is not redrawn as time passes, so it names the moment. */
function waitingLine({ awaiting }: RegistrationParty): string {
  if (!awaiting) return ':hourglass_flowing_sand: Pending';
  const since = slackTime(awaiting.waitingSince);
  const { approver } = awaiting;
  return approver
    ? `:hourglass_flowing_sand: Waiting for *${esc(approver.name)}*${approver.name === approver.email ? '' : ` (${esc(approver.email)})`} since ${since}`
    : `:hourglass_flowing_sand: Waiting since ${since}; nobody on the team may approve it: add a partner manager or an admin in Trellis`;
}

export const registrationTitle = ({ registration: r, partner }: RegistrationParty) =>
  `${esc(partner.name)} → ${esc(r.customer.name)} (${money(r.amount, r.currency)})`;

const DECIDED_HEADLINES: Record<Exclude<RegistrationStatus, 'pending'>, string> = {
  approved: ':white_check_mark: *Deal registration approved*',
  rejected: ':no_entry_sign: *Deal registration rejected*',
  won: ':trophy: *Registered deal won*',
  lost: ':heavy_minus_sign: *Registered deal lost*',
  expired: ':hourglass: *Deal registration expired*',
};

/**
 * A registration waiting for a decision (or overdue: `headline` says which), with Approve and
 * Reject while it is pending, and who decided once it is not.
 */
export function registrationMessage(alert: Alert, p: RegistrationParty, pendingHeadline: string, ctx: LinkContext): RenderedMessage {
  const { registration: r, partner } = p;
  // The header follows the registration: "awaiting approval" only while it is.
  const headline = r.status === 'pending' ? pendingHeadline : DECIDED_HEADLINES[r.status];
  const summary = `*${esc(partner.name)}* registered *${esc(r.customer.name)}*${r.customer.domain ? ` (${esc(r.customer.domain)})` : ''}`;
  const blocks = [
    mrkdwn(`${headline}\n${summary}`, markerBlockId(alert.id)),
    fields([
      ['Amount', money(r.amount, r.currency)],
      ['Products', esc(r.products.join(', '))],
      ['Partner tier', partner.tier],
      ['Region', r.region],
      ['Expected close', r.expectedCloseDate],
      ['Submitted', r.submittedAt.toISOString().slice(0, 16).replace('T', ' ')],
    ]),
    ...(r.status === 'pending'
      ? [
          context(waitingLine(p)),
          actions('decision', [
            button(ACTIONS.approveRegistration, 'Approve', r.id, 'primary'),
            button(ACTIONS.rejectRegistration, 'Reject…', r.id, 'danger'),
            button(ACTIONS.askRegistrationDetails, 'Ask for details…', r.id),
          ]),
        ]
      : [context(decisionLine(r))]),
    ...detailsLines(p.detailsRequest),
    ...repeats(alert),
    ...links(recordPaths.registration(r.id), 'Registration', ctx),
  ];
  return { text: `${headline.replace(/[*:]/g, '').trim()}: ${partner.name} registered ${r.customer.name}`, blocks };
}
