import type { AttributionModel, RevenueBySource } from '../../domain/attribution';
import type { Region, Tier } from '../../domain/partner';
import type { Queryable } from '../db';
import { FIRST_OWN_PARAM, SCOPE_CTES, SOURCING_KINDS_SQL, cents, num, scopeParams, type AnalyticsScope } from './scope';

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
 * Won revenue credited to each partner of the scope, set-based: every won deal's counted
 * touchpoints are weighed with window functions over the deal (the domain's `touchpointShares`):
 * first and last share among touchpoints at the earliest or latest instant, linear equally, time
 * decay by 2^(-age/half-life) measured from the deal's latest touchpoint (the common factor up to
 * the close cancels out, and no weight underflows to zero).
 */
export async function partnerCredits(q: Queryable, scope: AnalyticsScope, model: AttributionModel, halfLifeDays: number): Promise<PartnerCredit[]> {
  const { rows } = await q.query<{ id: string; name: string; region: Region; tier: Tier; revenue: number | null; deals: string; sourced_revenue: number | null }>(
    `WITH ${SCOPE_CTES},
     weighted AS (
       SELECT t.deal_id, t.partner_id, t.kind, t.at, t.amount, t.crm_created_at,
         CASE $${M}::text
           WHEN 'first' THEN CASE WHEN t.at = min(t.at) OVER deal THEN 1 ELSE 0 END
           WHEN 'last' THEN CASE WHEN t.at = max(t.at) OVER deal THEN 1 ELSE 0 END
           WHEN 'linear' THEN 1
           ELSE power(2::float8, -extract(epoch FROM (max(t.at) OVER deal) - t.at)::float8 / $${M + 1}::float8)
         END::float8 AS weight
       FROM touches t
       WHERE t.is_won
       WINDOW deal AS (PARTITION BY t.deal_id)
     ),
     credit AS (
       SELECT deal_id, partner_id, sum(amount * weight) / max(total) AS revenue, max(amount) AS amount,
         bool_or(kind IN ${SOURCING_KINDS_SQL} AND at <= crm_created_at) AS sourced
       FROM (SELECT *, sum(weight) OVER (PARTITION BY deal_id) AS total FROM weighted) w
       GROUP BY deal_id, partner_id
     )
     SELECT p.id, p.name, p.region, p.tier, sum(c.revenue) AS revenue, count(*) FILTER (WHERE c.revenue > 0) AS deals,
       sum(c.amount) FILTER (WHERE c.sourced) AS sourced_revenue
     FROM credit c JOIN in_scope p ON p.id = c.partner_id
     GROUP BY p.id, p.name, p.region, p.tier
     HAVING count(*) FILTER (WHERE c.revenue > 0) > 0
     ORDER BY sum(c.revenue) DESC, p.id`,
    [...scopeParams(scope), model, halfLifeDays * 86_400],
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
  const { rows } = await q.query<{ won: number | null; won_deals: string; sourced: number | null; influenced: number | null; direct: number | null }>(
    `WITH ${SCOPE_CTES},
     touched AS (
       SELECT t.deal_id, bool_or(t.kind IN ${SOURCING_KINDS_SQL} AND t.at <= t.crm_created_at) AS sourced, bool_or(s.id IS NOT NULL) AS in_scope
       FROM touches t LEFT JOIN in_scope s ON s.id = t.partner_id
       WHERE t.is_won
       GROUP BY t.deal_id
     )
     SELECT sum(d.amount) AS won, count(*) AS won_deals,
       sum(d.amount) FILTER (WHERE w.in_scope AND w.sourced) AS sourced,
       sum(d.amount) FILTER (WHERE w.in_scope AND NOT w.sourced) AS influenced,
       sum(d.amount) FILTER (WHERE w.deal_id IS NULL) AS direct
     FROM deals d LEFT JOIN touched w ON w.deal_id = d.id
     WHERE d.is_won`,
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
