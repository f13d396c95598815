import type { Queryable } from './db';

/** Up to when a tenant's touchpoints and rollups reflect its changes (database clock); null before the first rebuild. */
export async function getTouchpointWatermark(q: Queryable, tenantId: string): Promise<Date | null> {
  const { rows } = await q.query<{ rebuilt_through: Date }>('SELECT rebuilt_through FROM touchpoint_rebuilds WHERE tenant_id = $1', [tenantId]);
  return rows[0]?.rebuilt_through ?? null;
}

/** Records a rebuild that saw every change committed before the current transaction began. */
export async function saveTouchpointWatermark(q: Queryable, tenantId: string): Promise<void> {
  await q.query(
    `INSERT INTO touchpoint_rebuilds (tenant_id, rebuilt_through) VALUES ($1, now())
     ON CONFLICT (tenant_id) DO UPDATE SET rebuilt_through = EXCLUDED.rebuilt_through`,
    [tenantId],
  );
}

/**
 * The deals whose touchpoints may have changed since `since`: deals changed themselves (figures,
 * customer, which CRM copy counts, and the other copy of such a deal), deals of customers whose
 * registrations changed, deals a changed co-sell engagement names or whose customer it is on,
 * and deals touched by partners that changed (their region and tier are in the rollups).
 */
export async function dealsChangedSince(q: Queryable, tenantId: string, since: Date): Promise<string[]> {
  const { rows } = await q.query<{ id: string }>(
    `WITH changed AS (
       SELECT id, duplicate_of FROM crm_deals WHERE tenant_id = $1 AND changed_at >= $2
     )
     SELECT id FROM changed
     UNION SELECT duplicate_of FROM changed WHERE duplicate_of IS NOT NULL
     UNION SELECT d.id FROM crm_deals d JOIN changed c ON d.duplicate_of = c.id WHERE d.tenant_id = $1
     UNION
     SELECT d.id FROM deal_registrations r JOIN crm_deals d ON d.tenant_id = r.tenant_id AND d.account_id = r.account_id
     WHERE r.tenant_id = $1 AND r.updated_at >= $2
     UNION
     SELECT d.id FROM co_sell_engagements e JOIN crm_deals d ON d.tenant_id = e.tenant_id AND d.account_id = e.account_id
     WHERE e.tenant_id = $1 AND e.changed_at >= $2 AND e.crm_deal_ref IS NULL
     UNION
     SELECT coalesce(d.duplicate_of, d.id) FROM co_sell_engagements e JOIN crm_deals d ON d.tenant_id = e.tenant_id AND d.ref = e.crm_deal_ref
     WHERE e.tenant_id = $1 AND e.changed_at >= $2
     UNION
     SELECT t.deal_id FROM partners p JOIN touchpoints t ON t.tenant_id = p.tenant_id AND t.partner_id = p.id
     WHERE p.tenant_id = $1 AND p.updated_at >= $2`,
    [tenantId, since],
  );
  return rows.map((r) => r.id);
}
