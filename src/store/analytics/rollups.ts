import { DEFAULT_HALF_LIFE_DAYS } from '../../domain/attribution';
import type { Queryable } from '../db';
import { creditFigures, customerFigures, dealFigures, partnerFigures, type DealsIn } from './monthlyFigures';

/** Close months to rebuild: first days of months, and whether deals without a close date are among them. */
export interface RollupMonths {
  months: string[];
  undated: boolean;
}

const ROLLUPS = [
  { table: 'analytics_deal_rollups', columns: 'month, currency, outcome, touched, sourced, region, tier, deals, amount', figures: dealFigures },
  { table: 'analytics_partner_rollups', columns: 'partner_id, month, currency, open_deals, open_amount, won_deals, lost_deals, sourced_revenue', figures: partnerFigures },
  {
    table: 'analytics_credit_rollups',
    columns: 'partner_id, month, currency, model, revenue, deals',
    figures: (dealsIn: DealsIn) => creditFigures(dealsIn, `${DEFAULT_HALF_LIFE_DAYS * 86_400}::float8`),
  },
  { table: 'analytics_customer_rollups', columns: 'partner_id, customer, month, currency, won_revenue, first_win, last_win', figures: customerFigures },
] as const;

/**
 * Replaces a tenant's rollup rows of the given close months (every month for 'all') with figures
 * computed from its current touchpoints and deals. Run after the touchpoints of those months' deals are rebuilt.
 */
export async function rebuildRollups(q: Queryable, tenantId: string, which: RollupMonths | 'all'): Promise<void> {
  const all = which === 'all';
  const months = all ? [] : [...which.months].sort();
  const lastDay = (month: string) => new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 0)).toISOString().slice(0, 10);
  // The span of the months lets the scans use the close-date indexes; the list keeps the months between out.
  const params = [tenantId, months, all || which.undated, all, months[0] ?? null, months.length ? lastDay(months[months.length - 1]!) : null];
  const monthIn = (month: string) => `($4::boolean OR ${month} = ANY($2::date[]) OR ($3::boolean AND ${month} IS NULL))`;
  const dealsIn: DealsIn = (closeDate) =>
    `($4::boolean OR (${closeDate} BETWEEN $5::date AND $6::date AND date_trunc('month', ${closeDate})::date = ANY($2::date[])) OR ($3::boolean AND ${closeDate} IS NULL))`;
  for (const rollup of ROLLUPS) {
    await q.query(`DELETE FROM ${rollup.table} WHERE tenant_id = $1 AND ${monthIn('month')}`, params.slice(0, 4));
    await q.query(`INSERT INTO ${rollup.table} (tenant_id, ${rollup.columns}) SELECT $1, ${rollup.columns} FROM (${rollup.figures(dealsIn)}) f`, params);
  }
}
