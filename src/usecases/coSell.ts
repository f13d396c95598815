import type { CoSellRole } from '../domain/coSell';
import { customerKey } from '../domain/customer';
import type { Partner } from '../domain/partner';
import { regionOfLead } from '../domain/regions';
import type { RankedCandidate } from '../domain/routing';
import { findOrCreateAccount } from '../store/accounts';
import { insertCoSellEngagement, listCoSellEngagementsOfCustomer, type CoSellEngagement } from '../store/coSellEngagements';
import { appendOutboxEvent, recordAudit } from '../store/outbox';
import { getPartner, getPartnersByIds } from '../store/partners';
import type { Actor, Deps } from './context';
import { conflictError, validationError } from './errors';
import { rankPartnersForLead } from './routing';

export interface CoSellCustomer {
  name: string;
  domain?: string | undefined;
  country?: string | undefined;
}

export interface CoSellOverview {
  suggestions: (RankedCandidate & { partner: Partner })[];
  engagements: (CoSellEngagement & { partner: Partner | null })[];
}

/** Suggested partners for a deal, ranked by the tenant's routing policy, and the co-selling already requested on its customer. */
export async function coSellOverview(deps: Deps, actor: Actor, deal: { customer: CoSellCustomer; products: string[] }, limit: number): Promise<CoSellOverview> {
  const country = deal.customer.country ?? null;
  const [{ decision, partners }, engagements] = await Promise.all([
    rankPartnersForLead(deps, actor, { region: regionOfLead(null, country), country, products: deal.products }),
    listCoSellEngagementsOfCustomer(deps.db, actor.tenantId, customerKey(deal.customer)),
  ]);
  const byId = new Map(partners);
  const missing = engagements.map((e) => e.partnerId).filter((id) => !byId.has(id));
  for (const p of await getPartnersByIds(deps.db, actor.tenantId, [...new Set(missing)])) byId.set(p.id, p);
  return {
    suggestions: decision.ranked.slice(0, limit).map((s) => ({ ...s, partner: byId.get(s.partnerId)! })),
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
      actor,
      action: 'co_sell.requested',
      entityType: 'co_sell_engagement',
      entityId: engagement.id,
      details: { partnerId: partner.id, role: input.role },
    });
    await appendOutboxEvent(tx, actor.tenantId, 'co_sell.requested', engagement.id, { engagementId: engagement.id, partnerId: partner.id, origin: 'trellis' });
    return engagement;
  });
}
