import type { Partner, Region, Tier } from './partner';
import { smoothedWinRate, type PartnerPerformance } from './performance';

export const CO_SELL_ROLES = ['co_sell', 'implementation', 'referral'] as const;
export type CoSellRole = (typeof CO_SELL_ROLES)[number];
export const CO_SELL_STATUSES = ['requested', 'accepted', 'declined', 'active', 'closed'] as const;
export type CoSellStatus = (typeof CO_SELL_STATUSES)[number];

export interface CoSellDeal {
  region: Region | null;
  products: string[];
}

export interface CoSellSuggestion {
  partnerId: string;
  score: number;
  reasons: string[];
}

const TIER_POINTS: Record<Tier, number> = { platinum: 15, gold: 11, silver: 7, registered: 3 };
const WEIGHTS = { region: 35, specialty: 30, performance: 20 };

/** A product is covered when a specialty names it or a word of it ("analytics" covers "analytics suite"). */
function covers(specialties: readonly string[], product: string): boolean {
  const p = product.toLowerCase();
  return specialties.some((s) => {
    const sp = s.toLowerCase();
    return p.includes(sp) || sp.includes(p);
  });
}

/**
 * A first, explainable ranking of partners for a deal: same region (35), specialties
 * covering the products (30), tier (up to 15) and track record (up to 20, from the
 * smoothed win rate). At-risk partners lose 10. A fuller routing model replaces this later.
 */
export function rankCoSellPartners(
  deal: CoSellDeal,
  partners: readonly Partner[],
  performance: ReadonlyMap<string, PartnerPerformance>,
  limit: number,
): CoSellSuggestion[] {
  const suggestions: CoSellSuggestion[] = [];
  for (const partner of partners) {
    if (partner.status === 'churned' || partner.status === 'prospect') continue;
    const reasons: string[] = [];
    let score = 0;
    if (deal.region && partner.region === deal.region) {
      score += WEIGHTS.region;
      reasons.push(`Works in ${deal.region}`);
    }
    const covered = deal.products.filter((p) => covers(partner.specialties, p));
    if (deal.products.length > 0 && covered.length > 0) {
      score += (WEIGHTS.specialty * covered.length) / deal.products.length;
      reasons.push(`Specializes in ${covered.join(', ')}`);
    }
    score += TIER_POINTS[partner.tier];
    reasons.push(`${partner.tier[0]!.toUpperCase()}${partner.tier.slice(1)} tier`);
    const record = performance.get(partner.id);
    if (record) {
      score += WEIGHTS.performance * smoothedWinRate(record);
      if (record.won + record.lost > 0) reasons.push(`Won ${record.won} of ${record.won + record.lost} closed registrations`);
    } else {
      score += WEIGHTS.performance / 2;
    }
    if (partner.status === 'at_risk') {
      score -= 10;
      reasons.push('Marked at risk');
    }
    suggestions.push({ partnerId: partner.id, score: Math.max(0, Math.round(score)), reasons });
  }
  return suggestions.sort((a, b) => b.score - a.score || a.partnerId.localeCompare(b.partnerId)).slice(0, limit);
}
