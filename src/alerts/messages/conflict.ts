import { recordPaths } from '../../domain/recordPaths';
import type { StoredConflict } from '../../store/conflicts';
import type { Alert } from '../../store/alerts';
import { conflictChoiceLabels, conflictChoices, type ConflictChoice } from '../../domain/conflicts';
import { ACTIONS, CONFLICT_CHOICE_ACTIONS, markerBlockId } from '../actionIds';
import type { RegistrationParty } from '../subjects';
import { actions, button, context, decisionLine, detailsLines, esc, links, mrkdwn, money, person, repeats, type LinkContext, type RenderedMessage } from './common';

export const conflictTitle = (newer: RegistrationParty, earlier: RegistrationParty) =>
  `${esc(newer.partner.name)} vs ${esc(earlier.partner.name)} on ${esc(newer.registration.customer.name)}`;

function side(label: string, p: RegistrationParty): string {
  const r = p.registration;
  return (
    `*${label}: ${esc(p.partner.name)}* (${p.partner.tier}, ${r.region})\n` +
    `${money(r.amount, r.currency)} · ${esc(r.products.join(', '))} · submitted ${r.submittedAt.toISOString().slice(0, 10)}\n` +
    decisionLine(r)
  );
}

const RESOLUTION: Record<NonNullable<StoredConflict['resolution']>, string> = {
  existing_wins: 'the earlier registration won',
  new_wins: 'the newer registration won',
  not_a_conflict: 'not a conflict',
};

/** The choices that can still change something (`conflictChoices`), each a button, then asking for details while a side is pending. */
function conflictButtons(conflictId: string, earlier: RegistrationParty, newer: RegistrationParty) {
  const side = (p: RegistrationParty) => ({ partnerName: p.partner.name, status: p.registration.status });
  const labels = conflictChoiceLabels(side(earlier), side(newer));
  const styles: Partial<Record<ConflictChoice, 'primary' | 'danger'>> = { approve_earlier: 'primary', reject_newer: 'danger' };
  return [
    ...conflictChoices({ existingStatus: earlier.registration.status, newStatus: newer.registration.status }).map((choice) =>
      button(CONFLICT_CHOICE_ACTIONS[choice], labels[choice], conflictId, styles[choice]),
    ),
    // Questions go to the side of a registration still pending; with both decided there is nobody left to ask.
    ...([earlier, newer].some((p) => p.registration.status === 'pending') ? [button(ACTIONS.askForDetails, 'Ask for details…', conflictId)] : []),
  ];
}

/** Two partners claiming one customer: both registrations, the evidence, and the decision buttons while open. */
export function conflictMessage(alert: Alert, c: StoredConflict, newer: RegistrationParty, earlier: RegistrationParty, ctx: LinkContext): RenderedMessage {
  const e = c.evidence;
  const kind = c.kind === 'cross_region' ? 'Cross-region channel conflict' : 'Channel conflict';
  const evidence = [
    e.matchedOn === 'crm_company'
      ? `same CRM company record (${esc(e.crmCompany ?? '')})`
      : e.matchedOn === 'domain'
        ? `same domain (${esc(e.customer.normalizedDomain ?? '')})`
        : `similar names (${Math.round((e.nameStrength ?? e.nameSimilarity) * 100)}%)`,
    `overlapping products: ${esc(e.overlappingProducts.join(', '))}`,
    `regions ${e.regions.existing} / ${e.regions.submitted}`,
    `score ${c.score}`,
  ].join(' · ');
  const blocks = [
    mrkdwn(`:warning: *${kind}* on *${esc(newer.registration.customer.name)}*`, markerBlockId(alert.id)),
    mrkdwn(side('Earlier', earlier)),
    mrkdwn(side('Newer', newer)),
    context(`Evidence: ${evidence}`),
    c.status === 'open'
      ? actions('decision', conflictButtons(c.id, earlier, newer))
      : context(`:white_check_mark: *Resolved* by ${c.resolvedBy ? person(c.resolvedBy) : 'someone unknown'}: ${RESOLUTION[c.resolution ?? 'not_a_conflict']}`),
    ...detailsLines(earlier.detailsRequest, earlier.partner.name),
    ...detailsLines(newer.detailsRequest, newer.partner.name),
    ...repeats(alert),
    ...links(recordPaths.conflict(c.id), 'Conflict', ctx),
  ];
  return { text: `${kind}: ${newer.partner.name} and ${earlier.partner.name} both registered ${newer.registration.customer.name}`, blocks };
}
