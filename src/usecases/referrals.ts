import { acceptReferral, closeReferral, declineReferral, type Referral, type ReferralInput } from '../domain/referral';
import { regionOfLead } from '../domain/regions';
import type { Result } from '../domain/result';
import type { Queryable } from '../store/db';
import { appendOutboxEvent, recordAudit } from '../store/outbox';
import { decidePendingAssignment } from '../store/referralAssignments';
import { getReferral, insertReferral, saveReferralState } from '../store/referrals';
import { lockTenantRouting } from '../store/tenantLock';
import { deciderOf, type Actor, type Deps } from './context';
import { fromDomainFailure, notFound } from './errors';
import { routeWaitingReferral } from './routeReferral';
import { requirePermissionFor } from './authorize';

/** Records the referral and hands it to the best eligible partner, or leaves it `new` with the reason nobody fits. */
export async function createReferral(deps: Deps, actor: Actor, input: ReferralInput): Promise<Referral> {
  return deps.db.transaction(async (tx) => {
    const now = deps.clock.now();
    await lockTenantRouting(tx, actor.tenantId);
    const referral = await insertReferral(tx, actor.tenantId, input, regionOfLead(input.region, input.company.country), now);
    await recordAudit(tx, actor.tenantId, { actor, action: 'referral.created', entityType: 'referral', entityId: referral.id });
    return routeWaitingReferral(tx, actor, referral, now);
  });
}

async function lockedReferral(tx: Queryable, actor: Actor, id: string): Promise<Referral> {
  const referral = await getReferral(tx, actor.tenantId, id, { forUpdate: true });
  if (!referral) throw notFound('referral');
  return referral;
}

const valueOf = <T>(result: Result<T>): T => {
  if (!result.ok) throw fromDomainFailure(result.error);
  return result.value;
};

/** The referral, locked, once the actor may act for the partner holding it. */
async function lockedReferralFor(tx: Queryable, actor: Actor, id: string, doing: string): Promise<Referral> {
  const referral = await lockedReferral(tx, actor, id);
  if (referral.partnerId) await requirePermissionFor(tx, actor, 'manage_partners', [referral.partnerId], doing);
  return referral;
}

/** The partner holding the referral takes it on. */
export async function acceptAssignedReferral(deps: Deps, actor: Actor, id: string): Promise<Referral> {
  return deps.db.transaction(async (tx) => {
    const now = deps.clock.now();
    const referral = valueOf(acceptReferral(await lockedReferralFor(tx, actor, id, 'accept this referral'), now));
    await saveReferralState(tx, actor.tenantId, referral);
    await decidePendingAssignment(tx, actor.tenantId, id, { outcome: 'accepted', by: deciderOf(actor), at: now, reason: null });
    await recordAudit(tx, actor.tenantId, { actor, action: 'referral.accepted', entityType: 'referral', entityId: id, details: { partnerId: referral.partnerId } });
    await appendOutboxEvent(tx, actor.tenantId, 'referral.accepted', id, { referralId: id, partnerId: referral.partnerId, origin: 'trellis' });
    return referral;
  });
}

/** The partner holding the referral gives it back; it goes on to the next eligible partner that has not declined it. */
export async function declineAssignedReferral(deps: Deps, actor: Actor, id: string, reason: string | null): Promise<Referral> {
  return deps.db.transaction(async (tx) => {
    const now = deps.clock.now();
    await lockTenantRouting(tx, actor.tenantId);
    const held = await lockedReferralFor(tx, actor, id, 'decline this referral');
    const referral = valueOf(declineReferral(held, now));
    await decidePendingAssignment(tx, actor.tenantId, id, { outcome: 'declined', by: deciderOf(actor), at: now, reason });
    await recordAudit(tx, actor.tenantId, { actor, action: 'referral.declined', entityType: 'referral', entityId: id, details: { partnerId: held.partnerId, reason } });
    await appendOutboxEvent(tx, actor.tenantId, 'referral.declined', id, { referralId: id, partnerId: held.partnerId, origin: 'trellis' });
    return routeWaitingReferral(tx, actor, referral, now);
  });
}

/** Routes a referral still waiting for a partner (new, or declined by everyone eligible), e.g. after the rules changed. */
export async function rerouteWaitingReferral(deps: Deps, actor: Actor, id: string): Promise<Referral> {
  return deps.db.transaction(async (tx) => {
    await lockTenantRouting(tx, actor.tenantId);
    return routeWaitingReferral(tx, actor, await lockedReferral(tx, actor, id), deps.clock.now());
  });
}

/** The outcome of an accepted referral: it became business (converted) or it did not (lost). */
export async function closeAcceptedReferral(deps: Deps, actor: Actor, id: string, outcome: 'converted' | 'lost'): Promise<Referral> {
  return deps.db.transaction(async (tx) => {
    const referral = valueOf(closeReferral(await lockedReferralFor(tx, actor, id, 'close this referral'), outcome, deps.clock.now()));
    await saveReferralState(tx, actor.tenantId, referral);
    await recordAudit(tx, actor.tenantId, { actor, action: `referral.${outcome}`, entityType: 'referral', entityId: id, details: { partnerId: referral.partnerId } });
    await appendOutboxEvent(tx, actor.tenantId, 'referral.closed', id, { referralId: id, partnerId: referral.partnerId, outcome, origin: 'trellis' });
    return referral;
  });
}
