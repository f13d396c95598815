import type { PartnerHealthPoint } from '../../domain/healthOverview';
import type { Queryable } from '../db';
import { FIRST_OWN_PARAM, SCOPE_CTES, scopeParams, type AnalyticsScope } from './scope';

const M = FIRST_OWN_PARAM;

/**
 * Each partner of the scope's latest health snapshot at the end of the period (now without
 * one), with the score it is compared with: its latest snapshot by the start of the period, else
 * its earliest one within the period; without a start, its previous one. Reads only the scores,
 * never how they were made.
 */
export async function partnerHealthPoints(q: Queryable, scope: AnalyticsScope): Promise<PartnerHealthPoint[]> {
  // Without a period end, as of now: an evaluation made this very instant counts, as the cards and the API show it.
  const end = scope.to ? new Date(`${scope.to}T00:00:00Z`).getTime() + 86_400_000 : scope.now.getTime() + 1;
  const start = scope.from ? new Date(`${scope.from}T00:00:00Z`) : null;
  const { rows } = await q.query<{ id: string; name: string; region: PartnerHealthPoint['region']; tier: PartnerHealthPoint['tier']; score: number; at_risk: boolean; evaluated_at: Date; baseline: number | null }>(
    `WITH ${SCOPE_CTES},
     latest AS (
       SELECT DISTINCT ON (h.partner_id) h.partner_id, h.score, h.at_risk, h.evaluated_at
       FROM health_snapshots h JOIN in_scope p ON p.id = h.partner_id
       WHERE h.tenant_id = $1 AND h.evaluated_at < $${M}::timestamptz
       ORDER BY h.partner_id, h.evaluated_at DESC
     ),
     baseline AS (
       SELECT DISTINCT ON (h.partner_id) h.partner_id, h.score
       FROM health_snapshots h JOIN latest l ON l.partner_id = h.partner_id
       WHERE h.tenant_id = $1 AND h.evaluated_at < l.evaluated_at
       ORDER BY h.partner_id,
         CASE WHEN $${M + 1}::timestamptz IS NULL THEN h.evaluated_at END DESC NULLS LAST,
         CASE WHEN h.evaluated_at <= $${M + 1}::timestamptz THEN h.evaluated_at END DESC NULLS LAST,
         h.evaluated_at
     )
     SELECT p.id, p.name, p.region, p.tier, l.score, l.at_risk, l.evaluated_at, b.score AS baseline
     FROM latest l JOIN in_scope p ON p.id = l.partner_id LEFT JOIN baseline b ON b.partner_id = l.partner_id
     ORDER BY p.id`,
    [...scopeParams(scope), new Date(end), start],
  );
  return rows.map((r) => ({ partnerId: r.id, name: r.name, region: r.region, tier: r.tier, score: r.score, atRisk: r.at_risk, evaluatedAt: r.evaluated_at, baselineScore: r.baseline }));
}
