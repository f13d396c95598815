import type { TierStanding } from '../domain/tierRules';
import type { Queryable } from './db';
import { countCurrentCertifications } from './partnerSignals';

/** What the tier targets measure, per partner, over the 365 days before `now`; revenue in `currency` only. */
export async function loadTierStandings(q: Queryable, tenantId: string, partnerIds: readonly string[], now: Date, currency: string): Promise<Map<string, TierStanding>> {
  const since = new Date(now.getTime() - 365 * 86_400_000);
  const [registrations, certifications] = await Promise.all([
    q.query<{ partner_id: string; won_revenue: string | number; registrations: string | number }>(
      `SELECT partner_id,
         coalesce(sum(amount) FILTER (WHERE status = 'won' AND currency = $5 AND closed_at > $4 AND closed_at <= $3), 0) AS won_revenue,
         count(*) FILTER (WHERE status <> 'rejected' AND submitted_at > $4) AS registrations
       FROM deal_registrations WHERE tenant_id = $1 AND partner_id = ANY($2::uuid[]) AND submitted_at <= $3
       GROUP BY partner_id`,
      [tenantId, [...partnerIds], now, since, currency],
    ),
    countCurrentCertifications(q, tenantId, partnerIds, now),
  ]);
  const byPartner = new Map(registrations.rows.map((r) => [r.partner_id, r]));
  return new Map(
    partnerIds.map((id) => {
      const r = byPartner.get(id);
      return [id, { annualWonRevenue: Number(r?.won_revenue ?? 0), registrations: Number(r?.registrations ?? 0), currentCertifications: certifications.get(id) ?? 0 }];
    }),
  );
}
