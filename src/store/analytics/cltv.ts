import type { CustomerLifetimeValue } from '../../domain/partnerMetrics';
import type { Region, Tier } from '../../domain/partner';
import type { Queryable } from '../db';
import { SCOPE_CTES, cents, num, scopeParams, type AnalyticsScope } from './scope';

export interface PartnerLifetimeValue extends CustomerLifetimeValue {
  partnerId: string;
  name: string;
  region: Region;
  tier: Tier;
}

/**
 * Per partner of the scope, the customers of the won deals it touched: how many, their won
 * revenue, revenue per customer and the average span from a customer's first to latest win
 * (the domain's `customerLifetimeValue`). A deal matched to no customer counts as its own.
 */
export async function partnerLifetimeValues(q: Queryable, scope: AnalyticsScope): Promise<PartnerLifetimeValue[]> {
  const { rows } = await q.query<{ id: string; name: string; region: Region; tier: Tier; customers: string; won_revenue: number; lifetime: number }>(
    `WITH ${SCOPE_CTES},
     partner_wins AS (
       SELECT DISTINCT t.partner_id, t.deal_id, coalesce(t.account_id::text, 'deal:' || t.deal_id::text) AS customer, t.amount, t.close_date
       FROM touches t
       WHERE t.is_won AND t.close_date IS NOT NULL
     ),
     per_customer AS (
       SELECT partner_id, customer, sum(amount) AS revenue, (max(close_date) - min(close_date))::float8 AS lifetime
       FROM partner_wins GROUP BY partner_id, customer
     )
     SELECT p.id, p.name, p.region, p.tier, count(*) AS customers, sum(c.revenue) AS won_revenue, avg(c.lifetime) AS lifetime
     FROM per_customer c JOIN in_scope p ON p.id = c.partner_id
     GROUP BY p.id, p.name, p.region, p.tier
     ORDER BY sum(c.revenue) / count(*) DESC, p.id`,
    scopeParams(scope),
  );
  return rows.map((r) => {
    const customers = num(r.customers);
    const wonRevenue = num(r.won_revenue);
    return { partnerId: r.id, name: r.name, region: r.region, tier: r.tier, customers, wonRevenue: cents(wonRevenue), cltv: cents(wonRevenue / customers), averageLifetimeDays: num(r.lifetime) };
  });
}
