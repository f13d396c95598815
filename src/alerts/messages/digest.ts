import { recordPaths } from '../../api/records/paths';
import type { Alert } from '../../store/alerts';
import { markerBlockId } from '../actionIds';
import type { AlertSubject } from '../subjects';
import { atRiskTitle } from './atRisk';
import { context, mrkdwn, type LinkContext, type RenderedMessage } from './common';
import { conflictTitle } from './conflict';
import { registrationTitle } from './registration';
import { syncConflictPath, syncConflictTitle } from './syncConflict';

const LABEL: Record<string, string> = {
  channel_conflict: 'channel conflicts',
  registration_pending: 'registrations awaiting approval',
  sync_conflict: 'sync conflicts',
  partner_at_risk: 'partners at risk',
  sla_breached: 'overdue approvals',
};
/** Enough lines to scan; the rest are counted. */
const MAX_LINES = 25;

function line(subject: AlertSubject | null, ctx: LinkContext): string {
  if (!subject) return '• _(no longer available)_';
  const item = (path: string | null, title: string) => (path ? `• <${ctx.trellisUrl(path)}|${title}>` : `• ${title}`);
  switch (subject.kind) {
    case 'registration_pending':
    case 'sla_breached':
      return item(recordPaths.registration(subject.party.registration.id), registrationTitle(subject.party));
    case 'channel_conflict':
      return item(recordPaths.conflict(subject.conflict.id), conflictTitle(subject.newer, subject.earlier));
    case 'sync_conflict':
      return item(syncConflictPath(subject.details), syncConflictTitle(subject.details));
    case 'partner_at_risk':
      return item(recordPaths.partner(subject.partner.id), atRiskTitle(subject.partner, subject.details));
    case 'digest':
      return '';
  }
}

/** A burst of alerts of one kind, folded into one message that lists them. */
export function digestMessage(alert: Alert, of: string, members: { subject: AlertSubject | null }[], ctx: LinkContext): RenderedMessage {
  const label = LABEL[of] ?? 'alerts';
  const lines = members.slice(0, MAX_LINES).map((m) => line(m.subject, ctx));
  const more = members.length - lines.length;
  const blocks = [
    mrkdwn(`:card_index: *${members.length} more ${label}* arrived together; here they are in one message.`, markerBlockId(alert.id)),
    mrkdwn(lines.join('\n') || '_(none)_'),
    ...(more > 0 ? [context(`…and ${more} more in Trellis`)] : []),
  ];
  return { text: `${members.length} more ${label}`, blocks };
}
