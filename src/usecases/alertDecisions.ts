import { getAlert, lockAlertOfSubject, saveAlert, type Alert } from '../store/alerts';
import { appendOutboxEvent, recordAudit } from '../store/outbox';
import type { Actor, Deps } from './context';
import { conflictError, notFound } from './errors';
import { changePartner } from './partners';
import type { SyncConflictSide, SyncConflictWinnerPort } from './syncConflictWinner';
import { requirePermission } from './authorize';

/** Decisions taken on an alert itself rather than on a registration or conflict: each one transaction, each audited. */

const alreadySettled = (alert: Alert) =>
  conflictError('conflict', `already settled by ${alert.closedBy ?? 'someone else'}`, { outcome: alert.outcome, by: alert.closedBy });

/** Quiets an alert until a date: raising it again before then posts nothing. */
export async function snoozeAlert(deps: Deps, actor: Actor, alertId: string, days: number): Promise<Alert> {
  return deps.db.transaction(async (tx) => {
    const alert = await getAlert(tx, actor.tenantId, alertId, { forUpdate: true });
    if (!alert) throw notFound('alert');
    if (alert.status === 'closed') throw alreadySettled(alert);
    requirePermission(actor, 'decide', 'snooze alerts');
    const now = deps.clock.now();
    const snoozed: Alert = {
      ...alert,
      status: 'closed',
      outcome: 'snoozed',
      closedBy: actor.name,
      closedAt: now,
      snoozedUntil: new Date(now.getTime() + days * 86_400_000),
    };
    await saveAlert(tx, snoozed);
    await recordAudit(tx, actor.tenantId, { actor, action: 'alert.snoozed', entityType: 'alert', entityId: alertId, details: { days } });
    return snoozed;
  });
}

/** Makes a person the partner's manager from its at-risk alert, and notes who did it on the alert. */
export async function assignPartnerManager(deps: Deps, actor: Actor, partnerId: string, managerEmail: string): Promise<void> {
  await changePartner(deps, actor, partnerId, { managerEmail });
  await deps.db.transaction(async (tx) => {
    const { alert } = await lockAlertOfSubject(tx, actor.tenantId, 'partner_at_risk', partnerId, { details: {}, now: deps.clock.now() });
    await saveAlert(tx, { ...alert, details: { ...alert.details, assignedBy: actor.name } });
  });
}

/**
 * Settles a sync field conflict with the side a person chose. The alert row is the lock:
 * a second press, or a second manager, finds it closed and nothing is applied twice.
 */
export async function chooseSyncConflictWinner(
  deps: Deps,
  actor: Actor,
  port: SyncConflictWinnerPort,
  conflictId: string,
  winner: SyncConflictSide,
): Promise<Alert> {
  return deps.db.transaction(async (tx) => {
    const { alert } = await lockAlertOfSubject(tx, actor.tenantId, 'sync_conflict', conflictId, { details: {}, now: deps.clock.now() });
    if (alert.status === 'closed') throw alreadySettled(alert);
    requirePermission(actor, 'manage_partners', 'choose which value of a partner record wins');
    await port.applyWinner(tx, actor.tenantId, { conflictId, winner, decidedBy: actor.name, at: deps.clock.now() });
    await appendOutboxEvent(tx, actor.tenantId, 'sync_conflict.resolved', conflictId, { conflictId, winner, decidedBy: actor.name, origin: 'trellis' });
    await recordAudit(tx, actor.tenantId, {
      actor,
      action: 'sync_conflict.resolved',
      entityType: 'sync_conflict',
      entityId: conflictId,
      details: { winner, field: alert.details.field ?? null },
    });
    const now = deps.clock.now();
    const closed: Alert = { ...alert, status: 'closed', outcome: `kept_${winner}`, closedBy: actor.name, closedAt: now, details: { ...alert.details, winner } };
    await saveAlert(tx, closed);
    return closed;
  });
}
