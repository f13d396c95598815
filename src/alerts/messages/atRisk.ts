import { recordPaths } from '../../domain/recordPaths';
import type { Partner } from '../../domain/partner';
import type { Alert } from '../../store/alerts';
import { ACTIONS, markerBlockId } from '../actionIds';
import { RECOVERED } from '../events';
import type { AtRiskDetails } from '../subjects';
import { actions, button, context, day, esc, links, mrkdwn, person, repeats, type LinkContext, type RenderedMessage } from './common';

export const atRiskTitle = (partner: Partner, d: AtRiskDetails) => `${esc(partner.name)}: health ${d.score}/100`;

/** The same message once the partner recovered: the alert is settled, nothing is left to do. */
function recoveredMessage(alert: Alert, partner: Partner, d: AtRiskDetails, ctx: LinkContext): RenderedMessage {
  const score = typeof alert.details.recoveredScore === 'number' ? alert.details.recoveredScore : null;
  const now = score === null ? '' : `: health ${score}/100`;
  const blocks = [
    mrkdwn(`:white_check_mark: *${esc(partner.name)} has recovered*${now}`, markerBlockId(alert.id)),
    context(`Was at risk at ${d.score}/100${alert.closedAt ? `; no longer at risk since ${day(alert.closedAt)}` : ''}`),
    ...links(recordPaths.partner(partner.id), 'Partner', ctx),
  ];
  return { text: `${partner.name} has recovered${now}`, blocks };
}

/** A partner whose health fell: score, drop, reasons, and buttons to take it on or snooze it. */
export function atRiskMessage(alert: Alert, partner: Partner, d: AtRiskDetails, ctx: LinkContext): RenderedMessage {
  if (alert.status === 'closed' && alert.outcome === RECOVERED) return recoveredMessage(alert, partner, d, ctx);
  const was = d.previousScore === null ? '' : ` (was ${d.previousScore}, −${d.drop})`;
  const assignedBy = typeof alert.details.assignedBy === 'string' ? alert.details.assignedBy : null;
  const snoozed = alert.outcome === 'snoozed' && alert.snoozedUntil;
  const state = snoozed
    ? context(`:zzz: Snoozed by ${alert.closedBy ? person(alert.closedBy) : 'someone unknown'} until ${day(alert.snoozedUntil!)}`)
    : actions('decision', [
        ...(assignedBy ? [] : [button(ACTIONS.assignToMe, 'Assign to me', partner.id, 'primary')]),
        button(ACTIONS.snooze, 'Snooze 7 days', alert.id),
      ]);
  const blocks = [
    mrkdwn(`:chart_with_downwards_trend: *${esc(partner.name)} is at risk*: health ${d.score}/100${was}`, markerBlockId(alert.id)),
    mrkdwn(d.reasons.map((r) => `• ${esc(r)}`).join('\n') || '• score under the threshold'),
    context(
      `${partner.tier} partner in ${partner.region} · manager: ${partner.managerEmail ? esc(partner.managerEmail) : 'none'}` +
        (assignedBy ? ` (assigned by ${esc(assignedBy)})` : ''),
    ),
    state,
    ...repeats(alert),
    ...links(recordPaths.partner(partner.id), 'Partner', ctx),
  ];
  return { text: `${partner.name} is at risk: health ${d.score}/100`, blocks };
}
