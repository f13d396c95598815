import { recordPaths } from '../../domain/recordPaths';
import type { Alert } from '../../store/alerts';
import { markerBlockId } from '../actionIds';
import type { AlertSubject } from '../subjects';
import { atRiskTitle } from './atRisk';
import { context, mrkdwn, type LinkContext, type RenderedMessage } from './common';
import { conflictTitle } from './conflict';
import { fitMrkdwn, SLACK_LIMITS } from './limits';
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
/** A title long enough to tell items apart, so one item with long names cannot crowd out the rest. */
const MAX_TITLE = 200;
/** Where the items left out are found: Trellis's own pages. */
const TRELLIS_HOME = '/dashboard';

function line(subject: AlertSubject | null, ctx: LinkContext): string {
  if (!subject) return '• _(no longer available)_';
  const item = (path: string | null, title: string) => {
    const shown = fitMrkdwn(title, MAX_TITLE);
    return path ? `• <${ctx.trellisUrl(path)}|${shown}>` : `• ${shown}`;
  };
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

/** The first items whose lines fit one section's text, at most MAX_LINES of them; the rest are counted instead. */
function listed(members: { subject: AlertSubject | null }[], ctx: LinkContext): string[] {
  const lines: string[] = [];
  let length = 0;
  for (const member of members.slice(0, MAX_LINES)) {
    const next = line(member.subject, ctx);
    // Joined by line breaks: every line after the first costs one more character.
    const added = next.length + (lines.length > 0 ? 1 : 0);
    if (length + added > SLACK_LIMITS.sectionText) break;
    lines.push(next);
    length += added;
  }
  return lines;
}

/** A burst of alerts of one kind, folded into one message that lists them. */
export function digestMessage(alert: Alert, of: string, members: { subject: AlertSubject | null }[], ctx: LinkContext): RenderedMessage {
  const label = LABEL[of] ?? 'alerts';
  const lines = listed(members, ctx);
  const more = members.length - lines.length;
  const blocks = [
    mrkdwn(`:card_index: *${members.length} more ${label}* arrived together; here they are in one message.`, markerBlockId(alert.id)),
    mrkdwn(lines.join('\n') || '_(none)_'),
    ...(more > 0 ? [context(`…and ${more} more in <${ctx.trellisUrl(TRELLIS_HOME)}|Trellis>`)] : []),
  ];
  return { text: `${members.length} more ${label}`, blocks };
}
