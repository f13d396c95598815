import type { Queryable } from '../db';
import { DEAL_FACTS_CTE, EVERY_DEAL, PARTNER_FACTS_CTE, TOUCHED_IN_SCOPE } from './facts';
import { SCOPE_CTES, cents, num, scopeParams, type AnalyticsScope } from './scope';

export const PIPELINE_GROUPS = ['partner', 'region', 'tier'] as const;
export type PipelineGroup = (typeof PIPELINE_GROUPS)[number];

export interface PipelineReport {
  /** Open deals in the period, every one. */
  open: { amount: number; deals: number };
  /** Open deals a partner of the scope has touched. */
  partnerInvolved: { amount: number; deals: number };
  /** Per group, each open deal counted once however many of the group's partners touched it, largest first. */
  groups: Array<{ key: string; label: string; amount: number; deals: number }>;
}

/** Each region under the scope's tier (or each tier under its region) is a partner scope of the deal rollup. */
const SCOPES_OF_GROUP: Record<'region' | 'tier', string> = {
  region: 'f.touched AND f.region = coalesce($6::text, f.region) AND f.tier IS NOT DISTINCT FROM $7::text',
  tier: 'f.touched AND f.tier = coalesce($7::text, f.tier) AND f.region IS NOT DISTINCT FROM $6::text',
};

/** Open pipeline of the period touched by partners, grouped by partner, region or tier; read from the rollups. */
export async function openPipeline(q: Queryable, scope: AnalyticsScope, groupBy: PipelineGroup): Promise<PipelineReport> {
  const params = scopeParams(scope);
  const totals = await q.query<{ amount: number | null; deals: string; involved_amount: number | null; involved_deals: string }>(
    `WITH ${SCOPE_CTES}, ${DEAL_FACTS_CTE}
     SELECT sum(amount) FILTER (WHERE ${EVERY_DEAL}) AS amount, coalesce(sum(deals) FILTER (WHERE ${EVERY_DEAL}), 0) AS deals,
       sum(amount) FILTER (WHERE ${TOUCHED_IN_SCOPE}) AS involved_amount, coalesce(sum(deals) FILTER (WHERE ${TOUCHED_IN_SCOPE}), 0) AS involved_deals
     FROM deal_facts WHERE outcome = 'open'`,
    params,
  );
  const { rows } = await q.query<{ key: string; label: string; amount: number; deals: string }>(
    groupBy === 'partner'
      ? `WITH ${SCOPE_CTES}, ${PARTNER_FACTS_CTE}
         SELECT p.id::text AS key, p.name AS label, sum(f.open_amount) AS amount, sum(f.open_deals) AS deals
         FROM partner_facts f JOIN in_scope p ON p.id = f.partner_id
         GROUP BY p.id, p.name HAVING sum(f.open_deals) > 0 ORDER BY sum(f.open_amount) DESC, p.name, p.id::text`
      : `WITH ${SCOPE_CTES}, ${DEAL_FACTS_CTE}
         SELECT f.${groupBy} AS key, f.${groupBy} AS label, sum(f.amount) AS amount, sum(f.deals) AS deals
         FROM deal_facts f WHERE f.outcome = 'open' AND ${SCOPES_OF_GROUP[groupBy]}
         GROUP BY f.${groupBy} ORDER BY sum(f.amount) DESC, f.${groupBy}`,
    params,
  );
  const t = totals.rows[0]!;
  return {
    open: { amount: cents(num(t.amount)), deals: num(t.deals) },
    partnerInvolved: { amount: cents(num(t.involved_amount)), deals: num(t.involved_deals) },
    groups: rows.map((r) => ({ key: r.key, label: r.label, amount: cents(num(r.amount)), deals: num(r.deals) })),
  };
}
