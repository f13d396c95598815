import type { Queryable } from './db';

/**
 * Pending registrations submitted before `submittedBefore` that have no SLA alert yet:
 * each is announced once, however often the sweep runs.
 */
export async function listOverdueUnflagged(q: Queryable, tenantId: string, submittedBefore: Date, limit: number) {
  const { rows } = await q.query<{ id: string; submitted_at: Date }>(
    `SELECT r.id, r.submitted_at FROM deal_registrations r
     WHERE r.tenant_id = $1 AND r.status = 'pending' AND r.submitted_at < $2
       AND NOT EXISTS (SELECT 1 FROM alerts a WHERE a.tenant_id = r.tenant_id AND a.kind = 'sla_breached' AND a.subject_id = r.id::text)
     ORDER BY r.submitted_at LIMIT $3`,
    [tenantId, submittedBefore, limit],
  );
  return rows.map((r) => ({ id: r.id, submittedAt: r.submitted_at }));
}
