import type { Queryable } from '../db';
import { SCOPE_CTES, cents, num, scopeParams, type AnalyticsScope } from './scope';

export const PIPELINE_GROUPS = ['partner', 'region', 'tier'] as const;
export type PipelineGroup = (typeof PIPELINE_GROUPS)[number];

const GROUP_KEY: Record<PipelineGroup, { key: string; label: string }> = {
  partner: { key: 'p.id::text', label: 'p.name' },
  region: { key: 'p.region', label: 'p.region' },
  tier: { key: 'p.tier', label: 'p.tier' },
};

export interface PipelineReport {
  /** Open deals in the period, every one. */
  open: { amount: number; deals: number };
  /** Open deals a partner of the scope has touched. */
  partnerInvolved: { amount: number; deals: number };
  /** Per group, each open deal counted once however many of the group's partners touched it, largest first. */
  groups: Array<{ key: string; label: string; amount: number; deals: number }>;
}

/** Open pipeline of the period touched by partners, grouped by partner, region or tier. */
export async function openPipeline(q: Queryable, scope: AnalyticsScope, groupBy: PipelineGroup): Promise<PipelineReport> {
  const group = GROUP_KEY[groupBy];
  const params = scopeParams(scope);
  const totals = await q.query<{ amount: number | null; deals: string; involved_amount: number | null; involved_deals: string }>(
    `WITH ${SCOPE_CTES},
     involved AS (SELECT DISTINCT t.deal_id FROM touches t JOIN in_scope s ON s.id = t.partner_id WHERE NOT t.is_closed)
     SELECT sum(d.amount) AS amount, count(*) AS deals,
       sum(d.amount) FILTER (WHERE i.deal_id IS NOT NULL) AS involved_amount, count(i.deal_id) AS involved_deals
     FROM deals d LEFT JOIN involved i ON i.deal_id = d.id
     WHERE NOT d.is_closed`,
    params,
  );
  const { rows } = await q.query<{ key: string; label: string; amount: number; deals: string }>(
    `WITH ${SCOPE_CTES},
     grouped AS (
       SELECT DISTINCT t.deal_id, t.amount, ${group.key} AS key, ${group.label} AS label
       FROM touches t JOIN in_scope p ON p.id = t.partner_id
       WHERE NOT t.is_closed
     )
     SELECT key, label, sum(amount) AS amount, count(*) AS deals FROM grouped GROUP BY key, label ORDER BY sum(amount) DESC, label, key`,
    params,
  );
  const t = totals.rows[0]!;
  return {
    open: { amount: cents(num(t.amount)), deals: num(t.deals) },
    partnerInvolved: { amount: cents(num(t.involved_amount)), deals: num(t.involved_deals) },
    groups: rows.map((r) => ({ key: r.key, label: r.label, amount: cents(num(r.amount)), deals: num(r.deals) })),
  };
}
