import type { Partner } from '../domain/partner';
import { routeLead, type RoutingDecision } from '../domain/routing';
import type { RoutingPolicy } from '../domain/routingPolicy';
import type { RoutableLead } from '../domain/routingRules';
import { recordAudit } from '../store/outbox';
import { getPartnersByIds } from '../store/partners';
import { getRoutingPolicy, saveRoutingPolicy } from '../store/routingRules';
import type { Actor, Deps } from './context';
import { validationError } from './errors';
import { loadRoutingCandidates } from './routingCandidates';

/** Replaces the tenant's routing policy as a whole; capacity overrides must name the tenant's own partners. */
export async function replaceRoutingPolicy(deps: Deps, actor: Actor, policy: RoutingPolicy): Promise<RoutingPolicy> {
  return deps.db.transaction(async (tx) => {
    const overridden = Object.keys(policy.capacity.partners);
    const known = new Set((await getPartnersByIds(tx, actor.tenantId, overridden)).map((p) => p.id));
    const unknown = overridden.filter((id) => !known.has(id));
    if (unknown.length > 0) {
      throw validationError('Unknown partner in capacity overrides', unknown.map((id) => ({ path: ['capacity', 'partners', id], message: 'no partner with this id' })));
    }
    await saveRoutingPolicy(tx, actor.tenantId, policy, actor.name, deps.clock.now());
    await recordAudit(tx, actor.tenantId, {
      actor,
      action: 'routing_rules.replaced',
      entityType: 'tenant',
      entityId: actor.tenantId,
      details: { rules: policy.rules.map((r) => r.name) },
    });
    return policy;
  });
}

export interface RankedLead {
  decision: RoutingDecision;
  partners: ReadonlyMap<string, Partner>;
}

/** How the tenant's policy would rank partners for a lead right now, assigning nothing. */
export async function rankPartnersForLead(deps: Deps, actor: Actor, lead: RoutableLead): Promise<RankedLead> {
  const policy = await getRoutingPolicy(deps.db, actor.tenantId);
  const candidates = await loadRoutingCandidates(deps.db, actor.tenantId, policy, deps.clock.now());
  return { decision: routeLead(lead, candidates, policy), partners: new Map(candidates.map((c) => [c.partner.id, c.partner])) };
}
