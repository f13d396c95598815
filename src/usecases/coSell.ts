import { rankCoSellPartners, type CoSellRole, type CoSellSuggestion } from '../domain/coSell';
import { customerKey } from '../domain/customer';
import type { Partner } from '../domain/partner';
import { regionOfCountry } from '../domain/regions';
import { findOrCreateAccount } from '../store/accounts';
import { insertCoSellEngagement, listCoSellEngagementsOfCustomer, type CoSellEngagement } from '../store/coSellEngagements';
import { appendOutboxEvent, recordAudit } from '../store/outbox';
import { loadPartnerPerformance } from '../store/partnerPerformance';
import { getPartner, getPartnersByIds, listEngageablePartners } from '../store/partners';
import type { Actor, Deps } from './context';
import { conflictError, validationError } from './errors';

export interface CoSellCustomer {
  name: string;
  domain?: string | undefined;
  country?: string | undefined;
}

/** How many partners are ranked at most; enough for a tenant's whole active roster in the first releases. */
const CANDIDATE_LIMIT = 500;

export interface CoSellOverview {
  suggestions: (CoSellSuggestion & { partner: Partner })[];
  engagements: (CoSellEngagement & { partner: Partner | null })[];
}

/** Suggested partners for a deal, and the co-selling already requested on its customer. */
export async function coSellOverview(deps: Deps, actor: Actor, deal: { customer: CoSellCustomer; products: string[] }, limit: number): Promise<CoSellOverview> {
  const now = deps.clock.now();
  const key = customerKey(deal.customer);
  const [candidates, performance, engagements] = await Promise.all([
    listEngageablePartners(deps.db, actor.tenantId, CANDIDATE_LIMIT),
    loadPartnerPerformance(deps.db, actor.tenantId, [], now),
    listCoSellEngagementsOfCustomer(deps.db, actor.tenantId, key),
  ]);
  const region = deal.customer.country ? regionOfCountry(deal.customer.country) : null;
  const ranked = rankCoSellPartners({ region, products: deal.products }, candidates, performance, limit);
  const byId = new Map(candidates.map((p) => [p.id, p]));
  const missing = engagements.map((e) => e.partnerId).filter((id) => !byId.has(id));
  for (const p of await getPartnersByIds(deps.db, actor.tenantId, [...new Set(missing)])) byId.set(p.id, p);
  return {
    suggestions: ranked.map((s) => ({ ...s, partner: byId.get(s.partnerId)! })),
    engagements: engagements.map((e) => ({ ...e, partner: byId.get(e.partnerId) ?? null })),
  };
}

export interface CoSellRequest {
  partnerId: string;
  customer: CoSellCustomer;
  role: CoSellRole;
  crmDealRef?: string | undefined;
  note?: string | undefined;
}

export async function requestCoSell(deps: Deps, actor: Actor, input: CoSellRequest): Promise<CoSellEngagement> {
  return deps.db.transaction(async (tx) => {
    const partner = await getPartner(tx, actor.tenantId, input.partnerId);
    if (!partner) throw validationError('Unknown partner', [{ path: ['partnerId'], message: 'no partner with this id' }]);
    if (partner.status === 'churned') throw validationError('Partner cannot co-sell', [{ path: ['partnerId'], message: 'this partner has churned' }]);
    const key = customerKey(input.customer);
    const accountId = await findOrCreateAccount(tx, actor.tenantId, {
      ...key,
      name: input.customer.name,
      domain: input.customer.domain ?? null,
      country: input.customer.country ?? null,
    });
    const engagement = await insertCoSellEngagement(tx, actor.tenantId, {
      partnerId: partner.id,
      accountId,
      crmDealRef: input.crmDealRef ?? null,
      role: input.role,
      note: input.note ?? null,
      requestedBy: actor.name,
      at: deps.clock.now(),
    });
    if (!engagement) throw conflictError('conflict', `${partner.name} already has an open ${input.role.replace('_', '-')} engagement on this customer`);
    await recordAudit(tx, actor.tenantId, {
      actor: actor.name,
      action: 'co_sell.requested',
      entityType: 'co_sell_engagement',
      entityId: engagement.id,
      details: { partnerId: partner.id, role: input.role },
    });
    await appendOutboxEvent(tx, actor.tenantId, 'co_sell.requested', engagement.id, { engagementId: engagement.id, partnerId: partner.id });
    return engagement;
  });
}
