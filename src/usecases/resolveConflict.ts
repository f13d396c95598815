import { conflictLossReason, planConflictResolution, type ConflictResolution } from '../domain/conflicts';
import { rejectRegistration } from '../domain/registration';
import { getConflict, saveConflictResolution, type StoredConflict } from '../store/conflicts';
import { appendOutboxEvent, recordAudit } from '../store/outbox';
import { getRegistration, saveRegistrationState } from '../store/registrations';
import { lockTenantRegistrations } from '../store/tenantLock';
import { deciderOf, type Actor, type Deps } from './context';
import { fromDomainFailure, notFound } from './errors';
import { requirePermissionFor } from './authorize';

export async function resolveConflict(
  deps: Deps,
  actor: Actor,
  id: string,
  resolution: ConflictResolution,
  note: string | undefined,
): Promise<StoredConflict> {
  return deps.db.transaction(async (tx) => {
    await lockTenantRegistrations(tx, actor.tenantId);
    const conflict = await getConflict(tx, actor.tenantId, id, { forUpdate: true });
    if (!conflict) throw notFound('conflict');
    const newer = await getRegistration(tx, actor.tenantId, conflict.registrationId, { forUpdate: true });
    const earlier = await getRegistration(tx, actor.tenantId, conflict.conflictingRegistrationId, { forUpdate: true });
    if (!newer || !earlier) throw notFound('deal registration');
    await requirePermissionFor(tx, actor, 'decide', [newer.partnerId, earlier.partnerId], 'resolve this conflict');
    const plan = planConflictResolution(conflict.status, resolution, { newStatus: newer.status, existingStatus: earlier.status });
    if (!plan.ok) throw fromDomainFailure(plan.error);
    const now = deps.clock.now();
    const loser = plan.value.reject === 'new' ? newer : plan.value.reject === 'existing' ? earlier : null;
    if (loser) {
      const reason = conflictLossReason(plan.value.reject!, conflict.evidence.overlappingProducts);
      const rejected = rejectRegistration(loser, deciderOf(actor), reason, now);
      if (!rejected.ok) throw fromDomainFailure(rejected.error);
      await saveRegistrationState(tx, actor.tenantId, rejected.value);
      await appendOutboxEvent(tx, actor.tenantId, 'deal_registration.rejected', loser.id, { registrationId: loser.id, status: 'rejected', origin: 'trellis' });
    }
    const resolved: StoredConflict = {
      ...conflict,
      status: 'resolved',
      resolution,
      resolutionNote: note ?? null,
      resolvedBy: deciderOf(actor),
      resolvedAt: now,
    };
    await saveConflictResolution(tx, actor.tenantId, resolved);
    await recordAudit(tx, actor.tenantId, {
      actor,
      action: 'channel_conflict.resolved',
      entityType: 'conflict',
      entityId: id,
      details: { resolution, note: note ?? null, rejectedRegistrationId: loser?.id ?? null },
    });
    await appendOutboxEvent(tx, actor.tenantId, 'channel_conflict.resolved', id, { conflictId: id, resolution, origin: 'trellis' });
    return resolved;
  });
}
