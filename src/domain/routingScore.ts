import { covers } from './expertise';
import type { Partner } from './partner';
import { smoothedWinRate, type PartnerPerformance } from './performance';
import type { RoutingRule, RoutingWeights } from './routingPolicy';
import { describeCondition, meetsCondition, type RoutableLead } from './routingRules';

export const ROUTING_FACTORS = ['territory', 'expertise', 'tier', 'performance', 'rule', 'status'] as const;
export type RoutingFactor = (typeof ROUTING_FACTORS)[number];

/** One line of why a partner scored what it did; a score is exactly the sum of its reasons' points (floored at 0). */
export interface RoutingReason {
  factor: RoutingFactor;
  points: number;
  detail: string;
}

export interface PartnerScore {
  score: number;
  /** Largest contribution first; factors that added nothing are left out. */
  reasons: RoutingReason[];
}

const capitalized = (s: string) => `${s[0]!.toUpperCase()}${s.slice(1)}`;

/**
 * Territory (region, then country), expertise (share of the lead's products the specialties
 * cover), tier, track record (smoothed win rate, so a partner without closed deals counts as
 * average), a matching rule's preference, and a penalty for partners marked at risk.
 * Each factor is rounded to whole points so the reasons add up to the score people see.
 */
export function scorePartner(
  lead: RoutableLead,
  partner: Partner,
  record: Pick<PartnerPerformance, 'won' | 'lost'> | undefined,
  weights: RoutingWeights,
  rule: RoutingRule | null,
): PartnerScore {
  const reasons: RoutingReason[] = [];
  const add = (factor: RoutingFactor, points: number, detail: string) => {
    if (points !== 0) reasons.push({ factor, points, detail });
  };
  if (lead.region && partner.region === lead.region) add('territory', weights.region, `Works in ${lead.region}`);
  if (lead.country && partner.country === lead.country) add('territory', weights.country, `Based in ${lead.country}`);
  const covered = lead.products.filter((p) => covers(partner.specialties, p));
  if (covered.length > 0) add('expertise', Math.round((weights.expertise * covered.length) / lead.products.length), `Specializes in ${covered.join(', ')}`);
  add('tier', weights.tier[partner.tier], `${capitalized(partner.tier)} tier`);
  const closed = record ? record.won + record.lost : 0;
  add(
    'performance',
    Math.round(weights.performance * smoothedWinRate(record ?? { won: 0, lost: 0 })),
    closed > 0 ? `Won ${record!.won} of ${closed} closed registrations` : 'No closed registrations yet',
  );
  if (rule?.prefer && meetsCondition(partner, rule.prefer)) add('rule', rule.prefer.points, `Preferred by rule "${rule.name}" (${describeCondition(rule.prefer)})`);
  if (partner.status === 'at_risk') add('status', -weights.atRiskPenalty, 'Marked at risk');
  // A stable sort keeps factor order among equal contributions.
  reasons.sort((a, b) => b.points - a.points);
  return { score: Math.max(0, reasons.reduce((sum, r) => sum + r.points, 0)), reasons };
}
