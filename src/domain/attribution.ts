import { z } from 'zod';

/** How a partner interacted with a deal; registrations and referrals can source a deal, every kind influences it. */
export const TOUCHPOINT_KINDS = ['registration_submitted', 'registration_approved', 'co_sell_requested', 'co_sell_active', 'referral'] as const;
export type TouchpointKind = (typeof TOUCHPOINT_KINDS)[number];
const SOURCING_KINDS: ReadonlySet<TouchpointKind> = new Set(['registration_submitted', 'referral']);

export const ATTRIBUTION_MODELS = ['first', 'last', 'linear', 'time_decay'] as const;
export const AttributionModel = z.enum(ATTRIBUTION_MODELS);
export type AttributionModel = z.infer<typeof AttributionModel>;
export const DEFAULT_HALF_LIFE_DAYS = 7;
const DAY_MS = 86_400_000;

export interface Touchpoint {
  partnerId: string;
  kind: TouchpointKind;
  at: Date;
}

export interface AttributableDeal {
  amount: number;
  /** When the CRM created the deal: a partner that registered or referred it by then sourced it. */
  createdAt: Date;
  /** The close (won deals) or now (open ones): touchpoints after it did not influence the deal. */
  cutoff: Date;
  touchpoints: readonly Touchpoint[];
}

export interface AttributionOptions {
  model: AttributionModel;
  /** Time decay: a touchpoint this many days older than another weighs half as much. */
  halfLifeDays?: number;
}

const counted = (deal: AttributableDeal) => deal.touchpoints.filter((t) => t.at.getTime() <= deal.cutoff.getTime());

/** Equal shares among the touchpoints at the chosen instant: simultaneous touches tie rather than lose to an arbitrary order. */
function sharesAt(touchpoints: readonly Touchpoint[], instant: number): number[] {
  const tied = touchpoints.filter((t) => t.at.getTime() === instant).length;
  return touchpoints.map((t) => (t.at.getTime() === instant ? 1 / tied : 0));
}

/**
 * Each touchpoint's share of the deal under the model, in the order given; the shares of a
 * deal with any counted touchpoint add up to 1, touchpoints after the cutoff get 0.
 */
export function touchpointShares(deal: AttributableDeal, options: AttributionOptions): number[] {
  const inScope = counted(deal);
  if (inScope.length === 0) return deal.touchpoints.map(() => 0);
  const times = inScope.map((t) => t.at.getTime());
  let shares: number[];
  switch (options.model) {
    case 'first':
      shares = sharesAt(inScope, Math.min(...times));
      break;
    case 'last':
      shares = sharesAt(inScope, Math.max(...times));
      break;
    case 'linear':
      shares = inScope.map(() => 1 / inScope.length);
      break;
    case 'time_decay': {
      // Ages count from the latest touchpoint, not the close: the common factor up to the close
      // cancels out of the shares, and the latest weight is 1, so the weights never all underflow to 0.
      const halfLifeMs = (options.halfLifeDays ?? DEFAULT_HALF_LIFE_DAYS) * DAY_MS;
      const latest = Math.max(...times);
      const weights = times.map((at) => 2 ** (-(latest - at) / halfLifeMs));
      const total = weights.reduce((a, b) => a + b, 0);
      shares = weights.map((w) => w / total);
      break;
    }
  }
  const byTouchpoint = new Map(inScope.map((t, i) => [t, shares[i]!]));
  return deal.touchpoints.map((t) => byTouchpoint.get(t) ?? 0);
}

/** The deal's amount credited to each partner under the model. */
export function attributeDeal(deal: AttributableDeal, options: AttributionOptions): Map<string, number> {
  const shares = touchpointShares(deal, options);
  const credit = new Map<string, number>();
  deal.touchpoints.forEach((t, i) => {
    if (shares[i]! > 0) credit.set(t.partnerId, (credit.get(t.partnerId) ?? 0) + shares[i]! * deal.amount);
  });
  return credit;
}

export interface PartnerAttribution {
  partnerId: string;
  revenue: number;
  /** Deals the partner got any credit for. */
  deals: number;
}

/** Won revenue credited to partners over many deals, largest first (ties by partner id). */
export function attributeRevenue(deals: readonly AttributableDeal[], options: AttributionOptions): PartnerAttribution[] {
  const totals = new Map<string, PartnerAttribution>();
  for (const deal of deals) {
    for (const [partnerId, revenue] of attributeDeal(deal, options)) {
      const entry = totals.get(partnerId) ?? { partnerId, revenue: 0, deals: 0 };
      entry.revenue += revenue;
      entry.deals += 1;
      totals.set(partnerId, entry);
    }
  }
  return [...totals.values()].sort((a, b) => b.revenue - a.revenue || a.partnerId.localeCompare(b.partnerId));
}

export type DealSource = 'partner_sourced' | 'partner_influenced' | 'direct';

/**
 * Sourced: a partner registered or referred the customer's deal by the time the CRM had it.
 * Influenced: partners touched it only later (but before the cutoff). Direct: no partner touched it.
 */
export function dealSource(deal: AttributableDeal): DealSource {
  const inScope = counted(deal);
  if (inScope.length === 0) return 'direct';
  return inScope.some((t) => SOURCING_KINDS.has(t.kind) && t.at.getTime() <= deal.createdAt.getTime()) ? 'partner_sourced' : 'partner_influenced';
}

/** The partners that sourced the deal (see `dealSource`). */
export function sourcingPartners(deal: AttributableDeal): Set<string> {
  return new Set(counted(deal).filter((t) => SOURCING_KINDS.has(t.kind) && t.at.getTime() <= deal.createdAt.getTime()).map((t) => t.partnerId));
}

export interface RevenueBySource {
  partnerSourced: number;
  partnerInfluenced: number;
  direct: number;
}

/** Won revenue split three ways; the parts add up to the whole. */
export function revenueBySource(deals: readonly AttributableDeal[]): RevenueBySource {
  const split: RevenueBySource = { partnerSourced: 0, partnerInfluenced: 0, direct: 0 };
  for (const deal of deals) {
    const source = dealSource(deal);
    if (source === 'partner_sourced') split.partnerSourced += deal.amount;
    else if (source === 'partner_influenced') split.partnerInfluenced += deal.amount;
    else split.direct += deal.amount;
  }
  return split;
}
