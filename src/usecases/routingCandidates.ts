import type { RoutingCandidate } from '../domain/routing';
import type { RoutingPolicy } from '../domain/routingPolicy';
import type { Queryable } from '../store/db';
import { loadPartnerPerformance } from '../store/partnerPerformance';
import { listEngageablePartners } from '../store/partners';
import { openReferralCounts, recentAssignmentCounts } from '../store/routingLoad';

/** How many partners are ranked at most; enough for a tenant's whole active roster in the first releases. */
const CANDIDATE_LIMIT = 500;

/** The tenant's engageable partners with their record and their current and recent referral load. */
export async function loadRoutingCandidates(q: Queryable, tenantId: string, policy: RoutingPolicy, now: Date): Promise<RoutingCandidate[]> {
  const since = new Date(now.getTime() - policy.fairness.windowDays * 86_400_000);
  // One after another: inside a transaction `q` is a single connection, which runs queries in turn anyway.
  const partners = await listEngageablePartners(q, tenantId, CANDIDATE_LIMIT);
  const performance = await loadPartnerPerformance(q, tenantId, [], now);
  const open = await openReferralCounts(q, tenantId);
  const recent = await recentAssignmentCounts(q, tenantId, since);
  return partners.map((partner) => ({
    partner,
    performance: performance.get(partner.id),
    openReferrals: open.get(partner.id) ?? 0,
    recentAssignments: recent.get(partner.id) ?? 0,
  }));
}
