import type { AlertKind } from '../domain/alertRouting';
import type { DomainEvent, EventTopic } from '../domain/events';
import { digestWindowOf } from './digestWindow';
import { claimAlertEvent, listAlertsOfSubjects, lockAlertKind, lockAlertOfSubject, recordBurstPosition, saveAlert, type Alert } from '../store/alerts';
import { getConflict, listConflictsOfRegistration } from '../store/conflicts';
import type { Queryable } from '../store/db';
import { getRegistration } from '../store/registrations';

/**
 * What each domain event does to the alerts: raise one of a kind about the event's aggregate,
 * settle the alerts about it (wherever the decision was made: Slack, REST API, CRM card, the
 * approval inbox, expiry), redraw them, or nothing. Every topic is named, so a new one needs a decision here.
 */
type AlertEffect =
  | { raises: AlertKind; settles?: never; redraws?: never }
  | { settles: 'registration' | 'channel_conflict' | 'sync_conflict' | 'partner_at_risk'; raises?: never; redraws?: never }
  | { redraws: 'channel_conflict'; raises?: never; settles?: never }
  | null;
const EFFECTS: Record<EventTopic, AlertEffect> = {
  'deal_registration.submitted': { raises: 'registration_pending' },
  'deal_registration.sla_breached': { raises: 'sla_breached' },
  'channel_conflict.detected': { raises: 'channel_conflict' },
  'sync_conflict.detected': { raises: 'sync_conflict' },
  'partner.at_risk': { raises: 'partner_at_risk' },
  'partner.recovered': { settles: 'partner_at_risk' },
  'deal_registration.approved': { settles: 'registration' },
  'deal_registration.rejected': { settles: 'registration' },
  'deal_registration.expired': { settles: 'registration' },
  'deal_registration.won': { settles: 'registration' },
  'deal_registration.lost': { settles: 'registration' },
  'channel_conflict.resolved': { settles: 'channel_conflict' },
  'sync_conflict.resolved': { settles: 'sync_conflict' },
  'deal_registration.updated': null,
  // Questions and answers are posted in the thread of the alert that asked (jobs/alerts), not raised as alerts.
  'deal_registration.details_requested': null,
  'deal_registration.details_answered': null,
  // The message shows who asked (and what), wherever they asked from.
  'channel_conflict.details_requested': { redraws: 'channel_conflict' },
  'partner.created': null,
  'partner.updated': null,
  'crm_connection.connected': null,
  'crm_connection.disconnected': null,
  'slack.installed': null,
  'referral.assigned': null,
  'referral.accepted': null,
  'referral.declined': null,
  'referral.closed': null,
  'co_sell.requested': null,
  'partner_user.sign_in_link_created': null,
};

/** How an at-risk alert is settled when the partner's health recovers. */
export const RECOVERED = 'recovered';

export const raisesOrSettlesAlerts = (event: DomainEvent): boolean => EFFECTS[event.topic] !== null;

/** What an alert keeps from its event: what it shows beyond what the store holds. */
function detailsOf(kind: AlertKind, event: DomainEvent): Record<string, unknown> {
  const { origin: _origin, ...payload } = event.payload;
  switch (kind) {
    case 'sync_conflict':
    case 'partner_at_risk':
    case 'sla_breached':
      return payload;
    default:
      return {};
  }
}

/**
 * Raised again: inside the dedupe window it only counts (the message shows the count);
 * after it, or once a snooze ran out, it is posted afresh. A snoozed or settled alert stays quiet.
 */
function reraise(alert: Alert, details: Record<string, unknown>, now: Date, dedupeWindowMs: number): Alert | null {
  if (alert.status === 'closed') {
    // A partner that recovered and falls again is news; other settled alerts stay settled.
    const quiet = alert.outcome === 'snoozed' ? alert.snoozedUntil !== null && alert.snoozedUntil > now : alert.outcome !== RECOVERED;
    if (quiet) return null;
  } else if (now.getTime() - alert.firstRaisedAt.getTime() < dedupeWindowMs) {
    return { ...alert, raiseCount: alert.raiseCount + 1, lastRaisedAt: now, details: { ...alert.details, ...details } };
  }
  return {
    ...alert,
    details: { ...alert.details, ...details },
    status: 'pending',
    raiseCount: 1,
    firstRaisedAt: now,
    lastRaisedAt: now,
    channelId: null,
    ts: null,
    postedAt: null,
    digestId: null,
    outcome: null,
    closedBy: null,
    closedAt: null,
    snoozedUntil: null,
  };
}

