import { recordPaths } from '../../domain/recordPaths';
import type { Alert } from '../../store/alerts';
import { ACTIONS, markerBlockId } from '../actionIds';
import type { SyncConflictDetails } from '../subjects';
import { actions, button, context, esc, fields, links, mrkdwn, repeats, type LinkContext, type RenderedMessage } from './common';
import { clip } from './limits';

const crmName = (crm: string | undefined) => (crm === 'salesforce' ? 'Salesforce' : crm === 'hubspot' ? 'HubSpot' : 'CRM');
/** A value as a code span; a long one (a description field) is shortened inside the span, so the span stays closed. */
const MAX_VALUE = 300;
const shown = (v: unknown) => (v === undefined || v === null || v === '' ? '_(empty)_' : `\`${esc(clip(typeof v === 'string' ? v : JSON.stringify(v), MAX_VALUE))}\``);

export const syncConflictTitle = (d: SyncConflictDetails) => `${esc(d.field)} on ${esc(d.entityKind ?? 'record')}`;

/** The Trellis page of the partner or registration whose field is in conflict; null when the details do not name one. */
export function syncConflictPath(d: SyncConflictDetails): string | null {
  if (!d.entityId) return null;
  if (d.entityKind === 'partner') return recordPaths.partner(d.entityId);
  if (d.entityKind === 'registration') return recordPaths.registration(d.entityId);
  return null;
}

/** One field changed differently in Trellis and in a CRM: both values, and a button to keep each. */
export function syncConflictMessage(alert: Alert, conflictId: string, d: SyncConflictDetails, ctx: LinkContext): RenderedMessage {
  const crm = crmName(d.crm);
  const winner = typeof alert.details.winner === 'string' ? alert.details.winner : null;
  const blocks = [
    mrkdwn(`:twisted_rightwards_arrows: *Sync conflict* on ${esc(d.entityKind ?? 'record')} field *${esc(d.field)}*`, markerBlockId(alert.id)),
    fields([
      ['Trellis value', shown(d.trellisValue)],
      [`${crm} value`, shown(d.crmValue)],
    ]),
    alert.status === 'closed'
      ? context(`:white_check_mark: *Resolved* by ${esc(alert.closedBy ?? 'unknown')}: kept the ${winner === 'crm' ? crm : 'Trellis'} value`)
      : actions('decision', [
          button(ACTIONS.keepTrellisValue, 'Keep Trellis value', conflictId, 'primary'),
          button(ACTIONS.keepCrmValue, `Keep ${crm} value`, conflictId),
        ]),
    ...repeats(alert),
    ...links(syncConflictPath(d), 'Record', { ...ctx, crmUrl: d.crmRecordUrl ?? ctx.crmUrl }),
  ];
  return { text: `Sync conflict on ${d.field}: Trellis and ${crm} disagree`, blocks };
}
