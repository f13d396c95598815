import type { Queryable } from '../db';
import { DEAL_FACTS_CTE, EVERY_DEAL } from './facts';
import { SCOPE_CTES, num, scopeParams, type AnalyticsScope } from './scope';

/** How many deals of the period are in each currency, whatever the currency filter; most first. */
export async function dealCurrencies(q: Queryable, scope: AnalyticsScope): Promise<Array<{ code: string | null; deals: number }>> {
  const { rows } = await q.query<{ currency: string | null; deals: string }>(
    `WITH ${SCOPE_CTES}, ${DEAL_FACTS_CTE}
     SELECT currency, sum(deals) AS deals FROM deal_facts WHERE ${EVERY_DEAL} GROUP BY currency ORDER BY sum(deals) DESC, currency`,
    scopeParams({ ...scope, currency: null }),
  );
  return rows.map((r) => ({ code: r.currency, deals: num(r.deals) }));
}
