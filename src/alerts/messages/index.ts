import type { Alert } from '../../store/alerts';
import type { AlertSubject } from '../subjects';
import { atRiskMessage } from './atRisk';
import type { LinkContext, RenderedMessage } from './common';
import { conflictMessage } from './conflict';
import { digestMessage } from './digest';
import { registrationMessage } from './registration';
import { syncConflictMessage } from './syncConflict';

export type { LinkContext, RenderedMessage } from './common';

/** The Block Kit message for an alert as its subject stands now. */
export function renderAlert(alert: Alert, subject: AlertSubject, ctx: LinkContext): RenderedMessage {
  switch (subject.kind) {
    case 'registration_pending':
      return registrationMessage(alert, subject.party, ':inbox_tray: *Deal registration awaiting approval*', ctx);
    case 'sla_breached':
      return registrationMessage(
        alert,
        subject.party,
        `:alarm_clock: *Approval overdue*: pending ${subject.pendingHours} h, the SLA is ${subject.slaHours} h`,
        ctx,
      );
    case 'channel_conflict':
      return conflictMessage(alert, subject.conflict, subject.newer, subject.earlier, ctx);
    case 'sync_conflict':
      return syncConflictMessage(alert, subject.conflictId, subject.details, ctx);
    case 'partner_at_risk':
      return atRiskMessage(alert, subject.partner, subject.details, ctx);
    case 'digest':
      return digestMessage(alert, subject.of, subject.members, ctx);
  }
}
