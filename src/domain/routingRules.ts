import { covers } from './expertise';
import type { Partner, Region } from './partner';
import { tierRank, type RoutingRule } from './routingPolicy';

/** What routing knows of a lead (a referral or a deal to co-sell). */
export interface RoutableLead {
  region: Region | null;
  country: string | null;
  products: readonly string[];
}

/** The first rule whose conditions all hold for the lead, or null when none does. */
export function matchingRule(rules: readonly RoutingRule[], lead: RoutableLead): RoutingRule | null {
  return (
    rules.find(({ when }) => {
      if (when.regions && !(lead.region && when.regions.includes(lead.region))) return false;
      if (when.countries && !(lead.country && when.countries.includes(lead.country))) return false;
      if (when.products && !when.products.some((p) => lead.products.some((lp) => covers([p], lp)))) return false;
      return true;
    }) ?? null
  );
}

type PartnerCondition = NonNullable<RoutingRule['only']>;

/**
 * Whether the partner meets every condition given: one of the named specialties (exactly, ignoring case, since a
 * rule names a specialty on purpose) and a tier at or above the minimum.
 */
export function meetsCondition(partner: Pick<Partner, 'specialties' | 'tier'>, condition: PartnerCondition): boolean {
  if (condition.specialties) {
    const held = new Set(partner.specialties.map((s) => s.toLowerCase()));
    if (!condition.specialties.some((s) => held.has(s.toLowerCase()))) return false;
  }
  if (condition.minTier && tierRank(partner.tier) < tierRank(condition.minTier)) return false;
  return true;
}

/** "specialty analytics or bi, gold tier or above": a condition as people read it in a reason. */
export function describeCondition(condition: PartnerCondition): string {
  const parts: string[] = [];
  if (condition.specialties) parts.push(`specialty ${condition.specialties.join(' or ')}`);
  if (condition.minTier) parts.push(`${condition.minTier} tier or above`);
  return parts.join(', ');
}
