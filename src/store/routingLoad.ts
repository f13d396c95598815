import { OPEN_REFERRAL_STATUSES } from '../domain/referral';
import type { Queryable } from './db';

const countsByPartner = (rows: { partner_id: string; n: string | number }[]) => new Map(rows.map((r) => [r.partner_id, Number(r.n)]));

/** Each partner's open referrals, the load capacity limits are checked against. */
export async function openReferralCounts(q: Queryable, tenantId: string): Promise<Map<string, number>> {
  const { rows } = await q.query<{ partner_id: string; n: string | number }>(
    `SELECT partner_id, count(*) AS n FROM referrals
     WHERE tenant_id = $1 AND partner_id IS NOT NULL AND status = ANY($2::text[]) GROUP BY partner_id`,
    [tenantId, [...OPEN_REFERRAL_STATUSES]],
  );
  return countsByPartner(rows);
}

/** Each partner's assignments since a moment, the load fairness evens out. */
export async function recentAssignmentCounts(q: Queryable, tenantId: string, since: Date): Promise<Map<string, number>> {
  const { rows } = await q.query<{ partner_id: string; n: string | number }>(
    'SELECT partner_id, count(*) AS n FROM referral_assignments WHERE tenant_id = $1 AND assigned_at >= $2 GROUP BY partner_id',
    [tenantId, since],
  );
  return countsByPartner(rows);
}
