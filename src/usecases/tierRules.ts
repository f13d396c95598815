import { IN_BUSINESS_STATUSES } from '../domain/partner';
import { qualifyingTier, TierRules } from '../domain/tierRules';
import type { Queryable } from '../store/db';
import { listPartnersByStatus } from '../store/partners';
import { loadTierStandings } from '../store/tierStandings';
import { loadPolicy } from '../store/tenantPolicies';
import { listTenantIds } from '../store/tenants';
import type { Deps } from './context';
import { applyPartnerPatch } from './partners';

export const TIER_RULES_ACTOR = 'system:tier-rules';

export const loadTierRules = (q: Queryable, tenantId: string) => loadPolicy(q, tenantId, 'tier_rules', TierRules);

/**
 * Moves each partner in business to the tier its last year earns under the tenant's rules, in one
 * transaction, through the normal partner update path (so the CRMs hear of it) with the reason
 * kept in the tier history. A tenant without tier rules is left alone: its tiers are set by hand.
 */
export async function recalculateTenantTiers(deps: Deps, tenantId: string): Promise<{ evaluated: number; changed: number }> {
  return deps.db.transaction(async (tx) => {
    const rules = await loadTierRules(tx, tenantId);
    if (!rules) return { evaluated: 0, changed: 0 };
    const now = deps.clock.now();
    const partners = await listPartnersByStatus(tx, tenantId, IN_BUSINESS_STATUSES);
    const standings = await loadTierStandings(tx, tenantId, partners.map((p) => p.id), now, rules.currency);
    let changed = 0;
    for (const partner of partners) {
      const decision = qualifyingTier(standings.get(partner.id)!, partner.region, rules);
      if (decision.tier === partner.tier) continue;
      await applyPartnerPatch(tx, { tenantId, by: TIER_RULES_ACTOR, at: now, tierReason: decision.reason }, partner.id, { tier: decision.tier });
      changed += 1;
    }
    return { evaluated: partners.length, changed };
  });
}

/** The scheduled sweep: every tenant, one transaction each. */
export async function recalculateAllTiers(deps: Deps): Promise<{ evaluated: number; changed: number }> {
  const total = { evaluated: 0, changed: 0 };
  for (const tenantId of await listTenantIds(deps.db)) {
    const result = await recalculateTenantTiers(deps, tenantId);
    total.evaluated += result.evaluated;
    total.changed += result.changed;
  }
  return total;
}
