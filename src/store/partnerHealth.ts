import type { HealthInputs, HealthScore } from '../domain/healthScore';
import type { Queryable } from './db';

export interface PartnerHealthRow {
  partnerId: string;
  inputs: HealthInputs;
  /** The previous evaluation, for the drop rule. */
  previous: { score: number; atRisk: boolean } | null;
}

/** The health signals of every partner still in business (not prospects, not churned), with their last snapshot. */
export async function listPartnerHealthInputs(q: Queryable, tenantId: string, now: Date): Promise<PartnerHealthRow[]> {
  const { rows } = await q.query<{
    id: string;
    recent: string | number;
    won: string | number;
    lost: string | number;
    last_activity: Date | null;
    prev_score: number | null;
    prev_at_risk: boolean | null;
  }>(
    `SELECT p.id,
       count(r.id) FILTER (WHERE r.submitted_at > $2::timestamptz - interval '90 days') AS recent,
       count(r.id) FILTER (WHERE r.status = 'won' AND r.closed_at > $2::timestamptz - interval '365 days') AS won,
       count(r.id) FILTER (WHERE r.status = 'lost' AND r.closed_at > $2::timestamptz - interval '365 days') AS lost,
       max(GREATEST(r.submitted_at, r.decided_at, r.closed_at)) AS last_activity,
       s.score AS prev_score, s.at_risk AS prev_at_risk
     FROM partners p
     LEFT JOIN deal_registrations r ON r.tenant_id = p.tenant_id AND r.partner_id = p.id AND r.submitted_at <= $2
     LEFT JOIN LATERAL (
       SELECT score, at_risk FROM health_snapshots h WHERE h.tenant_id = p.tenant_id AND h.partner_id = p.id
       ORDER BY evaluated_at DESC LIMIT 1
     ) s ON true
     WHERE p.tenant_id = $1 AND p.status IN ('onboarding', 'active', 'at_risk')
     GROUP BY p.id, s.score, s.at_risk
     ORDER BY p.id`,
    [tenantId, now],
  );
  return rows.map((r) => ({
    partnerId: r.id,
    inputs: {
      recentRegistrations: Number(r.recent),
      won: Number(r.won),
      lost: Number(r.lost),
      daysSinceActivity: r.last_activity ? Math.max(0, Math.floor((now.getTime() - r.last_activity.getTime()) / 86_400_000)) : null,
      // Certifications arrive with the enablement issue; until then the factor is left out.
      certifications: null,
    },
    previous: r.prev_score === null ? null : { score: r.prev_score, atRisk: Boolean(r.prev_at_risk) },
  }));
}

export async function insertHealthSnapshot(
  q: Queryable,
  tenantId: string,
  partnerId: string,
  at: Date,
  health: HealthScore & { atRisk: boolean },
): Promise<void> {
  await q.query(
    `INSERT INTO health_snapshots (tenant_id, partner_id, evaluated_at, score, at_risk, factors) VALUES ($1, $2, $3, $4, $5, $6::jsonb)
     ON CONFLICT (tenant_id, partner_id, evaluated_at) DO NOTHING`,
    [tenantId, partnerId, at, health.score, health.atRisk, JSON.stringify(health.factors)],
  );
}
