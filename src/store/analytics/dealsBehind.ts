import type { Crm } from '../../domain/crm';
import type { Region, Tier } from '../../domain/partner';
import type { Queryable } from '../db';
import { FIRST_OWN_PARAM, SCOPE_CTES, cents, countsByCutoff, num, periodDays, scopeParams, type AnalyticsScope } from './scope';

export const DEAL_OUTCOMES = ['open', 'won', 'lost'] as const;
export type DealOutcome = (typeof DEAL_OUTCOMES)[number];

/** Which deals of the scope a chart's figure stands for: those one partner touched, of one outcome. */
export interface DealSelection {
  partnerId: string | null;
  outcome: DealOutcome | null;
}

export interface DealBehind {
  id: string;
  crm: Crm;
  crmId: string;
  name: string;
  amount: number;
  /** Null when the CRM gives no currency code (the CRM's company currency). */
  currency: string | null;
  outcome: DealOutcome;
  closeDate: string | null;
  /** The partners of the scope whose touchpoints on the deal count, by name. */
  partners: Array<{ id: string; name: string; region: Region; tier: Tier }>;
}

export interface DealsBehind {
  /** Per currency, every selected deal once: what the chart's figure for the same filters adds up. */
  totals: Array<{ currency: string | null; amount: number; deals: number }>;
  /** The largest first, at most `limit`. */
  deals: DealBehind[];
}

const M = FIRST_OWN_PARAM;

/**
 * The deals a partner of the scope touched, counted as the rollups count them (close date in the
 * period, touchpoints by the cutoff, duplicates left out), each once however many partners touched it.
 */
const SELECTED_CTES = `${SCOPE_CTES},
touched AS (
  SELECT t.deal_id, t.partner_id FROM touchpoints t JOIN in_scope p ON p.id = t.partner_id
  WHERE t.tenant_id = $1 AND ${periodDays('t.deal_close_date')} AND ${countsByCutoff('t')}
  GROUP BY t.deal_id, t.partner_id
),
selected AS (
  SELECT d.id, d.crm, d.crm_id, d.name, d.amount, d.currency, d.close_date,
    CASE WHEN NOT d.is_closed THEN 'open' WHEN d.is_won THEN 'won' ELSE 'lost' END AS outcome
  FROM crm_deals d
  WHERE d.tenant_id = $1 AND d.duplicate_of IS NULL AND ${periodDays('d.close_date')} AND ($4::text IS NULL OR d.currency = $4::text)
    AND EXISTS (SELECT 1 FROM touched t WHERE t.deal_id = d.id AND ($${M}::uuid IS NULL OR t.partner_id = $${M}::uuid))
),
chosen AS (SELECT * FROM selected WHERE $${M + 1}::text IS NULL OR outcome = $${M + 1}::text)`;

/** The deals behind a figure of the scope, with their totals per currency. */
export async function dealsBehind(q: Queryable, scope: AnalyticsScope, selection: DealSelection, limit: number): Promise<DealsBehind> {
  const params = [...scopeParams(scope), selection.partnerId, selection.outcome];
  const totals = await q.query<{ currency: string | null; amount: string; deals: string }>(
    `WITH ${SELECTED_CTES}
     SELECT currency, sum(amount) AS amount, count(*) AS deals FROM chosen GROUP BY currency ORDER BY count(*) DESC, currency`,
    params,
  );
  const { rows } = await q.query<{
    id: string;
    crm: Crm;
    crm_id: string;
    name: string;
    amount: string;
    currency: string | null;
    outcome: DealOutcome;
    close_date: string | null;
    partners: DealBehind['partners'];
  }>(
    `WITH ${SELECTED_CTES}
     SELECT c.id, c.crm, c.crm_id, c.name, c.amount, c.currency, c.outcome, to_char(c.close_date, 'YYYY-MM-DD') AS close_date,
       json_agg(json_build_object('id', p.id, 'name', p.name, 'region', p.region, 'tier', p.tier) ORDER BY p.name, p.id) AS partners
     FROM chosen c JOIN touched t ON t.deal_id = c.id JOIN in_scope p ON p.id = t.partner_id
     GROUP BY c.id, c.crm, c.crm_id, c.name, c.amount, c.currency, c.outcome, c.close_date
     ORDER BY c.amount DESC, c.name, c.id LIMIT $${M + 2}`,
    [...params, limit],
  );
  return {
    totals: totals.rows.map((r) => ({ currency: r.currency, amount: cents(num(r.amount)), deals: num(r.deals) })),
    deals: rows.map((r) => ({
      id: r.id,
      crm: r.crm,
      crmId: r.crm_id,
      name: r.name,
      amount: cents(num(r.amount)),
      currency: r.currency,
      outcome: r.outcome,
      closeDate: r.close_date,
      partners: r.partners,
    })),
  };
}
