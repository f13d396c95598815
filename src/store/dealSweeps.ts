import type { Crm } from '../domain/crm';
import type { Queryable } from './db';

export interface DealSweepState {
  watermark: Date | null;
  lastRunAt: Date | null;
  lastError: string | null;
}

/** Where a connection's deal sweep stands: the CRM modification stamp it has read up to. */
export async function getDealSweep(q: Queryable, tenantId: string, crm: Crm): Promise<DealSweepState | null> {
  const { rows } = await q.query<{ watermark: Date | null; last_run_at: Date | null; last_error: string | null }>(
    'SELECT watermark, last_run_at, last_error FROM crm_deal_sweeps WHERE tenant_id = $1 AND crm = $2',
    [tenantId, crm],
  );
  const r = rows[0];
  return r ? { watermark: r.watermark, lastRunAt: r.last_run_at, lastError: r.last_error } : null;
}

export async function saveDealSweep(q: Queryable, tenantId: string, crm: Crm, state: DealSweepState): Promise<void> {
  await q.query(
    `INSERT INTO crm_deal_sweeps (tenant_id, crm, watermark, last_run_at, last_error) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (tenant_id, crm) DO UPDATE SET watermark = EXCLUDED.watermark, last_run_at = EXCLUDED.last_run_at, last_error = EXCLUDED.last_error`,
    [tenantId, crm, state.watermark, state.lastRunAt, state.lastError],
  );
}
