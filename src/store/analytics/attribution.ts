import { DEFAULT_HALF_LIFE_DAYS, type AttributionModel, type RevenueBySource } from '../../domain/attribution';
import type { Region, Tier } from '../../domain/partner';
import type { Queryable } from '../db';
import { DEAL_FACTS_CTE, EVERY_DEAL, PARTNER_FACTS_CTE, TOUCHED_IN_SCOPE, creditFactsCte } from './facts';
import { FIRST_OWN_PARAM, SCOPE_CTES, cents, num, scopeParams, type AnalyticsScope } from './scope';

export interface PartnerCredit {
  partnerId: string;
  name: string;
  region: Region;
  tier: Tier;
  /** Won revenue credited to the partner under the model. */
  revenue: number;
  /** Won deals the partner got any credit for. */
  deals: number;
  /** Won revenue of the deals the partner sourced (each deal counted whole). */
  sourcedRevenue: number;
}

const M = FIRST_OWN_PARAM;

/**
 * Won revenue credited to each partner of the scope under the model (the domain's
 * `touchpointShares`, see `creditFigures`): read from the rollups at the default half-life,
 * weighed from the touchpoints at any other.
 */
export async function partnerCredits(q: Queryable, scope: AnalyticsScope, model: AttributionModel, halfLifeDays: number): Promise<PartnerCredit[]> {
  const { rows } = await q.query<{ id: string; name: string; region: Region; tier: Tier; revenue: number | null; deals: string; sourced_revenue: number | null }>(
    `WITH ${SCOPE_CTES}, ${creditFactsCte(`$${M}::text`, `$${M + 1}::float8`, `$${M + 2}::boolean`)}, ${PARTNER_FACTS_CTE},
     credit AS (SELECT partner_id, sum(revenue) AS revenue, sum(deals) AS deals FROM credit_facts GROUP BY partner_id),
     sourced AS (SELECT partner_id, sum(sourced_revenue) AS revenue FROM partner_facts GROUP BY partner_id)
     SELECT p.id, p.name, p.region, p.tier, c.revenue, c.deals, s.revenue AS sourced_revenue
     FROM credit c JOIN in_scope p ON p.id = c.partner_id LEFT JOIN sourced s ON s.partner_id = c.partner_id
     WHERE c.deals > 0
     ORDER BY c.revenue DESC, p.id`,
    [...scopeParams(scope), model, halfLifeDays * 86_400, halfLifeDays === DEFAULT_HALF_LIFE_DAYS],
  );
  return rows.map((r) => ({
    partnerId: r.id,
    name: r.name,
    region: r.region,
    tier: r.tier,
    revenue: cents(num(r.revenue)),
    deals: num(r.deals),
    sourcedRevenue: cents(num(r.sourced_revenue)),
  }));
}

export interface WonRevenueSplit extends Omit<RevenueBySource, 'direct'> {
  wonRevenue: number;
  wonDeals: number;
  /** Won revenue no partner touched; null when the scope names a region or tier (direct deals have neither). */
  direct: number | null;
}

/** Won revenue of the period split into partner-sourced, partner-influenced (by partners of the scope) and direct. */
export async function wonRevenueSplit(q: Queryable, scope: AnalyticsScope): Promise<WonRevenueSplit> {
  const { rows } = await q.query<{ won: number | null; won_deals: string | null; sourced: number | null; influenced: number | null; direct: number | null }>(
    `WITH ${SCOPE_CTES}, ${DEAL_FACTS_CTE}
     SELECT sum(amount) FILTER (WHERE ${EVERY_DEAL}) AS won, sum(deals) FILTER (WHERE ${EVERY_DEAL}) AS won_deals,
       sum(amount) FILTER (WHERE ${TOUCHED_IN_SCOPE} AND sourced) AS sourced,
       sum(amount) FILTER (WHERE ${TOUCHED_IN_SCOPE} AND NOT sourced) AS influenced,
       sum(amount) FILTER (WHERE NOT touched) AS direct
     FROM deal_facts WHERE outcome = 'won'`,
    scopeParams(scope),
  );
  const r = rows[0]!;
  const partnerFilter = scope.region !== null || scope.tier !== null;
  return {
    wonRevenue: cents(num(r.won)),
    wonDeals: num(r.won_deals),
    partnerSourced: cents(num(r.sourced)),
    partnerInfluenced: cents(num(r.influenced)),
    direct: partnerFilter ? null : cents(num(r.direct)),
  };
}
