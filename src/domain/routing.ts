import type { Partner } from './partner';
import type { PartnerPerformance } from './performance';
import type { RoutingPolicy } from './routingPolicy';
import { describeCondition, matchingRule, meetsCondition, type RoutableLead } from './routingRules';
import { scorePartner, type RoutingReason } from './routingScore';

/** A partner as routing sees it: who it is, its record, and its current and recent load. */
export interface RoutingCandidate {
  partner: Partner;
  performance: Pick<PartnerPerformance, 'won' | 'lost'> | undefined;
  /** Referrals assigned to or accepted by the partner and not yet closed. */
  openReferrals: number;
  /** Referrals assigned to the partner within the fairness window. */
  recentAssignments: number;
}

export const EXCLUSIONS = ['not_engageable', 'declined', 'rule', 'capacity'] as const;
export type Exclusion = (typeof EXCLUSIONS)[number];

export interface ExcludedCandidate {
  partnerId: string;
  exclusion: Exclusion;
  detail: string;
}

/** Why a candidate stands where it does: the better score, fewer recent assignments among near-equals, or its name on an exact tie. */
export const PLACEMENTS = ['score', 'fairness', 'tie_break'] as const;
export type Placement = (typeof PLACEMENTS)[number];

export interface RankedCandidate {
  partnerId: string;
  score: number;
  reasons: RoutingReason[];
  placement: Placement;
  placementDetail: string;
  openReferrals: number;
  capacity: number;
  recentAssignments: number;
}

export interface RoutingDecision {
  /** The name of the rule that applied, or null when no rule matched the lead. */
  rule: string | null;
  /** Best first; the first one is who gets the lead. */
  ranked: RankedCandidate[];
  excluded: ExcludedCandidate[];
  /** Set when nobody is ranked: why, in words an admin can act on. */
  unassignedReason: string | null;
}

const capacityOf = (partner: Pick<Partner, 'id' | 'tier'>, policy: RoutingPolicy): number =>
  policy.capacity.partners[partner.id] ?? policy.capacity.perTier[partner.tier];

const EXCLUSION_SUMMARY: Record<Exclusion, string> = {
  not_engageable: 'not active',
  declined: 'declined it already',
  rule: 'excluded by the rule',
  capacity: 'at capacity',
};

function unassignedReason(candidateCount: number, excluded: readonly ExcludedCandidate[], rule: string | null): string {
  if (candidateCount === 0) return 'No partner is onboarding, active or at risk, so there is nobody to route to';
  const parts = EXCLUSIONS.map((e) => [e, excluded.filter((x) => x.exclusion === e).length] as const)
    .filter(([, n]) => n > 0)
    .map(([e, n]) => `${n} ${EXCLUSION_SUMMARY[e]}${e === 'rule' ? ` "${rule}"` : ''}`);
  return `No eligible partner: ${parts.join(', ')}`;
}

const byScoreThenName = (a: { score: number; candidate: RoutingCandidate }, b: { score: number; candidate: RoutingCandidate }) =>
  b.score - a.score ||
  (a.candidate.partner.name < b.candidate.partner.name ? -1 : a.candidate.partner.name > b.candidate.partner.name ? 1 : 0) ||
  (a.candidate.partner.id < b.candidate.partner.id ? -1 : 1);

/**
 * Ranks the partners for a lead. Churned and prospect partners, partners that declined this
 * lead, partners a matching rule leaves out and partners at their capacity are excluded, each
 * with its reason. The rest are scored (see `scorePartner`) and ordered best first, except
 * that among candidates within `fairness.nearEqualPoints` of the best remaining score, the one
 * with fewer recent assignments goes first; exact ties fall to the name, then the id.
 */
export function routeLead(
  lead: RoutableLead,
  candidates: readonly RoutingCandidate[],
  policy: RoutingPolicy,
  declinedBy: ReadonlySet<string> = new Set(),
): RoutingDecision {
  const rule = matchingRule(policy.rules, lead);
  const excluded: ExcludedCandidate[] = [];
  const scored: { candidate: RoutingCandidate; score: number; reasons: RoutingReason[]; capacity: number }[] = [];
  for (const candidate of candidates) {
    const { partner } = candidate;
    const capacity = capacityOf(partner, policy);
    const exclude = (exclusion: Exclusion, detail: string) => excluded.push({ partnerId: partner.id, exclusion, detail });
    if (partner.status === 'churned' || partner.status === 'prospect') exclude('not_engageable', `Partner is ${partner.status}`);
    else if (declinedBy.has(partner.id)) exclude('declined', 'Declined this lead');
    else if (rule?.only && !meetsCondition(partner, rule.only)) exclude('rule', `Rule "${rule.name}" takes only partners with ${describeCondition(rule.only)}`);
    else if (candidate.openReferrals >= capacity) exclude('capacity', `At capacity: ${candidate.openReferrals} of ${capacity} open referrals`);
    else scored.push({ candidate, capacity, ...scorePartner(lead, partner, candidate.performance, policy.weights, rule) });
  }

  const { nearEqualPoints, windowDays } = policy.fairness;
  const remaining = scored.sort(byScoreThenName);
  const ranked: RankedCandidate[] = [];
  while (remaining.length > 0) {
    const best = remaining[0]!.score;
    const band = remaining.filter((s) => best - s.score <= nearEqualPoints);
    // The band is in score-then-name order, so the first with the fewest recent assignments wins the remaining ties.
    const pick = band.reduce((a, b) => (b.candidate.recentAssignments < a.candidate.recentAssignments ? b : a));
    const rivals = band.filter((s) => s !== pick);
    const recent = pick.candidate.recentAssignments;
    const outscored = rivals.some((s) => s.score > pick.score);
    const exactTie = rivals.some((s) => s.score === pick.score && s.candidate.recentAssignments === recent);
    const busierEqual = rivals.some((s) => s.score === pick.score && s.candidate.recentAssignments > recent);
    const placement: Placement = outscored ? 'fairness' : exactTie ? 'tie_break' : busierEqual ? 'fairness' : 'score';
    const placementDetail = {
      score: 'Best score left',
      fairness: `Within ${nearEqualPoints} points of the best score left (${best}), with the fewest assignments in the last ${windowDays} days (${recent})`,
      tie_break: 'Same score and recent assignments as another candidate; ordered by name',
    }[placement];
    ranked.push({
      partnerId: pick.candidate.partner.id,
      score: pick.score,
      reasons: pick.reasons,
      placement,
      placementDetail,
      openReferrals: pick.candidate.openReferrals,
      capacity: pick.capacity,
      recentAssignments: recent,
    });
    remaining.splice(remaining.indexOf(pick), 1);
  }
  return { rule: rule?.name ?? null, ranked, excluded, unassignedReason: ranked.length === 0 ? unassignedReason(candidates.length, excluded, rule?.name ?? null) : null };
}
