import type { PartnerPerformance } from '../domain/performance';
import type { Queryable } from './db';

/** Aggregates for the given partners (all of the tenant's when `partnerIds` is empty), counting the last 365 days of outcomes. */
export async function loadPartnerPerformance(q: Queryable, tenantId: string, partnerIds: readonly string[], now: Date): Promise<Map<string, PartnerPerformance>> {
  const day = 86_400_000;
  const since90 = new Date(now.getTime() - 90 * day);
  const since180 = new Date(now.getTime() - 180 * day);
  const since365 = new Date(now.getTime() - 365 * day);
  const { rows } = await q.query<{
    partner_id: string;
    last90: string | number;
    prev90: string | number;
    won: string | number;
    lost: string | number;
    rejected: string | number;
    expired: string | number;
    last_submitted_at: Date | null;
  }>(
    `SELECT partner_id,
       count(*) FILTER (WHERE submitted_at >= $3) AS last90,
       count(*) FILTER (WHERE submitted_at >= $4 AND submitted_at < $3) AS prev90,
       count(*) FILTER (WHERE status = 'won' AND submitted_at >= $5) AS won,
       count(*) FILTER (WHERE status = 'lost' AND submitted_at >= $5) AS lost,
       count(*) FILTER (WHERE status = 'rejected' AND submitted_at >= $5) AS rejected,
       count(*) FILTER (WHERE status = 'expired' AND submitted_at >= $5) AS expired,
       max(submitted_at) AS last_submitted_at
     FROM deal_registrations
     WHERE tenant_id = $1 AND (cardinality($2::uuid[]) = 0 OR partner_id = ANY($2::uuid[]))
     GROUP BY partner_id`,
    [tenantId, [...partnerIds], since90, since180, since365],
  );
  const pipeline = await q.query<{ partner_id: string; currency: string; amount: string | number; count: string | number }>(
    `SELECT partner_id, currency, sum(amount) AS amount, count(*) AS count FROM deal_registrations
     WHERE tenant_id = $1 AND (cardinality($2::uuid[]) = 0 OR partner_id = ANY($2::uuid[])) AND status IN ('pending', 'approved')
     GROUP BY partner_id, currency ORDER BY partner_id, sum(amount) DESC`,
    [tenantId, [...partnerIds]],
  );
  const result = new Map<string, PartnerPerformance>();
  for (const r of rows) {
    result.set(r.partner_id, {
      partnerId: r.partner_id,
      submittedLast90: Number(r.last90),
      submittedPrevious90: Number(r.prev90),
      won: Number(r.won),
      lost: Number(r.lost),
      rejected: Number(r.rejected),
      expired: Number(r.expired),
      pipeline: [],
      lastSubmittedAt: r.last_submitted_at,
    });
  }
  for (const p of pipeline.rows) {
    result.get(p.partner_id)?.pipeline.push({ currency: p.currency, amount: Number(p.amount), count: Number(p.count) });
  }
  return result;
}
