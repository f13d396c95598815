import type { CustomerLifetimeValue } from '../../domain/partnerMetrics';
import type { Region, Tier } from '../../domain/partner';
import type { Queryable } from '../db';
import { CUSTOMER_FACTS_CTE } from './facts';
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
 * (the domain's `customerLifetimeValue`), from the rollups. A deal matched to no customer counts as its own.
 */
export async function partnerLifetimeValues(q: Queryable, scope: AnalyticsScope): Promise<PartnerLifetimeValue[]> {
  const { rows } = await q.query<{ id: string; name: string; region: Region; tier: Tier; customers: string; won_revenue: number; lifetime: number }>(
    `WITH ${SCOPE_CTES}, ${CUSTOMER_FACTS_CTE},
     per_customer AS (
       SELECT partner_id, customer, sum(won_revenue) AS revenue, (max(last_win) - min(first_win))::float8 AS lifetime
       FROM customer_facts GROUP BY partner_id, customer
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
