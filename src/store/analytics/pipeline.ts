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
     open_deals AS (
       SELECT d.id, d.amount, EXISTS (SELECT 1 FROM touches t JOIN in_scope s ON s.id = t.partner_id WHERE t.deal_id = d.id) AS involved
       FROM deals d WHERE NOT d.is_closed
     )
     SELECT sum(amount) AS amount, count(*) AS deals,
       sum(amount) FILTER (WHERE involved) AS involved_amount, count(*) FILTER (WHERE involved) AS involved_deals
     FROM open_deals`,
    params,
  );
  const { rows } = await q.query<{ key: string; label: string; amount: number; deals: string }>(
    `WITH ${SCOPE_CTES},
     grouped AS (
       SELECT DISTINCT d.id, d.amount, ${group.key} AS key, ${group.label} AS label
       FROM deals d JOIN touches t ON t.deal_id = d.id JOIN in_scope p ON p.id = t.partner_id
       WHERE NOT d.is_closed
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