async function close(tx: Queryable, alerts: Alert[], outcome: string, by: string | null, now: Date, details: Record<string, unknown> = {}) {
  for (const alert of alerts) {
    if (alert.status === 'closed' && alert.outcome !== 'snoozed') continue;
    await saveAlert(tx, { ...alert, status: 'closed', outcome, closedBy: by ?? alert.closedBy, closedAt: now, details: { ...alert.details, ...details } });
  }
}

/**
 * Whether what an event would raise an alert about was settled before the event was applied
 * (a backlog after an outage, or a history imported at once): nobody needs to be asked about a
 * registration that is no longer pending or a conflict already resolved.
 */
async function settledSince(tx: Queryable, tenantId: string, kind: AlertKind, subjectId: string): Promise<boolean> {
  if (kind === 'registration_pending' || kind === 'sla_breached') return (await getRegistration(tx, tenantId, subjectId))?.status !== 'pending';
  if (kind === 'channel_conflict') return (await getConflict(tx, tenantId, subjectId))?.status !== 'open';
  return false;
}

/**
 * Applies one domain event to the alerts, once however often it is delivered, and returns
 * the alerts whose Slack message must be posted or redrawn.
 */
export async function applyEventToAlerts(
  tx: Queryable,
  event: DomainEvent,
  now: Date,
  windows: { dedupeWindowMs: number; digestWindowMs: number },
): Promise<string[]> {
  const { tenantId, aggregateId: subjectId } = event;
  const first = await claimAlertEvent(tx, tenantId, event.id);
  const effect = EFFECTS[event.topic];
  if (effect?.raises) {
    const kind = effect.raises;
    if (await settledSince(tx, tenantId, kind, subjectId)) return [];
    const details = detailsOf(kind, event);
    await lockAlertKind(tx, tenantId, kind);
    const { alert, created } = await lockAlertOfSubject(tx, tenantId, kind, subjectId, { details, now });
    if (created) await recordBurstPosition(tx, alert, digestWindowOf(now, windows.digestWindowMs));
    if (first && !created) {
      const next = reraise(alert, details, now, windows.dedupeWindowMs);
      if (next) await saveAlert(tx, next);
    }
    return [alert.id];
  }
  const settles = effect?.settles;
  if (settles === 'registration') {
    const own = await listAlertsOfSubjects(tx, tenantId, ['registration_pending', 'sla_breached'], [subjectId]);
    const conflictIds = (await listConflictsOfRegistration(tx, tenantId, subjectId)).map((c) => c.id);
    const conflicts = await listAlertsOfSubjects(tx, tenantId, ['channel_conflict'], conflictIds);
    if (first) {
      const reg = await getRegistration(tx, tenantId, subjectId);
      await close(tx, own, reg?.status ?? event.topic.split('.')[1]!, reg?.decision?.by ?? null, now);
    }
    return [...own, ...conflicts].map((a) => a.id);
  }
  if (settles === 'channel_conflict') {
    const alerts = await listAlertsOfSubjects(tx, tenantId, ['channel_conflict'], [subjectId]);
    if (first) {
      const conflict = await getConflict(tx, tenantId, subjectId);
      await close(tx, alerts, conflict?.resolution ?? 'resolved', conflict?.resolvedBy ?? null, now);
    }
    return alerts.map((a) => a.id);
  }
  if (effect?.redraws === 'channel_conflict') return (await listAlertsOfSubjects(tx, tenantId, ['channel_conflict'], [subjectId])).map((a) => a.id);
  if (event.topic === 'partner.recovered') {
    const alerts = await listAlertsOfSubjects(tx, tenantId, ['partner_at_risk'], [subjectId]);
    const { score } = event.payload;
    if (first) await close(tx, alerts, RECOVERED, null, now, { recoveredScore: score });
    return alerts.map((a) => a.id);
  }
  if (event.topic === 'sync_conflict.resolved') {
    const alerts = await listAlertsOfSubjects(tx, tenantId, ['sync_conflict'], [subjectId]);
    const { winner, decidedBy } = event.payload;
    if (first) await close(tx, alerts, `kept_${winner}`, decidedBy, now, { winner });
    return alerts.map((a) => a.id);
  }
  return [];
}
