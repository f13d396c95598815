import { leadOfReferral, routeReferral, type Referral } from '../domain/referral';
import { routeLead } from '../domain/routing';
import type { Queryable } from '../store/db';
import { appendOutboxEvent, recordAudit } from '../store/outbox';
import { insertAssignment, listAssignmentsOfReferral } from '../store/referralAssignments';
import { saveReferralState } from '../store/referrals';
import { getRoutingPolicy } from '../store/routingRules';
import type { Actor } from './context';
import { fromDomainFailure } from './errors';
import { loadRoutingCandidates } from './routingCandidates';

/**
 * Routes a waiting referral inside the caller's transaction, which must hold `lockTenantRouting`
 * so the loads read here are still true when the assignment is written. Partners that declined
 * the referral before are never chosen again.
 */
export async function routeWaitingReferral(tx: Queryable, actor: Actor, ref: Referral, now: Date): Promise<Referral> {
  const policy = await getRoutingPolicy(tx, actor.tenantId);
  const candidates = await loadRoutingCandidates(tx, actor.tenantId, policy, now);
  const history = await listAssignmentsOfReferral(tx, actor.tenantId, ref.id);
  const declinedBy = new Set(history.filter((a) => a.outcome === 'declined').map((a) => a.partnerId));
  const decision = routeLead(leadOfReferral(ref), candidates, policy, declinedBy);
  const chosen = decision.ranked[0];
  const routed = routeReferral(ref, chosen ? { partnerId: chosen.partnerId } : { unassignedReason: decision.unassignedReason! }, now);
  if (!routed.ok) throw fromDomainFailure(routed.error);
  await saveReferralState(tx, actor.tenantId, routed.value);
  if (!chosen) return routed.value;

  const assignment = await insertAssignment(tx, actor.tenantId, {
    referralId: ref.id,
    partnerId: chosen.partnerId,
    rule: decision.rule,
    score: chosen.score,
    reasons: chosen.reasons,
    placement: chosen.placement,
    assignedAt: now,
  });
  await recordAudit(tx, actor.tenantId, {
    actor,
    action: 'referral.assigned',
    entityType: 'referral',
    entityId: ref.id,
    details: { partnerId: chosen.partnerId, rule: decision.rule, score: chosen.score },
  });
  await appendOutboxEvent(tx, actor.tenantId, 'referral.assigned', ref.id, {
    referralId: ref.id,
    assignmentId: assignment.id,
    partnerId: chosen.partnerId,
    rule: decision.rule,
    score: chosen.score,
    reasons: chosen.reasons,
    origin: 'trellis',
  });
  return routed.value;
}
